import { resolve } from 'node:path';
import { REPO_ROOT, scheduledFunctions } from './serverless-manifest';

/**
 * Fires the `schedule` events serverless.yml declares, as EventBridge does in the cloud:
 * the real handler, with a scheduled-event payload. `npm start` runs them on their rate;
 * tests fire one on demand, optionally as if at another time (the event's `time`).
 */
export async function runScheduled(functionName: string, time: Date = new Date()): Promise<unknown> {
  const fn = scheduledFunctions().find((f) => f.functionName === functionName);
  if (!fn) throw new Error(`No scheduled function ${functionName} in serverless.yml`);
  const dot = fn.handler.lastIndexOf('.');
  const mod = await import(resolve(REPO_ROOT, fn.handler.slice(0, dot)));
  const handler = mod[fn.handler.slice(dot + 1)] as (event: unknown) => Promise<unknown>;
  return handler({
    version: '0',
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    time: time.toISOString(),
    detail: {},
  });
}

/** Milliseconds from `now` to the next `hour:minute` UTC. */
export function msUntilDaily(at: { hour: number; minute: number }, now: Date = new Date()): number {
  const next = new Date(now);
  next.setUTCHours(at.hour, at.minute, 0, 0);
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next.getTime() - now.getTime();
}

export function startSchedules(onError: (name: string, error: unknown) => void): () => void {
  const timers: NodeJS.Timeout[] = [];
  for (const fn of scheduledFunctions()) {
    const fire = () => runScheduled(fn.functionName).catch((error) => onError(fn.functionName, error));
    if (!fn.dailyAtUtc) {
      timers.push(setInterval(fire, fn.everyMs));
      continue;
    }
    timers.push(
      setTimeout(() => {
        void fire();
        timers.push(setInterval(fire, fn.everyMs));
      }, msUntilDaily(fn.dailyAtUtc)),
    );
  }
  return () => {
    for (const t of timers) {
      clearTimeout(t);
      clearInterval(t);
    }
  };
}
