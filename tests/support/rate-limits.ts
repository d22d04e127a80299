/**
 * Rate limits count in fixed windows aligned to the epoch (a minute, an hour). A test that
 * exhausts an allowance must not straddle a window's end, or the count starts afresh midway:
 * wait for the next window when fewer than `neededSeconds` are left in this one.
 */
export async function withinOneWindow(windowSeconds: number, neededSeconds: number): Promise<void> {
  const left = windowSeconds - ((Date.now() / 1000) % windowSeconds);
  if (left < neededSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 100));
}
