import type { ZodTypeAny } from 'zod';
import type { RouteContract } from '../../shared/src/api/routes';
import { pick, type Rng, sampleOf } from './schema-walk';

/**
 * Hostile requests generated from a route's request contract: a valid-looking sample from the
 * shared schema, then one mutation — wrong types, huge values, deep nesting, forbidden keys,
 * odd unicode, malformed path parameters, broken bodies and headers.
 */
export interface FuzzRequest {
  method: string;
  /** Path and query as sent, not normalised. */
  target: string;
  headers: Record<string, string>;
  body?: string;
  /** What was done to the request, for the failure report. */
  mutation: string;
}

export interface FuzzContext {
  rng: Rng;
  /** Tokens to present, by caller type, and ids that exist, by path parameter name. */
  tokens: { citizen: string; officer: string };
  ids: Record<string, string[]>;
  /** Valid values by property name (patterns cannot be generated in general). */
  known: Record<string, unknown[]>;
}

const ODD_STRINGS = [
  '\ud800',
  '\udfff\ud800',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\u200b\u200d\ufeff',
  '\u0000\u0001\u001f',
  'A\u030a\u0041\u0301',
  '１２３４５６７８９０',
  '𠮷𠮷𠮷👨‍👩‍👧‍👦',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  `\${jndi:ldap://x}`,
  '%00%ff%',
  'CON',
  '\\\\?\\C:\\',
];

const WRONG_TYPES: unknown[] = [null, true, 0, -1, 1.5, 1e308, -1e308, '', 'x', [], [1, 2], {}, { a: 1 }];

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

const BAD_PATH_PARAMS = [
  '%',
  '%zz',
  '%00',
  '%2F..%2F',
  '..',
  '%E4%B8',
  'a'.repeat(65),
  'b'.repeat(3000),
  '证件',
  '__proto__',
  'constructor',
  '%F0%9F%98%80',
  ' ',
  '%20%20',
  'USER%23x',
];

