import Taro from '@tarojs/taro';
import { requestPayment } from '../platform/request-payment';
import type { ApplicationView, PaymentPurpose, PaymentStatus, PaymentView } from '../shared';
import { payResultPage } from '../utils/navigation';
import { request } from './request';

/**
 * Payments for traffic fines and application fees (see the API contract). Only the server
 * says whether a payment succeeded; the client never infers it from the cashier's callback.
 */

/** The fee status the server adds to an application (`ApplicationView.payment`). */
export interface ApplicationFee {
  outTradeNo: string;
  status: PaymentStatus;
  statusLabel?: string;
  amountFen: number;
}

/** Reads `payment` from an application (shared types its status as a plain string). */
export const applicationFeeOf = (view: ApplicationView): ApplicationFee | undefined =>
  (view as { payment?: ApplicationFee }).payment;

/** Statuses that mean the money arrived (possibly refunded since). */
export const PAID_STATUSES: readonly PaymentStatus[] = ['paid', 'refund_requested', 'refunded', 'refund_failed'];

export const fetchPayment = (outTradeNo: string, refresh = false): Promise<PaymentView> =>
  request<PaymentView>(`/payments/${encodeURIComponent(outTradeNo)}`, {
    query: { refresh: refresh ? '1' : undefined },
  });

/** Creates the order for a fine, or returns the open one. 409 when not payable online or already paid. */
export const createViolationPayment = (violationId: string): Promise<PaymentView> =>
  request<PaymentView>(`/traffic/violations/${encodeURIComponent(violationId)}/payment`, { method: 'POST', data: {} });

/** Creates the order for an application's fee, or returns the open one. 409 when no fee is due. */
export const createApplicationPayment = (applicationId: string): Promise<PaymentView> =>
  request<PaymentView>(`/applications/${encodeURIComponent(applicationId)}/payment`, { method: 'POST', data: {} });

export const createPayment = (purpose: PaymentPurpose, subjectId: string): Promise<PaymentView> =>
  purpose === 'violation' ? createViolationPayment(subjectId) : createApplicationPayment(subjectId);

/** What the waiting page is told about the cashier (`payResult`): a hint, never proof. */
export type ClientPayResult = 'ok' | 'cancel' | 'fail';

/**
 * 缴纳: creates (or reopens) the order on the server, opens the WeChat cashier, then shows the
 * waiting page, which asks the server for the outcome. On h5 the browser leaves for the
 * stand-in's cashier and comes back to the waiting page itself. Throws the create call's
 * ApiError (e.g. 409 already paid) for the calling page to show.
 *
 * `replace`: the waiting page paying again replaces itself rather than stacking another.
 */
export async function payFor(purpose: PaymentPurpose, subjectId: string, replace = false): Promise<void> {
  const payment = await createPayment(purpose, subjectId);
  const show = (result?: ClientPayResult, message?: string) => {
    const extra = `${result ? `&payResult=${result}` : ''}${message ? `&payError=${encodeURIComponent(message)}` : ''}`;
    const url = `/${payResultPage(payment.outTradeNo)}${extra}`;
    return replace ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
  };
  // Nothing to pay with (already settled or the order could not be placed): the waiting page explains.
  if (!payment.requestPayment) {
    await show();
    return;
  }
  const outcome = await requestPayment(payment.requestPayment, payResultPage(payment.outTradeNo));
  if (outcome.kind === 'redirected') return;
  if (outcome.kind === 'failed') await show('fail', outcome.message);
  else await show(outcome.kind === 'returned' ? 'ok' : 'cancel');
}
