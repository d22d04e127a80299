import { createHash, randomBytes } from 'node:crypto';

/** Everything the WeChat stand-in remembers, in memory: codes, tokens, face results, messages. */
export interface FaceResult {
  openid: string;
  name: string;
  idCardNumber: string;
  identifyRet: number;
  identifyTime: number;
}

export interface SentMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  sentAt: string;
}

/** `http-5xx`: the gateway answers 503; `system-busy`: HTTP 200 with errcode -1. */
export type SendFailure = 'http-5xx' | 'system-busy';

export const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
export const token = (bytes = 16): string => randomBytes(bytes).toString('base64url');

/** A code from wx.login lives five minutes and can be used once. */
const CODE_TTL_MS = 5 * 60_000;

export class StandInState {
  private readonly codes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();
  private accessToken: { value: string; expiresAt: number } | undefined;
  private readonly faceResults = new Map<string, FaceResult>();
  readonly faceSessions = new Map<
    string,
    { name: string; idCardNumber: string; redirectUri: string; openid: string }
  >();
  /** Subscribe-message quota per `openid|templateId`: one accept = one send. */
  private readonly subscribeQuota = new Map<string, number>();
  /** Long-term subscriptions (government mini-programs): sends never use up an accept. */
  private readonly longTermSubscriptions = new Set<string>();
  /** Misbehaviour for tests: the next sends fail with an HTTP 5xx or errcode -1 (system busy). */
  private sendFailures: { mode: SendFailure; left: number } | undefined;
  readonly sentMessages: SentMessage[] = [];
  /** Counts of API calls, for tests that check caching and retries. */
  readonly calls = { jscode2session: 0, stableToken: 0, getinfo: 0, subscribeSend: 0, wxacode: 0 };

  issueCode(openid: string, now = Date.now()): string {
    const code = token(12);
    this.codes.set(code, { openid, expiresAt: now + CODE_TTL_MS, used: false });
    return code;
  }

  /** Redeems a login code: the openid, or undefined when unknown, used or expired. */
  redeemCode(code: string, now = Date.now()): string | undefined {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt < now) return undefined;
    entry.used = true;
    return entry.openid;
  }

  /** The stable token: the same while valid, a new one on force_refresh or expiry. */
  stableToken(forceRefresh: boolean, now = Date.now()): { value: string; expiresIn: number } {
    if (forceRefresh || !this.accessToken || this.accessToken.expiresAt <= now) {
      this.accessToken = { value: token(24), expiresAt: now + 7200_000 };
    }
    return { value: this.accessToken.value, expiresIn: Math.floor((this.accessToken.expiresAt - now) / 1000) };
  }

  isValidToken(value: string | null, now = Date.now()): boolean {
    return Boolean(value && this.accessToken && this.accessToken.value === value && this.accessToken.expiresAt > now);
  }

  /** Simulates WeChat invalidating the token (e.g. another server refreshed it). */
  revokeToken(): void {
    this.accessToken = undefined;
  }

  recordFaceResult(result: FaceResult): string {
    const verifyResult = token(24);
    this.faceResults.set(verifyResult, result);
    return verifyResult;
  }

  faceResult(verifyResult: string): FaceResult | undefined {
    return this.faceResults.get(verifyResult);
  }

  grantSubscription(openid: string, templateId: string, count = 1, longTerm = false): void {
    const key = `${openid}|${templateId}`;
    if (longTerm) this.longTermSubscriptions.add(key);
    else this.subscribeQuota.set(key, (this.subscribeQuota.get(key) ?? 0) + count);
  }

  /** Uses one accept; false when none is left (WeChat's 43101). */
  takeSubscription(openid: string, templateId: string): boolean {
    const key = `${openid}|${templateId}`;
    if (this.longTermSubscriptions.has(key)) return true;
    const left = this.subscribeQuota.get(key) ?? 0;
    if (left <= 0) return false;
    this.subscribeQuota.set(key, left - 1);
    return true;
  }

  /** Makes the next `count` subscribe sends fail (0 clears it). */
  failNextSends(count: number, mode: SendFailure): void {
    this.sendFailures = count > 0 ? { mode, left: count } : undefined;
  }

  /** The failure this send must suffer, if any. */
  takeSendFailure(): SendFailure | undefined {
    if (!this.sendFailures || this.sendFailures.left <= 0) return undefined;
    this.sendFailures.left--;
    return this.sendFailures.mode;
  }

  private stalls?: { ms: number; left: number };

  /** Makes the next `count` API calls (not the control panel) wait `ms` before answering. */
  stallNext(count: number, ms: number): void {
    this.stalls = count > 0 ? { ms, left: count } : undefined;
  }

  /** How long this call must stall, if at all. */
  takeStall(): number {
    if (!this.stalls || this.stalls.left <= 0) return 0;
    this.stalls.left--;
    return this.stalls.ms;
  }
}
