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

export function startSchedules(onError: (name: string, error: unknown) => void): () => void {
  const timers = scheduledFunctions().map((fn) =>
    setInterval(() => runScheduled(fn.functionName).catch((error) => onError(fn.functionName, error)), fn.everyMs),
  );
  return () => {
    for (const t of timers) clearInterval(t);
  };
}
