import { DEPARTMENTS, type DepartmentCode, departmentName } from '../shared';

/** Times are shown in China time, whatever the PC's own time zone. */
const CHINA_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function chinaParts(iso: string): Record<string, string> | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  return Object.fromEntries(CHINA_TIME.formatToParts(date).map((p) => [p.type, p.value]));
}

const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

/** Today's date in China (`2026-03-02`), whatever the PC's own time zone. */
export function chinaToday(): string {
  return CHINA_DATE.format(new Date());
}

/** This month in China (`2026-03`). */
export function chinaMonth(): string {
  return chinaToday().slice(0, 7);
}

/** `2026-01` moved by `delta` months (`-1` → `2025-12`). */
export function shiftMonth(month: string, delta: number): string {
  const [year = 0, m = 1] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + delta;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** `2026-03-02T01:05:00Z` → `2026-03-02 09:05`. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '—';
  const p = chinaParts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : iso;
}

/** A China date (`2026-03-02`) as is; a timestamp as its China date. */
export function formatDate(value: string | undefined): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const p = chinaParts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : value;
}

const DEPARTMENT_CODES = new Set<string>(DEPARTMENTS.map((d) => d.code));

/** Units that own no service item but have officers (the inspectors' own unit). */
const OTHER_UNITS: Record<string, string> = { supervision: '督察', administration: '科技信息化' };

/** Departments arrive as codes (`criminal`); officers read names (刑侦). Unknown values show as sent. */
export function departmentLabel(department: string): string {
  if (DEPARTMENT_CODES.has(department)) return departmentName(department as DepartmentCode);
  return OTHER_UNITS[department] ?? department;
}

/** Working days left, in words an officer reads at a glance. */
export function workingDaysText(days: number | undefined, paused: boolean): string {
  if (days === undefined) return paused ? '计时暂停' : '—';
  if (paused) return `暂停（剩 ${days} 个工作日）`;
  if (days < 0) return `超期 ${-days} 个工作日`;
  if (days === 0) return '今日到期';
  return `${days} 个工作日`;
}
