import { z } from 'zod';
import type { DepartmentCode } from '../catalogue/departments';

/** A window appointment's life: booked, then cancelled by the citizen, checked in at the window, or a no-show. */
export const AppointmentStatus = z.enum(['booked', 'cancelled', 'checked-in', 'no-show']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_STATUS_LABEL: Record<AppointmentStatus, string> = {
  booked: '已预约',
  cancelled: '已取消',
  'checked-in': '已到号',
  'no-show': '已爽约',
};

const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' });
const TimeString = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:MM' });

export const BookAppointmentRequest = z
  .object({
    hallId: z.string().min(1).max(40),
    date: DateString,
    time: TimeString,
    /** The service item to be handled at the window. */
    itemCode: z.string().min(1).max(40),
    /** The citizen's own case this visit is for (e.g. checking originals, 先批后办), if any. */
    applicationId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type BookAppointmentRequest = z.infer<typeof BookAppointmentRequest>;

/** GET /appointments/halls — the halls, or those that handle one item. */
export const HallsQuery = z.object({ itemCode: z.string().min(1).max(40).optional() });

export const SlotQuery = z.object({ hallId: z.string().min(1).max(40), date: DateString.optional() });

export interface SlotView {
  time: string;
  capacity: number;
  remaining: number;
  /** False once full, started or too close to its start. */
  bookable: boolean;
}

export interface HallDayView {
  date: string;
  slots: SlotView[];
}

export interface HallView {
  id: string;
  name: string;
  address: string;
  departments: DepartmentCode[];
}

export interface AppointmentView {
  /** Also the booking number (预约号) the citizen shows at the window. */
  id: string;
  hallId: string;
  hallName: string;
  hallAddress: string;
  date: string;
  time: string;
  itemCode: string;
  itemName: string;
  applicationId?: string;
  status: AppointmentStatus;
  cancellable: boolean;
}

/** One row of a hall's day list in the back office. */
export interface OfficerAppointmentView {
  id: string;
  hallId: string;
  date: string;
  time: string;
  itemCode: string;
  itemName: string;
  department: DepartmentCode;
  applicantNameMasked: string;
  status: AppointmentStatus;
  applicationId?: string;
}

export const OfficerAppointmentQuery = z.object({
  hallId: z.string().min(1).max(40),
  date: DateString.optional(),
});
