import { randomBytes } from 'node:crypto';
import { beijingCompact, beijingTime, digits } from './crypto';
import type { Notifier } from './notifier';
import {
  type PayOrder,
  type PayRefund,
  type PayStandInState,
  refundJson,
  refundNotificationPlaintext,
  transactionJson,
  transactionNotificationPlaintext,
} from './state';

/**
 * The WeChat Pay API v3 routes the stand-in speaks (JSAPI prepay, query, close, refund,
 * refund query), with WeChat Pay's validation rules, error codes and messages. They run
 * after the request's signature has been checked; the server signs what they return.
 */
export interface ApiResult {
  status: number;
  body?: unknown;
}

export interface ApiContext {
  url: URL;
  params: string[];
  body: Record<string, unknown> | undefined;
  /** The mchid of the request's Authorization header. */
  mchid: string;
}

export interface ApiRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** WeChat Pay's transaction and refund APIs word some errors differently. */
  family: 'transactions' | 'refund';
  handle(ctx: ApiContext): ApiResult;
}

export const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** A prepay_id is valid for two hours. */
const PREPAY_TTL_MS = 2 * 3600_000;

export const apiError = (status: number, code: string, message: string, detail?: unknown): ApiResult => ({
  status,
  body: { code, message, ...(detail === undefined ? {} : { detail }) },
});

/** PARAM_ERROR worded as WeChat Pay words it: 输入源“/body/x”映射到值字段“…”…, with detail. */
const paramError = (location: 'body' | 'url' | 'query', field: string, label: string, issue: string, value?: unknown) =>
  apiError(400, 'PARAM_ERROR', `输入源“/${location}${field}”映射到值字段“${label}”${issue}`, {
    field,
    location,
    value: value ?? null,
  });

const MISSING = '必填字段缺失';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** An http(s) URL without query string (WeChat Pay's rule for notify_url; http is allowed locally). */
function badNotifyUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return MISSING;
  if (value.length > 256) return '字符串规则校验失败，字节数超过最大值 256';
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return '字符串规则校验失败，必须是 http(s) 地址';
    if (u.search) return '字符串规则校验失败，通知地址不能携带参数';
  } catch {
    return '字符串规则校验失败，不是合法的 URL';
  }
  return undefined;
}

const positiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

export interface ApiDeps {
  appid: string;
  mchid: string;
  state: PayStandInState;
  notifier: Notifier;
  refundSettleMs: number;
  schedule(fn: () => void, ms: number): void;
}

export function newPrepayId(): string {
  return `wx${beijingCompact()}${randomBytes(10).toString('hex')}`;
}

/** Pays an order as the cashier does; an error code and message when it cannot be paid. */
export function payOrder(deps: ApiDeps, order: PayOrder): { ok: true } | { ok: false; code: string; message: string } {
  if (order.tradeState === 'CLOSED') return { ok: false, code: 'ORDER_CLOSED', message: '订单已关闭' };
  if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND')
    return { ok: false, code: 'ORDERPAID', message: '订单已支付' };
  if (order.timeExpire && Date.parse(order.timeExpire) < Date.now())
    return { ok: false, code: 'ORDER_EXPIRED', message: '订单已过期失效，请重新下单' };
  const now = Date.now();
  order.tradeState = 'SUCCESS';
  order.transactionId = `42000${digits(5)}${beijingCompact(now).slice(0, 8)}${digits(10)}`;
  order.successTime = beijingTime(now);
  deps.notifier.notify({
    eventType: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    url: order.notifyUrl,
    outTradeNo: order.outTradeNo,
    plaintext: (delta) => transactionNotificationPlaintext(order, order.total + delta),
  });
  return { ok: true };
}

