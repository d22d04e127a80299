/**
 * Structured JSON logs. Callers never pass personal data on purpose; as a safety net every
 * string is scrubbed of anything shaped like an ID number or a mobile number.
 */
const ID_NUMBER = /(?<!\d)(\d{3})\d{11}(\d{3}[\dXx])(?!\d)/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

export const scrub = (text: string): string => text.replace(ID_NUMBER, '$1***********$2').replace(MOBILE, '$1****$2');

function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrub(value);
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return { name: value.name, message: scrub(value.message), stack: scrub(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v, depth + 1)]));
}

type Level = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (RANK[level] < RANK[(process.env.LOG_LEVEL as Level) ?? 'info']) return;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message: scrub(message),
    ...(scrubValue(fields) as object),
  });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
