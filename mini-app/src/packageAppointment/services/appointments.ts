import { request } from '../../services/request';
import type { AppointmentView, BookAppointmentRequest, HallDayView, HallView } from '../../shared';

/** 预约办理: service halls, their free places, and the citizen's window appointments. */

/** The halls whose windows handle the item (public). 404 SERVICE_ITEM_NOT_FOUND. */
export const fetchHalls = async (itemCode: string): Promise<HallView[]> =>
  (await request<{ halls: HallView[] }>('/appointments/halls', { auth: false, query: { itemCode } })).halls;

/** Free places per slot on the bookable working days, soonest first (public). 404 APPOINTMENT_HALL_NOT_FOUND. */
export const fetchSchedule = async (hallId: string): Promise<HallDayView[]> =>
  (await request<{ days: HallDayView[] }>('/appointments/slots', { auth: false, query: { hallId } })).days;

/** The citizen's appointments, latest date first. */
export const fetchMyAppointments = async (): Promise<AppointmentView[]> =>
  (await request<{ items: AppointmentView[] }>('/appointments')).items;

/**
 * 403 IDENTITY_REQUIRED / APPOINTMENT_SUSPENDED, 409 APPOINTMENT_SLOT_FULL / APPOINTMENT_TIME_TAKEN /
 * APPOINTMENT_LIMIT_REACHED, 422 APPOINTMENT_SLOT_UNAVAILABLE / APPOINTMENT_HALL_NOT_FOR_ITEM.
 */
export const bookAppointment = (body: BookAppointmentRequest): Promise<AppointmentView> =>
  request<AppointmentView>('/appointments', { method: 'POST', data: body });

/** 409 APPOINTMENT_NOT_CANCELLABLE, 404 APPOINTMENT_NOT_FOUND. */
export const cancelAppointment = (id: string): Promise<AppointmentView> =>
  request<AppointmentView>(`/appointments/${encodeURIComponent(id)}/cancel`, { method: 'POST' });

const WEEKDAY = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** `2025-03-05` → `3月5日` (a China calendar date; no time zone involved). */
export function shortDate(date: string): string {
  const match = /^\d{4}-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${Number(match[1])}月${Number(match[2])}日` : date;
}

/** `2025-03-05` → `周三`. */
export function weekdayOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAY[day] ?? '';
}

/** Today's date in China (the halls' calendar), from the device clock. */
export const chinaToday = (now = Date.now()): string => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** `2025-03-05` → `2025年3月5日 周三`. */
export const longDate = (date: string): string => {
  const match = /^(\d{4})-\d{2}-\d{2}$/.exec(date);
  return match ? `${match[1]}年${shortDate(date)} ${weekdayOf(date)}` : date;
};
