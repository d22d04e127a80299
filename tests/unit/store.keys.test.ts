import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  cursor,
  GSI_EXACT,
  GSI_PREFIX,
  indexKeys,
  keys,
  PK_EXACT,
  PK_PREFIX,
  queueCursor,
  SK_FORMATS,
} from '../../functions/src/store/keys';

/** Pairs of formats that could name the same key: equal, or a prefix (ending `#`) starting the other. */
function collisions(formats: readonly string[]): string[] {
  const found: string[] = [];
  formats.forEach((a, i) => {
    formats.forEach((b, j) => {
      if (i === j) return;
      if (a === b && i < j) found.push(`${a} = ${b}`);
      if (a !== b && a.endsWith('#') && b.startsWith(a)) found.push(`${a} starts ${b}`);
    });
  });
  return found;
}

/** The registered format a key value belongs to (a prefix it starts with, or an exact match). */
const formatOf = (value: string, prefixes: Record<string, string>, exact: Record<string, string> = {}) =>
  Object.entries(exact).find(([, v]) => v === value)?.[0] ??
  Object.entries(prefixes).find(([, p]) => value.startsWith(p))?.[0];

describe('the key registry', () => {
  it('has unique, prefix-free partition formats in the table and in each index', () => {
    expect(collisions([...Object.values(PK_PREFIX), ...Object.values(PK_EXACT)])).toEqual([]);
    for (const index of ['GSI1', 'GSI2', 'GSI3'] as const) {
      const exact = index === 'GSI1' ? Object.values(GSI_EXACT.GSI1) : [];
      expect(collisions([...Object.values(GSI_PREFIX[index]), ...exact])).toEqual([]);
    }
  });

  it('has prefix-free sort-key formats within each kind of partition', () => {
    for (const [kind, formats] of Object.entries(SK_FORMATS)) {
      expect({ kind, collisions: collisions(formats) }).toEqual({ kind, collisions: [] });
    }
  });

  it('lists every entity: each builder lands in a registered format, and each format is used', () => {
    // Arguments that make a builder's output meaningful where a plain 'x' would not.
    const sample: Record<string, unknown[]> = {
      paymentSubject: ['violation', 'v1'],
      sessionFamily: ['u1', keys.sessionFamilySk(1700000000, 'f1')],
      statsFact: ['traffic', '2026-01', 'SUB', 'c1'],
      queue: ['traffic', 'open', '2026-01-01', 'a1'],
    };
    const usedPk = new Set<string>();
    const usedGsi = new Set<string>();
    for (const [name, build] of Object.entries({ ...keys, ...indexKeys })) {
      if (typeof build !== 'function') continue;
      const out = (build as (...a: unknown[]) => unknown)(...(sample[name] ?? Array(build.length).fill('x')));
      if (typeof out !== 'object' || out === null) continue;
      const key = out as Record<string, string> & { SK: string };
      if (key.PK !== undefined) {
        const kind = formatOf(key.PK, PK_PREFIX, PK_EXACT);
        expect({ name, kind }).toEqual({ name, kind: expect.any(String) });
        usedPk.add(kind as string);
        const skFormats = SK_FORMATS[kind as keyof typeof SK_FORMATS] as readonly string[] | undefined;
        if (skFormats) {
          const matches = skFormats.some((f) => (f.endsWith('#') ? key.SK.startsWith(f) : key.SK === f));
          expect({ name, SK: key.SK, matches }).toEqual({ name, SK: key.SK, matches: true });
        }
      }
      for (const index of ['GSI1', 'GSI2', 'GSI3'] as const) {
        const value = key[`${index}PK`];
        if (value === undefined) continue;
        const kind = formatOf(value, GSI_PREFIX[index], index === 'GSI1' ? GSI_EXACT.GSI1 : {});
        expect({ name, kind }).toEqual({ name, kind: expect.any(String) });
        usedGsi.add(`${index}.${kind}`);
      }
    }
    // The other payment subject is built by the same builder with the other purpose.
    usedPk.add(formatOf(keys.paymentSubject('application', 'a1').PK, PK_PREFIX) as string);
    usedGsi.add(`GSI1.${formatOf(indexKeys.financePayments('t', 'n').GSI1PK, {}, GSI_EXACT.GSI1)}`);
    expect([...usedPk].sort()).toEqual([...Object.keys(PK_PREFIX), ...Object.keys(PK_EXACT)].sort());
    const allGsi = [
      ...Object.entries(GSI_PREFIX).flatMap(([i, p]) => Object.keys(p).map((k) => `${i}.${k}`)),
      ...Object.keys(GSI_EXACT.GSI1).map((k) => `GSI1.${k}`),
    ];
    expect([...usedGsi].sort()).toEqual(allGsi.sort());
  });

  it('keeps the exact strings of existing data', () => {
    expect(keys.application('a1')).toEqual({ PK: 'APP#a1', SK: 'APP' });
    expect(keys.applicationAudit('a1', 7)).toEqual({ PK: 'APP#a1', SK: 'AUDIT#00000007' });
    expect(keys.sessionFamilySk(42, 'f')).toBe('SESSION#000000000042#f');
    expect(keys.caseNumberCounter('traffic', '2026-03-04')).toEqual({ PK: 'CASENO#traffic#20260304', SK: 'COUNTER' });
    expect(keys.paymentSubject('violation', 'v1')).toEqual({ PK: 'VIOLATION#v1', SK: 'PAYMENT' });
    expect(keys.calendarYear(2026)).toEqual({ PK: 'CALENDAR', SK: 'YEAR#2026' });
    expect(indexKeys.queue('traffic', 'open', '2026-01-02', 'a1')).toEqual({
      GSI1PK: 'QUEUE#traffic#open',
      GSI1SK: '2026-01-02#a1',
    });
    expect(indexKeys.citizenAppointments('u', '2026-01-02', '09:00', 'h', 'p')).toEqual({
      GSI2PK: 'APPTS#u',
      GSI2SK: '2026-01-02#09:00#h#p',
    });
  });
});

