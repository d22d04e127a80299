import Taro from '@tarojs/taro';
import { getAppConfig } from '../config';
import type { RequestPaymentParams } from '../shared';
import { h5PageUrl } from './return-params';

/**
 * How the WeChat cashier ended, as the client sees it. None of these says the money arrived:
 * only the server (WeChat Pay's notification or a query) decides that, so every outcome is
 * followed by the waiting page, which asks the server.
 */
export type PaymentOutcome =
  /** weapp: requestPayment called success (the citizen finished the cashier). */
  | { kind: 'returned' }
  /** weapp: the citizen closed the cashier (`requestPayment:fail cancel`). */
  | { kind: 'cancelled' }
  /** The cashier could not be shown or failed (no money moved as far as the client knows). */
  | { kind: 'failed'; message: string }
  /** h5: the browser is leaving for the WeChat Pay stand-in, which comes back to the waiting page. */
  | { kind: 'redirected' };

const CANCEL = /cancel/i;

/**
 * Opens the WeChat Pay cashier for an order the server created.
 * - weapp: `Taro.requestPayment` with the server's signed parameters;
 * - h5: navigates to the local WeChat Pay stand-in's cashier, which returns the browser to
 *   `returnPage` (an app page path with its query) with `payResult=ok|cancel` appended.
 */
export function requestPayment(params: RequestPaymentParams, returnPage: string): Promise<PaymentOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    const standIn = getAppConfig().wechatPayStandInUrl;
    if (!standIn) {
      return Promise.resolve({ kind: 'failed', message: '当前环境未配置微信支付，请在微信小程序中缴纳' });
    }
    window.location.assign(standInCashierUrl(standIn, params, h5PageUrl(returnPage)));
    return Promise.resolve({ kind: 'redirected' });
  }
  return new Promise((resolve) => {
    Taro.requestPayment({
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      paySign: params.paySign,
      success: () => resolve({ kind: 'returned' }),
      fail: (err) => {
        const errMsg = err?.errMsg ?? '';
        if (CANCEL.test(errMsg)) resolve({ kind: 'cancelled' });
        else resolve({ kind: 'failed', message: errMsg ? `微信支付未能完成（${errMsg}）` : '微信支付未能完成' });
      },
    });
  });
}

/** `${standIn}/h5/pay?appId&timeStamp&nonceStr&package&signType&paySign&redirect_uri`, every value encoded. */
export function standInCashierUrl(standIn: string, params: RequestPaymentParams, redirectUri: string): string {
  const fields: [string, string][] = [
    ['appId', params.appId],
    ['timeStamp', params.timeStamp],
    ['nonceStr', params.nonceStr],
    ['package', params.package],
    ['signType', params.signType],
    ['paySign', params.paySign],
    ['redirect_uri', redirectUri],
  ];
  const query = fields.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
  return `${standIn}/h5/pay?${query}`;
}
