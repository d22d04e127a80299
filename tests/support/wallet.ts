import { ACTION_EXTRAS, act, type Json, officerToken, submittedCase, verifiedCitizen } from './cases';
import type { TestStack } from './test-stack';

/** Helpers for the wallet: a citizen whose criminal-record certificate was issued here. */
export interface WalletItemBody {
  type: string;
  label: string;
  numberMasked: string;
  validUntil?: string;
  fields: Record<string, string>;
  source: string;
  issuedByApplicationId?: string;
}

export async function walletOf(stack: TestStack, token: string): Promise<WalletItemBody[]> {
  const res = await stack.api<{ items: WalletItemBody[] }>('GET', '/wallet', undefined, token);
  if (res.status !== 200) throw new Error(`wallet refused: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}

/** Walks an XZ-001 case to completion as 刑侦's head of section; returns the case id. */
export async function completedCriminalRecordCase(stack: TestStack, citizenToken: string): Promise<string> {
  const submitted = await submittedCase(stack, citizenToken, 'XZ-001');
  const head = await officerToken(stack, 'xz_head');
  for (const action of ['accept', 'start_review', 'approve', 'deliver']) {
    const res = await act(stack, head, submitted.id, action, ACTION_EXTRAS[action] ?? {});
    if (res.status !== 200) throw new Error(`${action} refused: ${JSON.stringify(res.body)}`);
  }
  return submitted.id;
}

export async function citizenWithCertificate(stack: TestStack, name = '陈静') {
  const citizen = await verifiedCitizen(stack, name);
  const caseId = await completedCriminalRecordCase(stack, citizen.token);
  return { ...citizen, caseId };
}

export async function share(stack: TestStack, token: string, type: string, purpose: string) {
  return stack.api<Json & { token: string; jti: string; expiresAt: string; verifyUrl: string }>(
    'POST',
    `/wallet/${type}/share`,
    { purpose },
    token,
  );
}

export const verify = (stack: TestStack, token: string) =>
  stack.api<Json & { valid: boolean; reason?: string; message?: string; fields?: Record<string, string> }>(
    'POST',
    '/verify',
    { token },
  );

/** The claims of a token, read without checking anything (what a tamperer would see). */
export function claimsOf(token: string): Json & { kid: string; jti: string; exp: number; f: Record<string, string> } {
  const payload = token.split('.')[1] as string;
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}