describe('the cursor codec', () => {
  const last = { GSI1PK: 'QUEUE#traffic#open', GSI1SK: '2026-01-02#a1', PK: 'APP#a1', SK: 'APP' };

  it('round-trips the last key of a queue page', () => {
    expect(queueCursor.decode(queueCursor.encode(last), 'traffic', 'open')).toEqual(last);
  });

  it("refuses another queue's key, another shape, and garbage", () => {
    const encoded = queueCursor.encode(last);
    expect(queueCursor.decode(encoded, 'traffic', 'closed')).toBeUndefined();
    expect(queueCursor.decode(encoded, 'household', 'open')).toBeUndefined();
    expect(queueCursor.decode(cursor.encode({ ...last, PK: 'USER#u1' }), 'traffic', 'open')).toBeUndefined();
    expect(queueCursor.decode(cursor.encode({ ...last, extra: 'x' }), 'traffic', 'open')).toBeUndefined();
    expect(queueCursor.decode(cursor.encode({ ...last, SK: 1 }), 'traffic', 'open')).toBeUndefined();
    expect(queueCursor.decode('not a cursor', 'traffic', 'open')).toBeUndefined();
  });
});

describe('key strings are built only in functions/src/store/keys.ts', () => {
  const root = join(__dirname, '../..');
  const owner = join(root, 'functions/src/store/keys.ts');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return files(path);
      return /\.tsx?$/.test(name) && path !== owner ? [path] : [];
    });
  // A quoted or templated upper-case prefix (`'USER#`, `` `APP#${ ``), or two interpolations joined by `#`.
  const keyLike = [/['"`][A-Z][A-Z0-9_]*#/, /\}#\$\{/];
  const withoutComments = (source: string) =>
    source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');

  it('finds no key-building strings elsewhere in functions/src or the dev seeds', () => {
    const offending = [...files(join(root, 'functions/src')), ...files(join(root, 'dev/src'))].flatMap((file) =>
      withoutComments(readFileSync(file, 'utf8'))
        .split('\n')
        .flatMap((line, i) =>
          keyLike.some((re) => re.test(line)) ? [`${relative(root, file)}:${i + 1}: ${line.trim()}`] : [],
        ),
    );
    expect(offending).toEqual([]);
  });

  it('would catch one', () => {
    // Source lines as the scan sees them (`$` joined in, so they are plain strings here).
    const built = ['const k = { PK: `USER#', '{id}` };'].join('$');
    const joined = ['const sk = `', '{a}#', '{b}`;'].join('$');
    const commented = ['/** `USER#<id>` */ const sk = `', '{a}-', "{b}`; // 'APP#'"].join('$');
    const caught = (line: string) => keyLike.some((re) => re.test(withoutComments(line)));
    expect([caught(built), caught(joined), caught(commented)]).toEqual([true, true, false]);
  });
});
