import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  httpRoutes,
  REPO_ROOT,
  readServerlessYaml,
  scheduledFunctions,
  tableDefinitions,
} from '../../dev/src/serverless-manifest';

/** `osls package` works offline and its CloudFormation holds every table, function and route. */
const outDir = mkdtempSync(join(tmpdir(), 'sls-package-'));
let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

beforeAll(() => {
  execFileSync('npx', ['osls', 'package', '--stage', 'test', '--package', outDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' },
    stdio: 'pipe',
  });
  template = JSON.parse(readFileSync(join(outDir, 'cloudformation-template-update-stack.json'), 'utf8'));
}, 120_000);

const resourcesOfType = (type: string) => Object.values(template.Resources).filter((r) => r.Type === type);

describe('osls package', () => {
  it('declares the DynamoDB table with its key schema and GSIs', () => {
    const tables = resourcesOfType('AWS::DynamoDB::Table');
    expect(tables).toHaveLength(tableDefinitions().length);
    expect(tables[0]?.Properties).toMatchObject({
      TableName: 'minsheng-test',
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        expect.objectContaining({ IndexName: 'GSI1' }),
        expect.objectContaining({ IndexName: 'GSI2' }),
        expect.objectContaining({
          IndexName: 'GSI3',
          KeySchema: expect.arrayContaining([{ AttributeName: 'GSI3PK', KeyType: 'HASH' }]),
        }),
      ],
    });
  });

  it('bundles every function separately, on Node 22', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    const names = new Set(Object.keys(readServerlessYaml().functions));
    expect(functions).toHaveLength(names.size);
    for (const fn of functions) expect(fn.Properties.Runtime).toBe('nodejs22.x');
    expect(
      readdirSync(outDir)
        .filter((f) => f.endsWith('.zip'))
        .sort(),
    ).toEqual([...names].map((n) => `${n}.zip`).sort());
  });

  it('declares the materials bucket private and encrypted with the personal-data key', () => {
    const bucket = template.Resources.MaterialsBucket;
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
    });
  });

  it('routes every HTTP API path declared in serverless.yml', () => {
    const routeKeys = resourcesOfType('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(
      httpRoutes()
        .map((r) => r.routeKey)
        .sort(),
    );
  });

  it('gives every function a declared least-privilege role, and only data functions may touch the table', () => {
    const functions = resourcesOfType('AWS::Lambda::Function');
    for (const fn of functions) expect(JSON.stringify(fn.Properties.Role)).not.toContain('IamRoleLambdaExecution');
    const health = JSON.stringify(template.Resources.HealthRole);
    expect(health).not.toContain('dynamodb:');
    expect(JSON.stringify(template.Resources.CatalogueRole)).not.toContain('dynamodb:');
    expect(JSON.stringify(template.Resources)).not.toMatch(/dynamodb:Scan/);
  });

  it('schedules reconciliation, the notification worker, expiry reminders, the appointment sweep and the calendar check', () => {
    const rules = resourcesOfType('AWS::Events::Rule');
    expect(rules.map((r) => r.Properties.ScheduleExpression).sort()).toEqual([
      'cron(0 1 * * ? *)',
      'cron(0 17 * * ? *)',
      'rate(1 day)',
      'rate(1 minute)',
      'rate(5 minutes)',
    ]);
    const local = scheduledFunctions();
    expect(local.map((f) => f.functionName).sort()).toEqual([
      'appointmentSweep',
      'calendarCheck',
      'expiryReminders',
      'notificationWorker',
      'paymentReconcile',
    ]);
    // The emulator fires the daily cron at 17:00 UTC (01:00 China time), as EventBridge does.
    expect(local.find((f) => f.functionName === 'appointmentSweep')?.dailyAtUtc).toEqual({ hour: 17, minute: 0 });
    expect(local.find((f) => f.functionName === 'calendarCheck')?.dailyAtUtc).toEqual({ hour: 1, minute: 0 });
  });
});
