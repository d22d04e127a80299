import { randomBytes } from 'node:crypto';
import type { RequestPaymentParams } from '@minsheng/shared';
import Pay from 'wechatpay-node-v3';
import { wechatPayConfig } from '../config';
import { checkWechatpaySignature, PlatformKeys } from '../crypto/wechatpay-signature';
import { epochSeconds } from '../lib/clock';
import { log } from '../lib/log';

/**
 * Our small WeChat Pay v3 client. `wechatpay-node-v3` signs requests, builds the
 * wx.requestPayment parameters and decrypts resources; this module gives it an HTTP
 * transport pointed at the configured base URL (the stand-in locally) that verifies every
 * response's signature, which the library does not do.
 */
export class PaymentProviderError extends Error {
  constructor(
    /** unknown: the call may or may not have taken effect (timeout, 5xx, unverifiable answer) — query to find out. */
    readonly kind: 'unknown' | 'rejected',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentProviderError';
  }
}

export interface Transaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';
  appid: string;
  mchid: string;
  success_time?: string;
  amount: { total: number; payer_total?: number; currency?: string };
  payer?: { openid: string };
}

export interface Refund {
  out_refund_no: string;
  refund_id: string;
  out_trade_no: string;
  status: 'SUCCESS' | 'CLOSED' | 'PROCESSING' | 'ABNORMAL';
  success_time?: string;
  amount: { refund: number; total: number };
}

const TIMEOUT_MS = 5000;
const HOST = 'https://api.mch.weixin.qq.com';

