import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { idNumberCheckChar } from '@minsheng/shared';
import { type Stack, startStack } from '../../dev/src/stack';

/**
 * Starts the local stack for one test file against the run's DynamoDB Local, with a table
 * and keys of its own, and gives a small HTTP client for the API and the WeChat stand-in.
 */
export interface TestStack extends Stack {
  api<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
    rawBody?: string,
  ): Promise<{ status: number; body: T; headers: Headers }>;
  loginCode(openid: string): Promise<string>;
  faceResult(input: {
    openid: string;
    name: string;
    idCardNumber: string;
    identifyRet?: number;
    identifyTime?: number;
  }): Promise<string>;
  login(openid: string): Promise<{ accessToken: string; refreshToken: string; verified: boolean }>;
  tableName: string;
}

export async function startTestStack(): Promise<TestStack> {
  const dynamoEndpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!dynamoEndpoint)
    throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest (globalSetup starts DynamoDB Local)');
  const tableName = `test-${randomUUID().slice(0, 8)}`;
  const stack = await startStack({
    dynamoEndpoint,
    tableName,
    secretsDir: mkdtempSync(join(tmpdir(), 'minsheng-keys-')),
  });
  return withClient(stack, tableName);
}

/** Adds an HTTP client for the API and the WeChat stand-in's control panel to a running stack. */
export function withClient(stack: Stack, tableName: string): TestStack {
  const api: TestStack['api'] = async (method, path, body, token, rawBody) => {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
  const control = async <T>(path: string, body: unknown): Promise<T> => {
    const res = await fetch(`${stack.wechat.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as T;
  };
  const loginCode = async (openid: string) =>
    (await control<{ code: string }>('/__standin/login-code', { openid })).code;
  return {
    ...stack,
    tableName,
    api,
    loginCode,
    faceResult: async (input) =>
      (await control<{ verifyResult: string }>('/__standin/face-result', input)).verifyResult,
    login: async (openid) => {
      const res = await api<{ accessToken: string; refreshToken: string; verified: boolean }>('POST', '/auth/login', {
        code: await loginCode(openid),
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}

/** A valid, fictitious ID number for the given region, birth date and sequence. */
export function syntheticIdNumber(region = '110105', birth = '19900307', sequence = '421'): string {
  const first17 = `${region}${birth}${sequence}`;
  return first17 + idNumberCheckChar(first17);
}
