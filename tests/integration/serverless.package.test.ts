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
const ALLOWED_ORIGINS = ['https://app.minsheng.example', 'https://console.minsheng.example'];
let template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

beforeAll(() => {
  execFileSync('npx', ['osls', 'package', '--stage', 'test', '--package', outDir], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_PROFILE: '',
      ALLOWED_ORIGINS: ALLOWED_ORIGINS.join(','),
    },
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

  it('allows CORS from the configured origins only, on the API and the materials bucket', () => {
    const [api] = resourcesOfType('AWS::ApiGatewayV2::Api');
    expect((api?.Properties.CorsConfiguration as { AllowOrigins: string[] }).AllowOrigins).toEqual(ALLOWED_ORIGINS);
    const rules = (
      template.Resources.MaterialsBucket?.Properties.CorsConfiguration as { CorsRules: { AllowedOrigins: string[] }[] }
    ).CorsRules;
    for (const rule of rules) expect(rule.AllowedOrigins).toEqual(ALLOWED_ORIGINS);
  });

  it('declares browser security headers for the h5 app and the console', () => {
    const policies = resourcesOfType('AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      const headers = (
        policy.Properties.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        }
      ).SecurityHeadersConfig;
      expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
      expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
      expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'no-referrer' });
      const csp = JSON.stringify(headers.ContentSecurityPolicy);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    }
  });

  it('keeps the table, the materials bucket, the personal-data key and the secrets when the stack goes', () => {
    // The framework's own deployment bucket holds only build artefacts; everything else is data.
    const kept = Object.entries(template.Resources).filter(
      ([id, r]) =>
        ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret'].includes(r.Type) &&
        id !== 'ServerlessDeploymentBucket',
    );
    expect(kept.map(([id]) => id)).toEqual(
      expect.arrayContaining(['MainTable', 'MaterialsBucket', 'PersonalDataKey', 'SessionSigningSecret']),
    );
    for (const [id, resource] of kept) {
      expect({ id, ...resource }).toMatchObject({ id, DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
    expect(template.Resources.MainTable?.Properties.DeletionProtectionEnabled).toBe(true);
  });

  /** Names of secret resources a value refers to ({ Ref: X } → X). */
  const secretRefs = (value: unknown): string[] =>
    [...JSON.stringify(value ?? null).matchAll(/\{"Ref":"(\w+)"\}/g)]
      .map((m) => m[1] as string)
      .filter((id) => template.Resources[id]?.Type === 'AWS::SecretsManager::Secret');

  it('puts no secret in any function environment, only the ids of the secrets it reads', () => {
    const secretLooking = /SECRET|PRIVATE_KEY|APIV3|LOOKUP_KEY|PASSWORD|TOKEN$/;
    for (const fn of resourcesOfType('AWS::Lambda::Function')) {
      const variables = ((fn.Properties.Environment as { Variables?: Record<string, unknown> })?.Variables ??
        {}) as Record<string, unknown>;
      for (const [name, value] of Object.entries(variables)) {
        if (name.startsWith('SECRET_ID_')) {
          // A reference to a Secrets Manager secret, never a value.
          expect({ name, refs: secretRefs(value) }).toEqual({ name, refs: [expect.any(String)] });
          continue;
        }
        expect({ name, secretLooking: secretLooking.test(name) }).toEqual({ name, secretLooking: false });
        expect({ name, value: JSON.stringify(value) }).not.toEqual({
          name,
          value: expect.stringMatching(/PRIVATE KEY|[A-Za-z0-9+/=_-]{40,}/),
        });
      }
    }
  });

  it('lets each function’s role read exactly the secrets that function names, nothing broader', () => {
    const byRole = new Map<string, Set<string>>();
    for (const fn of resourcesOfType('AWS::Lambda::Function')) {
      const role = (JSON.stringify(fn.Properties.Role).match(/"(\w+Role)"/) ?? [])[1] as string;
      const named = new Set(secretRefs((fn.Properties.Environment as { Variables?: unknown })?.Variables));
      // A role shared by two functions would give each the other's secrets.
      const shared = byRole.get(role);
      if (shared) expect({ role, named: [...named].sort() }).toEqual({ role, named: [...shared].sort() });
      byRole.set(role, named);
    }
    for (const [role, named] of byRole) {
      const statements = (
        (template.Resources[role]?.Properties.Policies ?? []) as {
          PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] };
        }[]
      ).flatMap((p) => p.PolicyDocument.Statement);
      const secretGrants = statements.filter((st) => JSON.stringify(st.Action).includes('secretsmanager'));
      for (const st of secretGrants) expect(st.Action).toEqual(['secretsmanager:GetSecretValue']);
      const granted = secretGrants.flatMap((st) => secretRefs(st.Resource));
      expect({ role, granted: granted.sort() }).toEqual({ role, granted: [...named].sort() });
      // No wildcard or ARN pattern: only the secrets' own references.
      for (const st of secretGrants) expect(JSON.stringify(st.Resource)).not.toContain('*');
    }
    expect(byRole.get('CatalogueRole')?.size ?? 0).toBe(0);
    expect(byRole.get('WalletRole')).toContain('QrSigningPrivateKey');
    expect([...byRole].filter(([, named]) => named.has('QrSigningPrivateKey')).map(([r]) => r)).toEqual(['WalletRole']);
  });
});