/** The library with access to its request-payment signer, for re-issuing parameters of an open order. */
class MerchantPay extends Pay {
  requestPaymentFor(appId: string, prepayId: string): RequestPaymentParams {
    const params = {
      appId,
      timeStamp: String(epochSeconds()),
      nonceStr: randomBytes(12).toString('hex'),
      package: `prepay_id=${prepayId}`,
      signType: 'RSA' as const,
    };
    return {
      ...params,
      paySign: this.sign(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`),
    };
  }
}

interface Output {
  status: number;
  data?: unknown;
}

/** The transport: real HTTP to the configured base URL, every answer's signature checked. */
function verifyingTransport(baseUrl: string, keys: PlatformKeys) {
  const send = async (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Output> => {
    const target = url.replace(HOST, baseUrl);
    let response: Response;
    try {
      response = await fetch(target, { method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw new PaymentProviderError('unknown', 'NETWORK', `微信支付请求失败: ${(error as Error).name}`);
    }
    const text = await response.text();
    const signed = {
      timestamp: response.headers.get('wechatpay-timestamp') ?? undefined,
      nonce: response.headers.get('wechatpay-nonce') ?? undefined,
      signature: response.headers.get('wechatpay-signature') ?? undefined,
      serial: response.headers.get('wechatpay-serial') ?? undefined,
      body: text,
    };
    // Every success is signed and must verify. WeChat Pay sends some refusals (401, some
    // PARAM_ERROR) unsigned: those are taken as refusals, which change nothing on its side.
    const unsignedRefusal = response.status >= 400 && response.status < 500 && !signed.signature;
    const problem = unsignedRefusal ? null : checkWechatpaySignature(signed, keys, epochSeconds());
    if (problem) {
      log.warn('wechat pay response signature rejected', {
        problem,
        status: response.status,
        path: new URL(target).pathname,
      });
      throw new PaymentProviderError('unknown', 'RESPONSE_SIGNATURE', `微信支付应答验签失败: ${problem}`);
    }
    if (response.status >= 500)
      throw new PaymentProviderError('unknown', 'SYSTEM_ERROR', `微信支付系统错误 ${response.status}`);
    return { status: response.status, data: text ? JSON.parse(text) : undefined };
  };
  return {
    post: (url: string, params: Record<string, unknown>, headers: Record<string, string>) =>
      // The library signed JSON.stringify(params); send exactly that string.
      send('POST', url, headers, JSON.stringify(params)),
    get: (url: string, headers: Record<string, string>) => send('GET', url, headers),
    upload: async () => {
      throw new Error('uploads are not used');
    },
  };
}

let client: { pay: MerchantPay; keys: PlatformKeys } | undefined;

function merchant(): { pay: MerchantPay; keys: PlatformKeys } {
  if (!client) {
    const cfg = wechatPayConfig();
    const keys = new PlatformKeys(cfg.platformKeys);
    const pay = new MerchantPay({
      appid: cfg.appId,
      mchid: cfg.mchid,
      serial_no: cfg.merchantSerial,
      // The library insists on a merchant certificate only to read its serial, which we pass.
      publicKey: Buffer.from('unused'),
      privateKey: Buffer.from(cfg.merchantPrivateKeyPem),
      key: cfg.apiV3Key,
    });
    pay.createHttp(verifyingTransport(cfg.apiBaseUrl, keys) as never);
    client = { pay, keys };
  }
  return client;
}

export const platformKeys = (): PlatformKeys => merchant().keys;

function rejected(out: Output): PaymentProviderError {
  const body = (out.data ?? {}) as { code?: string; message?: string };
  return new PaymentProviderError('rejected', body.code ?? `HTTP_${out.status}`, body.message ?? `HTTP ${out.status}`);
}

/** JSAPI prepay. Same parameters again → the same prepay_id (WeChat Pay is idempotent on out_trade_no). */
export async function jsapiPrepay(order: {
  outTradeNo: string;
  description: string;
  amountFen: number;
  openid: string;
  expiresAt: string;
}): Promise<{ prepayId: string; requestPayment: RequestPaymentParams }> {
  const cfg = wechatPayConfig();
  const out = (await merchant().pay.transactions_jsapi({
    description: order.description,
    out_trade_no: order.outTradeNo,
    time_expire: order.expiresAt,
    notify_url: cfg.notifyUrl,
    amount: { total: order.amountFen, currency: 'CNY' },
    payer: { openid: order.openid },
  })) as Output;
  if (out.status !== 200) throw rejected(out);
  const requestPayment = out.data as RequestPaymentParams;
  return { prepayId: requestPayment.package.replace('prepay_id=', ''), requestPayment };
}

export const requestPaymentFor = (prepayId: string): RequestPaymentParams =>
  merchant().pay.requestPaymentFor(wechatPayConfig().appId, prepayId);

/** The order as WeChat Pay knows it, or undefined when it does not know it. */
export async function queryOrder(outTradeNo: string): Promise<Transaction | undefined> {
  const out = (await merchant().pay.query({ out_trade_no: outTradeNo })) as Output;
  if (out.status === 404) return undefined;
  if (out.status !== 200) throw rejected(out);
  return out.data as Transaction;
}

/** Closes an unpaid order; 'paid' when it turned out to be paid meanwhile. */
export async function closeOrder(outTradeNo: string): Promise<'closed' | 'paid' | 'not_found'> {
  const out = (await merchant().pay.close(outTradeNo)) as Output;
  if (out.status === 204 || out.status === 200) return 'closed';
  const code = (out.data as { code?: string } | undefined)?.code;
  if (code === 'ORDERPAID') return 'paid';
  if (out.status === 404) return 'not_found';
  throw rejected(out);
}

export async function requestRefund(refund: {
  outTradeNo: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason: string;
}): Promise<Refund> {
  const out = (await merchant().pay.refunds({
    out_trade_no: refund.outTradeNo,
    out_refund_no: refund.outRefundNo,
    reason: refund.reason,
    notify_url: wechatPayConfig().refundNotifyUrl,
    amount: { refund: refund.refundFen, total: refund.totalFen, currency: 'CNY' },
  } as never)) as Output;
  if (out.status !== 200) throw rejected(out);
  return out.data as Refund;
}

export async function queryRefund(outRefundNo: string): Promise<Refund | undefined> {
  const out = (await merchant().pay.find_refunds(outRefundNo)) as Output;
  if (out.status === 404) return undefined;
  if (out.status !== 200) throw rejected(out);
  return out.data as Refund;
}

/** Decrypts a notification resource (AEAD_AES_256_GCM with the APIv3 key). @throws on tampering */
export function decryptResource<T>(resource: { ciphertext: string; associated_data?: string; nonce: string }): T {
  return merchant().pay.decipher_gcm<T>(resource.ciphertext, resource.associated_data ?? '', resource.nonce);
}
