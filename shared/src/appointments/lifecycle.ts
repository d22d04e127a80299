import type { AppointmentStatus } from './schemas';

/**
 * The appointment lifecycle: booked, then closed once by one event. The event names are also
 * the audit actions recorded for the appointment. Closed appointments have no exits.
 */
export type AppointmentEvent = 'cancel' | 'check-in' | 'no-show';

export const APPOINTMENT_EVENT_LABEL = {
  cancel: '取消预约',
  'check-in': '到号',
  'no-show': '记爽约',
} as const satisfies Record<AppointmentEvent, string>;

export const APPOINTMENT_TRANSITIONS = {
  booked: { cancel: 'cancelled', 'check-in': 'checked-in', 'no-show': 'no-show' },
  cancelled: {},
  'checked-in': {},
  'no-show': {},
} as const satisfies Record<AppointmentStatus, Partial<Record<AppointmentEvent, AppointmentStatus>>>;

export function nextAppointmentStatus(
  status: AppointmentStatus,
  event: AppointmentEvent,
): AppointmentStatus | undefined {
  return (APPOINTMENT_TRANSITIONS[status] as Partial<Record<AppointmentEvent, AppointmentStatus>>)[event];
}
