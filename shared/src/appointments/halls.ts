import { addWorkingDays, type WorkingDayCalendar } from '../calendar/working-days';
import type { DepartmentCode } from '../catalogue/departments';

/**
 * Service halls (办事大厅) that take window appointments (预约办理). Adding a hall is adding
 * data. Each half-day session is cut into slots; a slot takes as many citizens as the hall
 * opens windows for it.
 */
export interface ServiceHall {
  id: string;
  name: string;
  address: string;
  /** Departments whose items are handled at this hall's windows. */
  departments: readonly DepartmentCode[];
  /** Citizens per slot (the windows open for appointments). */
  windowsPerSlot: number;
  /** Opening sessions on working days, China time, `HH:MM`. */
  sessions: readonly { from: string; to: string }[];
  slotMinutes: number;
}

export const SERVICE_HALLS: readonly ServiceHall[] = [
  {
    id: 'citizen-centre',
    name: '市民服务中心公安综合窗口',
    address: '市政务服务中心二楼 B 区',
    departments: ['household', 'public-order', 'criminal', 'narcotics', 'fire', 'cyber', 'tech-defence'],
    windowsPerSlot: 4,
    sessions: [
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:00' },
    ],
    slotMinutes: 30,
  },
  {
    id: 'exit-entry-hall',
    name: '市出入境接待大厅',
    address: '东大路 128 号公安局出入境管理支队一楼',
    departments: ['exit-entry'],
    windowsPerSlot: 6,
    sessions: [
      { from: '09:00', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ],
    slotMinutes: 30,
  },
  {
    id: 'vehicle-office',
    name: '市车辆管理所业务大厅',
    address: '机场路 66 号车管所',
    departments: ['traffic'],
    windowsPerSlot: 5,
    sessions: [
      { from: '08:30', to: '12:00' },
      { from: '14:00', to: '17:30' },
    ],
    slotMinutes: 30,
  },
  {
    id: 'gulou-station',
    name: '鼓楼派出所户籍窗口',
    address: '鼓楼区杨桥中路 9 号',
    departments: ['household'],
    windowsPerSlot: 2,
    sessions: [
      { from: '09:00', to: '12:00' },
      { from: '14:30', to: '17:30' },
    ],
    slotMinutes: 30,
  },
];

export const findHall = (id: string): ServiceHall | undefined => SERVICE_HALLS.find((h) => h.id === id);

export const hallsFor = (department: DepartmentCode): ServiceHall[] =>
  SERVICE_HALLS.filter((h) => h.departments.includes(department));

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Slot start times of a hall on a date: none on holidays and weekends (make-up working days included). */
export function hallSlotTimes(hall: ServiceHall, date: string, calendar: WorkingDayCalendar): string[] {
  if (!calendar.isWorkingDay(date)) return [];
  const times: string[] = [];
  for (const { from, to } of hall.sessions) {
    for (let m = minutesOf(from); m + hall.slotMinutes <= minutesOf(to); m += hall.slotMinutes) times.push(timeOf(m));
  }
  return times;
}

/** Working days a citizen may book: today and the next APPOINTMENT_RULES.horizonWorkingDays working days. */
export function bookableDates(today: string, calendar: WorkingDayCalendar): string[] {
  const after = Array.from({ length: APPOINTMENT_RULES.horizonWorkingDays }, (_, i) =>
    addWorkingDays(today, i + 1, calendar),
  );
  return calendar.isWorkingDay(today) ? [today, ...after] : after;
}

export const APPOINTMENT_RULES = {
  /** How far ahead a slot may be booked, in working days after today. */
  horizonWorkingDays: 7,
  /** A slot can be booked until this many minutes before it starts. */
  bookingLeadMinutes: 30,
  /** Upcoming appointments one citizen may hold at once. */
  maxActivePerCitizen: 3,
  /** No-shows within this many days that suspend online booking. */
  noShowWindowDays: 90,
  noShowLimit: 3,
} as const;

/** Minutes from China-time `now` (`YYYY-MM-DDTHH:MM`) to the slot's start; negative once it has begun. */
export function minutesUntil(slotDate: string, slotTime: string, nowChina: { date: string; time: string }): number {
  const days = (Date.parse(`${slotDate}T00:00:00Z`) - Date.parse(`${nowChina.date}T00:00:00Z`)) / 86_400_000;
  return days * 1440 + minutesOf(slotTime) - minutesOf(nowChina.time);
}
