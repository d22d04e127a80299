import type { ServiceItemSummary } from '../shared';

/** `0` → 免费, `1050` → ¥10.50 (amounts are integer fen). */
export const formatFee = (feeFen: number): string => (feeFen === 0 ? '免费' : `¥${(feeFen / 100).toFixed(2)}`);

/** The guide's wording for the fee: 0 → 不收费. */
export const formatFeeStandard = (feeFen: number): string =>
  feeFen === 0 ? '不收费' : `¥${(feeFen / 100).toFixed(2)}`;

export const formatVisits = (visits: ServiceItemSummary['visits']): string => (visits === 0 ? '零跑腿' : '最多跑一次');

export const formatWorkingDays = (days: number): string => (days === 0 ? '即时办结' : `${days} 个工作日`);

/** `2025-03-01T10:00:00+08:00` → `2025年3月1日 10:00` in the device's time zone. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}年${date.getMonth() + 1}月${date.getDate()}日 ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A calendar date `2025-03-05` (China date, no time) → `2025年3月5日`. */
export function formatDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** An amount in integer fen as yuan: `20000` → `¥200.00` (never 免费; for fines and payments). */
export const formatYuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;
