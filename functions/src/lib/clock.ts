/** Time source; domain code takes `now` from here so tests can pin it. */
export const nowMs = (): number => Date.now();
export const nowIso = (ms: number = nowMs()): string => new Date(ms).toISOString();
export const epochSeconds = (ms: number = nowMs()): number => Math.floor(ms / 1000);

/** Calendar date in China Standard Time (UTC+8), used for per-day quotas. */
export const chinaDate = (ms: number = nowMs()): string => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

/** Date and minute in China Standard Time, as a service hall's clock shows them. */
export function chinaDateTime(ms: number = nowMs()): { date: string; time: string } {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