function checkMchid(ctx: ApiContext, location: 'body' | 'query', value: unknown): ApiResult | undefined {
  if (typeof value !== 'string' || !value) return paramError(location, '/mchid', '直连商户号', MISSING);
  if (value !== ctx.mchid)
    return apiError(
      400,
      'PARAM_ERROR',
      `http header中的mchid与${location === 'body' ? 'post payload' : 'query'}中的mchid不匹配`,
    );
  return undefined;
}

function checkOutTradeNoParam(no: string): ApiResult | undefined {
  return OUT_TRADE_NO.test(no)
    ? undefined
    : paramError('url', '/out_trade_no', '商户订单号', '字符串规则校验失败，须为6-32位数字、大小写字母或_-|*', no);
}

export function apiRoutes(deps: ApiDeps): ApiRoute[] {
  const { state } = deps;

  const prepay = (ctx: ApiContext): ApiResult => {
    state.calls.jsapi++;
    const b = ctx.body;
    if (!b) return apiError(400, 'PARAM_ERROR', '请求体不是合法的JSON对象');
    if (typeof b.appid !== 'string' || !b.appid) return paramError('body', '/appid', '应用ID', MISSING);
    const mchidProblem = checkMchid(ctx, 'body', b.mchid);
    if (mchidProblem) return mchidProblem;
    if (b.appid !== deps.appid) return apiError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
    if (typeof b.description !== 'string' || !b.description)
      return paramError('body', '/description', '商品描述', MISSING);
    if (byteLength(b.description) > 127)
      return paramError(
        'body',
        '/description',
        '商品描述',
        `字符串规则校验失败，字节数 ${byteLength(b.description)}，大于最大值 127`,
        b.description,
      );
    if (typeof b.out_trade_no !== 'string' || !OUT_TRADE_NO.test(b.out_trade_no))
      return paramError(
        'body',
        '/out_trade_no',
        '商户订单号',
        '字符串规则校验失败，须为6-32位数字、大小写字母或_-|*',
        b.out_trade_no,
      );
    if (
      b.time_expire !== undefined &&
      (typeof b.time_expire !== 'string' || !RFC3339.test(b.time_expire) || Number.isNaN(Date.parse(b.time_expire)))
    )
      return paramError(
        'body',
        '/time_expire',
        '交易结束时间',
        '字符串规则校验失败，字符串必须是符合 RFC3339 日期时间格式',
        b.time_expire,
      );
    if (b.attach !== undefined && (typeof b.attach !== 'string' || b.attach.length > 128))
      return paramError('body', '/attach', '附加数据', '字符串规则校验失败，长度超过最大值 128', b.attach);
    const notifyProblem = badNotifyUrl(b.notify_url);
    if (notifyProblem) return paramError('body', '/notify_url', '通知地址', notifyProblem, b.notify_url);
    if (!isObject(b.amount)) return paramError('body', '/amount', '订单金额', MISSING);
    if (!positiveInt(b.amount.total))
      return paramError(
        'body',
        '/amount/total',
        '总金额',
        '整数规则校验失败，须为大于0的整数（单位：分）',
        b.amount.total,
      );
    if (b.amount.currency !== undefined && b.amount.currency !== 'CNY')
      return paramError('body', '/amount/currency', '货币类型', '枚举值校验失败，仅支持 CNY', b.amount.currency);
    if (!isObject(b.payer) || typeof b.payer.openid !== 'string' || !b.payer.openid)
      return paramError('body', '/payer/openid', '用户标识', MISSING);

    const fingerprint = JSON.stringify([
      b.appid,
      b.mchid,
      b.description,
      b.out_trade_no,
      b.time_expire ?? null,
      b.attach ?? null,
      b.notify_url,
      b.amount.total,
      b.amount.currency ?? 'CNY',
      b.payer.openid,
    ]);
    const existing = state.orders.get(b.out_trade_no);
    if (existing) {
      if (existing.fingerprint !== fingerprint) return apiError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
      if (existing.tradeState === 'CLOSED') return apiError(400, 'ORDER_CLOSED', '订单已关闭');
      if (existing.tradeState === 'SUCCESS' || existing.tradeState === 'REFUND')
        return apiError(400, 'ORDERPAID', '该订单已支付');
      return { status: 200, body: { prepay_id: existing.prepayId } };
    }
    const order: PayOrder = {
      appid: b.appid,
      mchid: b.mchid as string,
      outTradeNo: b.out_trade_no,
      description: b.description,
      ...(typeof b.attach === 'string' ? { attach: b.attach } : {}),
      notifyUrl: b.notify_url as string,
      ...(typeof b.time_expire === 'string' ? { timeExpire: b.time_expire } : {}),
      total: b.amount.total,
      openid: b.payer.openid,
      prepayId: newPrepayId(),
      prepayExpiresAt: Date.now() + PREPAY_TTL_MS,
      fingerprint,
      tradeState: 'NOTPAY',
      createdAt: beijingTime(),
    };
    state.orders.set(order.outTradeNo, order);
    state.ordersByPrepayId.set(order.prepayId, order);
    return { status: 200, body: { prepay_id: order.prepayId } };
  };

  const query = (ctx: ApiContext, order: PayOrder | undefined): ApiResult => {
    state.calls.query++;
    const mchidProblem = checkMchid(ctx, 'query', ctx.url.searchParams.get('mchid'));
    if (mchidProblem) return mchidProblem;
    if (!order || state.forgotten.has(order.outTradeNo)) return apiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, body: transactionJson(order) };
  };

  const close = (ctx: ApiContext): ApiResult => {
    state.calls.close++;
    const no = ctx.params[0] as string;
    const noProblem = checkOutTradeNoParam(no);
    if (noProblem) return noProblem;
    const mchidProblem = checkMchid(ctx, 'body', ctx.body?.mchid);
    if (mchidProblem) return mchidProblem;
    const order = state.orders.get(no);
    if (!order) return apiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    if (order.tradeState === 'SUCCESS' || order.tradeState === 'REFUND')
      return apiError(400, 'ORDERPAID', '订单已支付');
    if (order.tradeState !== 'CLOSED') {
      order.tradeState = 'CLOSED';
      order.closedAt = beijingTime();
    }
    return { status: 204 };
  };

  const settleRefund = (refund: PayRefund) => {
    if (refund.status !== 'PROCESSING') return;
    refund.status = 'SUCCESS';
    refund.successTime = beijingTime();
    const order = state.orders.get(refund.outTradeNo);
    if (order) order.tradeState = 'REFUND';
    if (refund.notifyUrl) {
      deps.notifier.notify({
        eventType: 'REFUND.SUCCESS',
        summary: '退款成功',
        originalType: 'refund',
        url: refund.notifyUrl,
        outTradeNo: refund.outTradeNo,
        outRefundNo: refund.outRefundNo,
        plaintext: (delta) => refundNotificationPlaintext(refund, deps.mchid, refund.total + delta),
      });
    }
  };

  const refund = (ctx: ApiContext): ApiResult => {
    state.calls.refund++;
    const b = ctx.body;
    if (!b) return apiError(400, 'PARAM_ERROR', '请求体不是合法的JSON对象');
    if (typeof b.out_refund_no !== 'string' || !OUT_REFUND_NO.test(b.out_refund_no))
      return paramError(
        'body',
        '/out_refund_no',
        '商户退款单号',
        '字符串规则校验失败，须为1-64位数字、大小写字母或_-|*@',
        b.out_refund_no,
      );
    const outTradeNo = typeof b.out_trade_no === 'string' ? b.out_trade_no : undefined;
    const transactionId = typeof b.transaction_id === 'string' ? b.transaction_id : undefined;
    if (!outTradeNo && !transactionId)
      return paramError('body', '/out_trade_no', '商户订单号', '与微信支付订单号 transaction_id 二选一，不能都为空');
    if (b.reason !== undefined && (typeof b.reason !== 'string' || b.reason.length > 80))
      return paramError('body', '/reason', '退款原因', '字符串规则校验失败，长度超过最大值 80', b.reason);
    if (b.notify_url !== undefined) {
      const notifyProblem = badNotifyUrl(b.notify_url);
      if (notifyProblem) return paramError('body', '/notify_url', '退款结果回调url', notifyProblem, b.notify_url);
    }
    if (!isObject(b.amount)) return paramError('body', '/amount', '金额信息', MISSING);
    if (!positiveInt(b.amount.refund))
      return paramError(
        'body',
        '/amount/refund',
        '退款金额',
        '整数规则校验失败，须为大于0的整数（单位：分）',
        b.amount.refund,
      );
    if (!positiveInt(b.amount.total))
      return paramError(
        'body',
        '/amount/total',
        '原订单金额',
        '整数规则校验失败，须为大于0的整数（单位：分）',
        b.amount.total,
      );
    if (b.amount.currency !== 'CNY')
      return paramError('body', '/amount/currency', '退款币种', '枚举值校验失败，仅支持 CNY', b.amount.currency);

    const order = state.findOrder({ outTradeNo, transactionId });
    const existing = state.refunds.get(b.out_refund_no);
    if (existing) {
      const sameOrder = order && existing.outTradeNo === order.outTradeNo;
      if (!sameOrder || existing.refund !== b.amount.refund || existing.total !== b.amount.total)
        return apiError(400, 'INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试');
      return { status: 200, body: refundJson(existing) };
    }
    if (!order || (order.tradeState !== 'SUCCESS' && order.tradeState !== 'REFUND') || !order.transactionId)
      return apiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    if (b.amount.total !== order.total) return apiError(400, 'INVALID_REQUEST', '您的请求参数与订单信息不一致');
    if (b.amount.refund > order.total - state.refundedAmount(order.outTradeNo))
      return apiError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    const created: PayRefund = {
      refundId: `50${digits(9)}${beijingCompact().slice(0, 8)}${digits(10)}`,
      outRefundNo: b.out_refund_no,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId,
      ...(typeof b.reason === 'string' ? { reason: b.reason } : {}),
      ...(typeof b.notify_url === 'string' ? { notifyUrl: b.notify_url } : {}),
      refund: b.amount.refund,
      total: b.amount.total,
      // WeChat Pay answers ABNORMAL when the payer's account cannot take the money back.
      status: state.take('refund-abnormal', order.outTradeNo) ? 'ABNORMAL' : 'PROCESSING',
      createTime: beijingTime(),
    };
    state.refunds.set(created.outRefundNo, created);
    deps.schedule(() => settleRefund(created), deps.refundSettleMs);
    return { status: 200, body: refundJson(created) };
  };

  const refundQuery = (ctx: ApiContext): ApiResult => {
    state.calls.refundQuery++;
    const found = state.refunds.get(ctx.params[0] as string);
    if (!found) return apiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return { status: 200, body: refundJson(found) };
  };

  return [
    { method: 'POST', pattern: /^\/v3\/pay\/transactions\/jsapi$/, family: 'transactions', handle: prepay },
    {
      method: 'GET',
      pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)$/,
      family: 'transactions',
      handle: (ctx) => {
        const no = ctx.params[0] as string;
        return checkOutTradeNoParam(no) ?? query(ctx, state.orders.get(no));
      },
    },
    {
      method: 'GET',
      pattern: /^\/v3\/pay\/transactions\/id\/([^/]+)$/,
      family: 'transactions',
      handle: (ctx) => query(ctx, state.findOrder({ transactionId: ctx.params[0] as string })),
    },
    {
      method: 'POST',
      pattern: /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)\/close$/,
      family: 'transactions',
      handle: close,
    },
    { method: 'POST', pattern: /^\/v3\/refund\/domestic\/refunds$/, family: 'refund', handle: refund },
    { method: 'GET', pattern: /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/, family: 'refund', handle: refundQuery },
  ];
}
