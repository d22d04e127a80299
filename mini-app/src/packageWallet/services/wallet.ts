import { request } from '../../services/request';
import { SHARE_PURPOSES, type SharePurpose, type ShareTokenResponse, type WalletItem } from '../../shared';

/** 我的证照: the citizen's valid electronic licences, personal fields masked by the server. */
export const fetchWallet = async (): Promise<WalletItem[]> => (await request<{ items: WalletItem[] }>('/wallet')).items;

/**
 * A new short-lived signed QR token for one licence and one purpose.
 * 403 IDENTITY_REQUIRED, 404 LICENCE_NOT_HELD, 400 SHARE_PURPOSE_NOT_ALLOWED.
 */
export const shareLicence = (type: string, purpose: SharePurpose): Promise<ShareTokenResponse> =>
  request<ShareTokenResponse>(`/wallet/${encodeURIComponent(type)}/share`, { method: 'POST', data: { purpose } });

/** Idempotent. 404 SHARE_TOKEN_NOT_FOUND. */
export const revokeShare = (jti: string): Promise<void> =>
  request<void>(`/wallet/tokens/${encodeURIComponent(jti)}/revoke`, { method: 'POST' });

export const isSharePurpose = (value: unknown): value is SharePurpose =>
  typeof value === 'string' && value in SHARE_PURPOSES;

/** What a verifier sees for each purpose (labels only; the values are in the signed token). */
export const disclosedFields = (purpose: SharePurpose): readonly string[] => SHARE_PURPOSES[purpose].disclosedFields;

/**
 * The token just issued on 我的证照, handed to the QR page in memory (never in the URL or in
 * storage): the QR page takes it once, or issues a new one itself (e.g. after an h5 reload).
 */
let handOff: { type: string; purpose: SharePurpose; share: ShareTokenResponse } | null = null;

export function handOverShare(type: string, purpose: SharePurpose, share: ShareTokenResponse): void {
  handOff = { type, purpose, share };
}

export function takeHandedShare(type: string, purpose: SharePurpose): ShareTokenResponse | null {
  const taken = handOff && handOff.type === type && handOff.purpose === purpose ? handOff.share : null;
  handOff = null;
  return taken;
}

/**
 * `9999-12-31` is 长期; no date means the police data gave none (unknown, never assumed);
 * otherwise the days from today (device date) to the last valid day.
 */
export const LONG_TERM = '9999-12-31';
export const SOON_DAYS = 30;

export function validityState(
  validUntil: string | undefined,
  now = new Date(),
): 'unknown' | 'long-term' | 'expired' | 'soon' | 'valid' {
  if (validUntil === undefined) return 'unknown';
  if (validUntil.startsWith(LONG_TERM)) return 'long-term';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(validUntil);
  if (!match) return 'valid';
  const end = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59);
  const days = (end.getTime() - now.getTime()) / 86_400_000;
  if (days < 0) return 'expired';
  return days <= SOON_DAYS ? 'soon' : 'valid';
}
