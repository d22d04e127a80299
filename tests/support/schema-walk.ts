import type { ZodTypeAny } from 'zod';

/**
 * A small reader of zod (v3) schemas for tests: it finds unbounded strings, arrays and numbers
 * in request schemas, and builds sample values a fuzz then mutates. It reads `_def`, zod's
 * internal description, which is stable across 3.x.
 */
type Def = {
  typeName: string;
  checks?: { kind: string; value?: number; regex?: RegExp; inclusive?: boolean }[];
  [key: string]: unknown;
};
const defOf = (schema: ZodTypeAny) => schema._def as Def;

/** The wrapped schema of a wrapper type (optional, default, effects, …), or undefined. */
function inner(def: Def): ZodTypeAny | undefined {
  switch (def.typeName) {
    case 'ZodOptional':
    case 'ZodNullable':
    case 'ZodDefault':
    case 'ZodCatch':
    case 'ZodReadonly':
      return def.innerType as ZodTypeAny;
    case 'ZodEffects':
      return def.schema as ZodTypeAny;
    case 'ZodBranded':
      return def.type as ZodTypeAny;
    case 'ZodPipeline':
      return def.in as ZodTypeAny;
    case 'ZodLazy':
      return (def.getter as () => ZodTypeAny)();
    default:
      return undefined;
  }
}

/** An anchored pattern without open-ended repetition matches only strings of bounded length. */
export function isBoundedPattern(regex: RegExp): boolean {
  // Escapes and character classes ([+/]) hold no repetition of their own.
  const source = regex.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, 'c');
  return source.startsWith('^') && source.endsWith('$') && !/[*+]|\{\d+,\}/.test(source);
}

/** Paths (a.b[].c) in a schema where a string, array, record or number has no upper bound. */
export function unboundedPaths(schema: ZodTypeAny, path = '$'): string[] {
  const def = defOf(schema);
  const wrapped = inner(def);
  if (wrapped) return unboundedPaths(wrapped, path);
  switch (def.typeName) {
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      return Object.entries(shape).flatMap(([key, value]) => unboundedPaths(value, `${path}.${key}`));
    }
    case 'ZodString': {
      const checks = def.checks ?? [];
      const bounded =
        checks.some((c) => c.kind === 'max' || c.kind === 'length') ||
        checks.some((c) => c.kind === 'regex' && c.regex && isBoundedPattern(c.regex)) ||
        checks.some((c) => ['uuid', 'datetime', 'date', 'time', 'ulid', 'cuid'].includes(c.kind));
      return bounded ? [] : [path];
    }
    case 'ZodNumber': {
      const checks = def.checks ?? [];
      const hasMax = checks.some((c) => c.kind === 'max');
      const hasMin = checks.some((c) => c.kind === 'min');
      return hasMax && hasMin ? [] : [path];
    }
    case 'ZodArray': {
      const own = (def.maxLength as unknown) || (def.exactLength as unknown) ? [] : [path];
      return [...own, ...unboundedPaths(def.type as ZodTypeAny, `${path}[]`)];
    }
    case 'ZodRecord':
      // Records are bounded by their key type's bound and the body's key-count limit.
      return [
        ...unboundedPaths(def.keyType as ZodTypeAny, `${path}{key}`),
        ...unboundedPaths(def.valueType as ZodTypeAny, `${path}{}`),
      ];
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>;
      const list = Array.isArray(options) ? options : [...options.values()];
      return list.flatMap((option, i) => unboundedPaths(option, `${path}|${i}`));
    }
    case 'ZodIntersection':
      return [...unboundedPaths(def.left as ZodTypeAny, path), ...unboundedPaths(def.right as ZodTypeAny, path)];
    case 'ZodTuple':
      return (def.items as ZodTypeAny[]).flatMap((item, i) => unboundedPaths(item, `${path}[${i}]`));
    case 'ZodUnknown':
    case 'ZodAny':
      return [path];
    default:
      // Enums, literals, booleans, null: bounded by what they are.
      return [];
  }
}

export type Rng = () => number;

/** A seeded PRNG (mulberry32): the same seed gives the same fuzz run. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

/**
 * A value the schema would probably accept. Strings are drawn from `known` by property name
 * when the name is there (patterns cannot be generated in general), else sized to the bounds.
 */
export function sampleOf(schema: ZodTypeAny, rng: Rng, known: Record<string, unknown[]>, key = ''): unknown {
  const def = defOf(schema);
  if (def.typeName === 'ZodOptional' && rng() < 0.3) return undefined;
  const wrapped = inner(def);
  if (wrapped) return sampleOf(wrapped, rng, known, key);
  const knownValues = known[key];
  switch (def.typeName) {
    case 'ZodObject': {
      const shape = (def.shape as () => Record<string, ZodTypeAny>)();
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(shape)) {
        const value = sampleOf(v, rng, known, k);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'ZodString': {
      if (knownValues) return pick(rng, knownValues);
      const checks = def.checks ?? [];
      const min = checks.find((c) => c.kind === 'min')?.value ?? 1;
      const max = checks.find((c) => c.kind === 'max')?.value ?? Math.max(min, 12);
      return '测试'.repeat(Math.ceil(max / 2)).slice(0, Math.max(min, Math.min(max, 8)));
    }
    case 'ZodNumber': {
      if (knownValues) return pick(rng, knownValues);
      const checks = def.checks ?? [];
      const min = checks.find((c) => c.kind === 'min')?.value ?? 0;
      const max = checks.find((c) => c.kind === 'max')?.value ?? min + 10;
      return Math.floor(min + rng() * (Math.min(max, min + 10) - min + 1));
    }
    case 'ZodBoolean':
      return rng() < 0.5;
    case 'ZodLiteral':
      return def.value;
    case 'ZodEnum':
      return pick(rng, def.values as string[]);
    case 'ZodNativeEnum':
      return pick(rng, Object.values(def.values as object));
    case 'ZodArray': {
      const max = Math.min((def.maxLength as { value: number } | null)?.value ?? 3, 3);
      const min = Math.min((def.minLength as { value: number } | null)?.value ?? 0, max);
      const n = min + Math.floor(rng() * (max - min + 1));
      return Array.from({ length: n }, () => sampleOf(def.type as ZodTypeAny, rng, known, key));
    }
    case 'ZodRecord': {
      const keys = known[`${key}{key}`] ?? ['fieldA'];
      return { [pick(rng, keys) as string]: sampleOf(def.valueType as ZodTypeAny, rng, known, `${key}{}`) };
    }
    case 'ZodUnion':
    case 'ZodDiscriminatedUnion': {
      const options = def.options as ZodTypeAny[] | Map<unknown, ZodTypeAny>;
      return sampleOf(pick(rng, Array.isArray(options) ? options : [...options.values()]), rng, known, key);
    }
    case 'ZodIntersection':
      return {
        ...(sampleOf(def.left as ZodTypeAny, rng, known, key) as object),
        ...(sampleOf(def.right as ZodTypeAny, rng, known, key) as object),
      };
    case 'ZodNull':
      return null;
    default:
      return knownValues ? pick(rng, knownValues) : 'x';
  }
}
