import {
  AppError,
  chinaDateOf,
  DEPARTMENTS,
  type DepartmentStatistics,
  isBadReview,
  TERMINAL_STATUSES,
  type WorkingDayCalendar,
  workingDaysBetween,
} from '@minsheng/shared';
import type { ApplicationRecord } from '../repositories/applications';
import { listStatsFacts, type StatsFact, statsPut } from '../repositories/statistics';
import type { Officer } from './officer-auth';

/**
 * Monthly statistics for the back office (办件统计): cases received, cases ended by outcome,
 * on-time rate against the promised limit, average working days taken, and 好差评. Facts are
 * recorded by the events themselves (see repositories/statistics); a report only reads them.
 */

const monthOf = (iso: string) => chinaDateOf(iso).slice(0, 7);

/**
 * The statistics fact a transition produces, for its own transaction: a submission, or the end
 * of the case (with whether it ended within the promised limit — a paused clock counts as on time).
 */
export function transitionFact(before: ApplicationRecord, after: ApplicationRecord, calendar: WorkingDayCalendar) {
  const base = { caseId: after.id, itemCode: after.itemCode, at: after.updatedAt };
  if (before.status === 'draft') {
    // A draft withdrawn was never received: it counts neither as received nor as ended.
    return after.status === 'submitted'
      ? statsPut(after.department, monthOf(after.updatedAt), { kind: 'SUB', ...base })
      : undefined;
  }
  if (!TERMINAL_STATUSES.includes(after.status) || TERMINAL_STATUSES.includes(before.status)) return undefined;
  const closed = chinaDateOf(after.updatedAt);
  const onTime = !before.dueDate || closed <= before.dueDate;
  const workingDays = before.submittedAt ? workingDaysBetween(chinaDateOf(before.submittedAt), closed, calendar) : 0;
  return statsPut(after.department, monthOf(after.updatedAt), {
    kind: 'END',
    ...base,
    outcome: after.status,
    onTime,
    workingDays,
  });
}

export const ratingFact = (record: ApplicationRecord, score: number, at: string) =>
  statsPut(record.department, monthOf(at), { kind: 'RATE', caseId: record.id, itemCode: record.itemCode, at, score });

const round1 = (n: number) => Math.round(n * 10) / 10;

export function summarise(department: string, month: string, facts: StatsFact[]): DepartmentStatistics {
  const ended = facts.filter((f): f is Extract<StatsFact, { kind: 'END' }> => f.kind === 'END');
  const decided = ended.filter((f) => f.outcome !== 'withdrawn');
  const ratings = facts.filter((f): f is Extract<StatsFact, { kind: 'RATE' }> => f.kind === 'RATE');
  const outcomes: Record<string, number> = {};
  for (const f of ended) outcomes[f.outcome] = (outcomes[f.outcome] ?? 0) + 1;
  const good = ratings.filter((r) => r.score >= 4).length;
  const bad = ratings.filter((r) => isBadReview(r.score)).length;
  return {
    department,
    month,
    received: facts.filter((f) => f.kind === 'SUB').length,
    ended: ended.length,
    outcomes,
    onTimeRate: decided.length ? round1((100 * decided.filter((f) => f.onTime).length) / decided.length) : null,
    averageWorkingDays: decided.length
      ? round1(decided.reduce((sum, f) => sum + f.workingDays, 0) / decided.length)
      : null,
    ratings: {
      count: ratings.length,
      average: ratings.length ? round1(ratings.reduce((s, r) => s + r.score, 0) / ratings.length) : null,
      good,
      bad,
      satisfactionRate: ratings.length ? round1((100 * good) / ratings.length) : null,
    },
  };
}

/**
 * The month's statistics for the officer's department, or every department for an inspector.
 * @throws AppError ROLE_NOT_ALLOWED (scope all for a non-inspector)
 */
export async function monthlyStatistics(
  officer: Officer,
  month: string,
  scope: 'department' | 'all',
): Promise<DepartmentStatistics[]> {
  const inspector = officer.role === 'inspector';
  if (scope === 'all' && !inspector) throw new AppError('ROLE_NOT_ALLOWED');
  const departments = inspector ? DEPARTMENTS.map((d) => d.code as string) : [officer.department];
  return Promise.all(departments.map(async (d) => summarise(d, month, await listStatsFacts(d, month))));
}
