import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { load } from 'js-yaml';

/**
 * Reads serverless.yml — the single source of truth — for what the local stack needs:
 * functions and their HTTP routes, CORS settings and the DynamoDB table definitions.
 */
export const REPO_ROOT = resolve(__dirname, '../..');

export interface HttpRoute {
  /** API Gateway's route key: "GET /health", or "$default" for the catch-all route. */
  routeKey: string;
  /** "*" for the catch-all route, which matches any method and path. */
  method: string;
  path: string;
  functionName: string;
  /** e.g. functions/src/handlers/auth.handler */
  handler: string;
  /** The function's `timeout` (else the provider's): how long the gateway waits for it. */
  timeoutSeconds: number;
}

export interface CorsSettings {
  allowedOrigins: string[];
  allowedHeaders: string[];
  allowedMethods: string[];
}

export interface TableDefinition {
  logicalId: string;
  createTable: Omit<CreateTableCommandInput, 'TableName'>;
  ttlAttribute?: string;
}

interface ServerlessYaml {
  provider: {
    httpApi?: { cors?: boolean | Partial<CorsSettings> };
    environment?: Record<string, unknown>;
    timeout?: number;
  };
  functions: Record<
    string,
    {
      handler: string;
      timeout?: number;
      events?: { httpApi?: '*' | { method: string; path: string }; schedule?: string | { rate: string } }[];
    }
  >;
  resources?: { Resources?: Record<string, { Type: string; Properties: Record<string, unknown> }> };
}

export function readServerlessYaml(path = resolve(REPO_ROOT, 'serverless.yml')): ServerlessYaml {
  return load(readFileSync(path, 'utf8')) as ServerlessYaml;
}

/** What the framework gives a function that declares no timeout. */
const SERVERLESS_DEFAULT_TIMEOUT_SECONDS = 6;

export function httpRoutes(doc: ServerlessYaml = readServerlessYaml()): HttpRoute[] {
  return Object.entries(doc.functions).flatMap(([functionName, fn]) =>
    (fn.events ?? [])
      .filter((e) => e.httpApi)
      .map((e) => {
        const timeoutSeconds = fn.timeout ?? doc.provider.timeout ?? SERVERLESS_DEFAULT_TIMEOUT_SECONDS;
        const common = { functionName, handler: fn.handler, timeoutSeconds };
        if (e.httpApi === '*') return { routeKey: '$default', method: '*', path: '*', ...common };
        const { method, path } = e.httpApi as { method: string; path: string };
        return { routeKey: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, ...common };
      }),
  );
}

/**
 * Serverless's defaults for `httpApi.cors: true`, merged with any explicit settings. The
 * allowed origins come from configuration (ALLOWED_ORIGINS, as in the deploy) when
 * serverless.yml reads them through infra/allowed-origins.js.
 */
export function corsSettings(
  doc: ServerlessYaml = readServerlessYaml(),
  env: Record<string, string | undefined> = process.env,
): CorsSettings | undefined {
  const cors = resolveAllowedOrigins(doc.provider.httpApi?.cors, env);
  if (!cors) return undefined;
  const defaults: CorsSettings = {
    allowedOrigins: ['*'],
    allowedHeaders: [
      'Content-Type',
      'X-Amz-Date',
      'Authorization',
      'X-Api-Key',
      'X-Amz-Security-Token',
      'X-Amz-User-Agent',
      'X-Amzn-Trace-Id',
    ],
    allowedMethods: ['OPTIONS', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  };
  return cors === true ? defaults : { ...defaults, ...cors };
}

function resolveAllowedOrigins(
  cors: boolean | Partial<CorsSettings> | undefined,
  env: Record<string, string | undefined>,
): boolean | Partial<CorsSettings> | undefined {
  if (typeof cors !== 'object' || typeof cors.allowedOrigins !== 'string') return cors;
  if (!/^\$\{file\(\.\/infra\/allowed-origins\.js\):allowedOrigins\}$/.test(cors.allowedOrigins))
    throw new Error(`serverless.yml: unsupported allowedOrigins ${cors.allowedOrigins}`);
  const { parseAllowedOrigins } = require(resolve(REPO_ROOT, 'infra/allowed-origins.js')) as {
    parseAllowedOrigins(text: string | undefined): string[];
  };
  return { ...cors, allowedOrigins: parseAllowedOrigins(env.ALLOWED_ORIGINS) };
}

const CREATE_TABLE_KEYS = [
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
  'StreamSpecification',
] as const;

export function tableDefinitions(doc: ServerlessYaml = readServerlessYaml()): TableDefinition[] {
  return Object.entries(doc.resources?.Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::DynamoDB::Table')
    .map(([logicalId, r]) => {
      const props = r.Properties;
      const createTable = Object.fromEntries(CREATE_TABLE_KEYS.filter((k) => k in props).map((k) => [k, props[k]]));
      const ttl = props.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
      return {
        logicalId,
        createTable: createTable as TableDefinition['createTable'],
        ttlAttribute: ttl?.Enabled ? ttl.AttributeName : undefined,
      };
    });
}

export interface ScheduledFunction {
  functionName: string;
  handler: string;
  /** Interval from `rate(N minutes|hours)`, or a day for a daily `cron(M H * * ? *)`. */
  everyMs: number;
  /** For a daily cron: the first run waits until this UTC time of day. */
  dailyAtUtc?: { hour: number; minute: number };
}

const UNIT_MS: Record<string, number> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

export function scheduledFunctions(doc: ServerlessYaml = readServerlessYaml()): ScheduledFunction[] {
  return Object.entries(doc.functions).flatMap(([functionName, fn]) =>
    (fn.events ?? [])
      .filter((e) => e.schedule)
      .map((e) => {
        const rate = typeof e.schedule === 'string' ? e.schedule : (e.schedule as { rate: string }).rate;
        const daily = rate.match(/^cron\((\d+) (\d+) \* \* \? \*\)$/);
        if (daily) {
          const dailyAtUtc = { minute: Number(daily[1]), hour: Number(daily[2]) };
          return { functionName, handler: fn.handler, everyMs: UNIT_MS.day as number, dailyAtUtc };
        }
        const m = rate.match(/^rate\((\d+) (\w+)\)$/);
        if (!m) throw new Error(`Unsupported schedule ${rate} for ${functionName}`);
        return { functionName, handler: fn.handler, everyMs: Number(m[1]) * (UNIT_MS[m[2] as string] ?? 60_000) };
      }),
  );
}
