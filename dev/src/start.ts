/**
 * `npm start`: the whole product on one machine. DynamoDB Local (data kept in .data/), the
 * HTTP API running the real handlers, the WeChat stand-in, the h5 app and the console.
 * Ctrl-C stops everything.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { checkJava, type DynamoDbLocal, PrerequisiteError, startDynamoDbLocal } from './dynamodb-local';
import { startSchedules } from './scheduler';
import { seedSteps } from './seed';
import { REPO_ROOT } from './serverless-manifest';
import { type Stack, startStack } from './stack';

const PORTS = {
  app: Number(process.env.APP_PORT ?? 10086),
  console: Number(process.env.CONSOLE_PORT ?? 10087),
  api: Number(process.env.API_PORT ?? 10088),
  wechat: Number(process.env.WECHAT_PORT ?? 10089),
  dynamodb: Number(process.env.DYNAMODB_PORT ?? 10090),
  storage: Number(process.env.STORAGE_PORT ?? 10091),
  wechatPay: Number(process.env.WECHATPAY_PORT ?? 10092),
  verify: Number(process.env.VERIFY_PORT ?? 10093),
  secretsManager: Number(process.env.SECRETS_MANAGER_PORT ?? 10094),
};
const DATA_DIR = join(REPO_ROOT, '.data');

function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new PrerequisiteError(
          `端口 ${port}（${what}）已被占用：请关闭占用它的程序，或设置环境变量改用其他端口（见 README）。`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Runs a build step quietly; on failure the error names the step and shows its output's tail. */
function build(label: string, command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${label}构建失败：\n${stderr.slice(-3000)}`)),
    );
  });
}

function progress(done: number, total: number, label: string): void {
  const width = 24;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label}`.padEnd(90));
  if (done === total) process.stdout.write('\n');
}

let db: DynamoDbLocal | undefined;
let stack: Stack | undefined;
let stopping = false;
let stopSchedules: (() => void) | undefined;

/** Stops whatever has started, so no process is left behind, then exits. */
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (code === 0) console.log('\n正在停止…');
  stopSchedules?.();
  await stack?.stop();
  await db?.stop();
  process.exit(code);
}

/**
 * Every server runs in this one process: an error escaping one request (the listeners catch
 * theirs; this is for a timer or a stream of a stand-in) is logged, and the rest keep serving.
 */
function keepServingOnUnexpectedErrors(): void {
  // The stack only, never the error's data: it may carry a request's personal data.
  const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : typeof error);
  process.on('uncaughtException', (error) => console.error('未捕获的异常（服务继续运行）：', describe(error)));
  process.on('unhandledRejection', (reason) =>
    console.error('未处理的 Promise 拒绝（服务继续运行）：', describe(reason)),
  );
}

async function main(): Promise<void> {
  checkJava();
  for (const [what, port] of Object.entries(PORTS)) await assertPortFree(port, what);
  keepServingOnUnexpectedErrors();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  console.log('构建小程序 h5 版本与民警工作台…');
  await Promise.all([
    build('小程序 h5 ', 'npm', ['run', 'build:h5', '--workspace', 'mini-app', '--silent']),
    build('民警工作台', 'node', ['console/build.mjs']),
  ]);
  console.log('启动 DynamoDB Local…');
  db = await startDynamoDbLocal({ port: PORTS.dynamodb, dataDir: join(DATA_DIR, 'dynamodb') });
  stack = await startStack({
    dynamoEndpoint: db.endpoint,
    tableName: 'minsheng-local',
    secretsDir: join(DATA_DIR, 'secrets'),
    objectsDir: join(DATA_DIR, 'objects'),
    ports: PORTS,
  });

  stopSchedules = startSchedules((name, error) => console.error(`定时任务 ${name} 失败：`, (error as Error).message));
  const steps = seedSteps(stack);
  for (const [i, step] of steps.entries()) {
    progress(i, steps.length, step.label);
    await step.run();
  }
  progress(steps.length, steps.length, '演示数据已就绪');

  console.log(`
民生警务 本地环境已启动：
  小程序 (h5)        http://localhost:${PORTS.app}/
  民警工作台          http://localhost:${PORTS.console}/
  电子证照二维码核验  http://localhost:${PORTS.verify}/
  HTTP API           http://localhost:${PORTS.api}/health
  微信接口模拟        http://localhost:${PORTS.wechat}/
  对象存储模拟 (S3)   http://localhost:${PORTS.storage}/
  微信支付模拟 (v3)   http://localhost:${PORTS.wechatPay}/
  密钥管理模拟        http://localhost:${PORTS.secretsManager}/  (Secrets Manager，密钥来自 .data/secrets)
  DynamoDB Local     ${db.endpoint}  (数据保存在 .data/dynamodb，上传的材料保存在 .data/objects)
按 Ctrl-C 停止全部服务。`);
}

main().catch((error) => {
  if (error instanceof PrerequisiteError) console.error(error.message);
  else console.error('启动失败：', error instanceof Error ? error.message : error);
  void shutdown(1);
});