/** Every path to a node of a JSON value, the root included. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...paths(v, [...prefix, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = value;
  return copy;
}

type BodyMutation = (sample: unknown, rng: Rng) => { text: string; mutation: string };

const atRandomNode = (sample: unknown, rng: Rng, value: unknown) => setAt(sample, pick(rng, paths(sample)), value);

const BODY_MUTATIONS: BodyMutation[] = [
  (s) => ({ text: JSON.stringify(s ?? {}), mutation: 'valid sample' }),
  (s, rng) => ({ text: JSON.stringify(atRandomNode(s, rng, pick(rng, WRONG_TYPES))), mutation: 'wrong type' }),
  (s, rng) => ({
    text: JSON.stringify(
      atRandomNode(s, rng, pick(rng, ['x'.repeat(3_000), 'x'.repeat(450_000), '测'.repeat(150_000)])),
    ),
    mutation: 'huge string',
  }),
  (s, rng) => {
    // Spliced in as text: JSON.stringify itself overflows the stack on the deepest values.
    const depth = pick(rng, [20, 200, 5000, 100_000]);
    const open = rng() < 0.5 ? '[' : '{"a":';
    const deep = `${open.repeat(depth)}"x"${(open === '[' ? ']' : '}').repeat(depth)}`;
    const text = JSON.stringify(atRandomNode(s, rng, '__DEEP__')).replace('"__DEEP__"', deep);
    return { text, mutation: `deep nesting ${depth}` };
  },
  (s, rng) => {
    // At any object of the body, built as text: in an object literal `__proto__` would set the
    // prototype instead of adding a key.
    const key = pick(rng, FORBIDDEN);
    const root = s && typeof s === 'object' && !Array.isArray(s) ? s : {};
    const objects = paths(root).filter((p) => {
      const node = getAt(root, p);
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    const at = pick(rng, objects);
    const marked = setAt(root, at, { ...(getAt(root, at) as object), __FORBIDDEN__: 1 });
    const payload = key === '__proto__' ? '{"isAdmin":true,"polluted":1}' : '{"prototype":{"polluted":1}}';
    const text = JSON.stringify(marked).replace('"__FORBIDDEN__":1', `"${key}":${payload}`);
    return { text, mutation: `forbidden key ${key} at ${at.join('.') || 'root'}` };
  },
  (s, rng) => {
    const stringPaths = paths(s).filter((p) => p.length && typeof getAt(s, p) === 'string');
    const target = stringPaths.length ? pick(rng, stringPaths) : [];
    return { text: JSON.stringify(setAt(s, target, pick(rng, ODD_STRINGS))), mutation: 'odd unicode' };
  },
  (s, rng) => ({
    text: JSON.stringify(
      atRandomNode(s, rng, Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, i]))),
    ),
    mutation: 'many keys',
  }),
  (s, rng) => ({
    text: JSON.stringify(
      atRandomNode(
        s,
        rng,
        Array.from({ length: 20_000 }, (_, i) => i),
      ),
    ),
    mutation: 'long array',
  }),
  (_s, rng) => ({
    text: pick(rng, ['', '{', '{"a":', 'null', '[]', '"text"', '12', 'true', '{"a":1}}', '\u0000', '{"a":1e400}']),
    mutation: 'broken body',
  }),
  (s) => ({ text: JSON.stringify({ ...(s as object), pad: 'p'.repeat(1_100_000) }), mutation: 'body over 1 MB' }),
  (s, rng) => ({
    text: JSON.stringify(atRandomNode(s, rng, pick(rng, [1e21, -0, 0.1 + 0.2, 2 ** 53]))),
    mutation: 'edge number',
  }),
];

function getAt(root: unknown, path: (string | number)[]): unknown {
  let node = root as Record<string | number, unknown> | undefined;
  for (const key of path) node = node?.[key] as Record<string | number, unknown> | undefined;
  return node;
}

function queryFor(schema: ZodTypeAny | undefined, ctx: FuzzContext): { query: string; mutation: string } {
  const { rng } = ctx;
  const sample = (schema ? sampleOf(schema, rng, ctx.known) : {}) as Record<string, unknown>;
  const params = Object.entries(sample).map(([k, v]) => [k, String(v)]);
  const roll = rng();
  if (roll < 0.3) return { query: new URLSearchParams(params).toString(), mutation: 'valid query' };
  if (roll < 0.45) params.push([pick(rng, FORBIDDEN), '1']);
  else if (roll < 0.6 && params.length) (pick(rng, params) as string[])[1] = pick(rng, ODD_STRINGS);
  else if (roll < 0.7 && params.length) (pick(rng, params) as string[])[1] = 'q'.repeat(5000);
  else if (roll < 0.8) params.push(['cursor', pick(rng, ['%', 'eyJ4Ijoi', 'A'.repeat(1999), '{"PK":"USER#x"}'])]);
  else if (roll < 0.9 && params.length) params.push([(params[0] as string[])[0] as string, 'again']);
  else return { query: pick(rng, ['%', 'a=%', '%zz=1', 'a=1&&&=', 'limit=1e9', 'limit=-1']), mutation: 'raw query' };
  return { query: new URLSearchParams(params).toString(), mutation: 'hostile query' };
}

function pathFor(template: string, ctx: FuzzContext): { path: string; mutation?: string } {
  const { rng } = ctx;
  let mutation: string | undefined;
  const path = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const real = ctx.ids[name];
    if (real?.length && rng() < 0.35) return encodeURIComponent(pick(rng, real));
    if (rng() < 0.2) return crypto.randomUUID();
    mutation = 'malformed path parameter';
    return pick(rng, BAD_PATH_PARAMS);
  });
  return { path, mutation };
}

function headersFor(contract: RouteContract, ctx: FuzzContext): { headers: Record<string, string>; mutation?: string } {
  const { rng } = ctx;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const roll = rng();
  const own = contract.caller === 'officer' ? ctx.tokens.officer : ctx.tokens.citizen;
  let mutation: string | undefined;
  if (roll < 0.7) headers.authorization = `Bearer ${own}`;
  else if (roll < 0.78)
    headers.authorization = `Bearer ${contract.caller === 'officer' ? ctx.tokens.citizen : ctx.tokens.officer}`;
  else if (roll < 0.86) {
    headers.authorization = pick(rng, [
      'Bearer',
      'Bearer x.y.z',
      `Bearer ${'t'.repeat(8000)}`,
      'Basic YTpi',
      'Bearer \u00e9\u00ff',
    ]);
    mutation = 'bad authorization';
  } else if (roll < 0.93) {
    headers['x-correlation-id'] = pick(rng, [
      'a\r\nSet-Cookie: x=1'.replace(/[\r\n]/g, ' '),
      'x'.repeat(500),
      '../..',
      'ok-id-12345',
    ]);
    headers.authorization = `Bearer ${own}`;
    mutation = 'odd correlation id';
  }
  if (contract.caller === 'wechatpay') {
    Object.assign(headers, {
      'wechatpay-signature': pick(rng, ['', 'AAAA', 'x'.repeat(600)]),
      'wechatpay-timestamp': pick(rng, ['0', String(Math.floor(Date.now() / 1000)), 'abc', '99999999999999']),
      'wechatpay-nonce': pick(rng, ['n', '']),
      'wechatpay-serial': pick(rng, ['PUB_KEY_ID_0000', 'unknown', '']),
    });
  }
  if (rng() < 0.05)
    headers['content-type'] = pick(rng, [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]);
  return { headers, mutation };
}

/** One hostile request for a route. */
/** Paths no route declares, for the catch-all route. */
const UNROUTED = ['/', '/nope', '/applications/a/b/c', '/%', '/officer', '/__proto__', '/..%2f..%2fetc', '/health/%zz'];

export function fuzzRequest(routeKey: string, contract: RouteContract, ctx: FuzzContext): FuzzRequest {
  const [method, template] =
    routeKey === '$default'
      ? [pick(ctx.rng, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']), pick(ctx.rng, UNROUTED)]
      : (routeKey.split(' ') as [string, string]);
  const { path, mutation: pathMutation } = pathFor(template, ctx);
  const { query, mutation: queryMutation } = contract.query
    ? queryFor(contract.query, ctx)
    : ctx.rng() < 0.15
      ? queryFor(undefined, ctx)
      : { query: '', mutation: undefined };
  const { headers, mutation: headerMutation } = headersFor(contract, ctx);
  let body: string | undefined;
  let bodyMutation: string | undefined;
  if (method !== 'GET' && method !== 'DELETE') {
    const sample = contract.body ? sampleOf(contract.body, ctx.rng, ctx.known) : {};
    const made = pick(ctx.rng, BODY_MUTATIONS)(sample, ctx.rng);
    body = made.text;
    bodyMutation = made.mutation;
  }
  const mutation = [pathMutation, queryMutation, headerMutation, bodyMutation].filter(Boolean).join(', ') || 'plain';
  return { method, target: query ? `${path}?${query}` : path, headers, body, mutation };
}
