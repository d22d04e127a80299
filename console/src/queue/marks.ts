import type { DueMark, QueueEntry } from '../shared';

export const DUE_MARKS: readonly DueMark[] = ['red', 'yellow', 'paused', 'normal'];

export function countMarks(items: readonly QueueEntry[]): Record<DueMark, number> {
  const counts: Record<DueMark, number> = { normal: 0, yellow: 0, red: 0, paused: 0 };
  for (const item of items) if (item.dueMark in counts) counts[item.dueMark] += 1;
  return counts;
}
