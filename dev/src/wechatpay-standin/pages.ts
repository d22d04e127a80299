import { escapeHtml } from '../http-util';

/**
 * The cashier screen WeChat shows for wx.requestPayment; the h5 build opens this instead.
 * WeChat green, body text at least 18 px (elderly-friendly), large buttons.
 */
export const MERCHANT_NAME = '民生警务';

const layout = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#ededed;color:#111;font-size:18px}
header{background:#07c160;color:#fff;padding:16px 20px;font-size:20px}
main{padding:20px;max-width:520px;margin:auto}
.card{background:#fff;border-radius:8px;padding:20px;margin-bottom:16px;text-align:center}
.merchant{font-size:20px;margin:0 0 8px}
.description{font-size:18px;color:#333;margin:0 0 12px}
.amount{font-size:40px;font-weight:600;margin:8px 0}
button{display:block;width:100%;min-height:52px;margin:10px 0;font-size:20px;border:0;border-radius:6px;cursor:pointer}
.primary{background:#07c160;color:#fff}.plain{background:#f2f2f2;color:#111}
small{color:#555;font-size:18px}
</style></head><body><header>微信支付（本地模拟）</header><main>${body}</main></body></html>`;

/** ¥x.xx from integer fen. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

export function payPage(session: string, description: string, totalFen: number): string {
  const button = (action: 'confirm' | 'cancel', cls: string, label: string) =>
    `<form method="post" action="/h5/pay/${action}">
  <input type="hidden" name="session" value="${escapeHtml(session)}">
  <button class="${cls}" type="submit" data-testid="pay-${action}">${label}</button></form>`;
  return layout(
    '微信支付',
    `<div class="card">
<p class="merchant" data-testid="pay-merchant">${MERCHANT_NAME}</p>
<p class="description" data-testid="pay-description">${escapeHtml(description)}</p>
<p class="amount" data-testid="pay-amount">${yuan(totalFen)}</p>
<small>本地模拟：不会产生真实扣款</small></div>
${button('confirm', 'primary', '确认支付')}
${button('cancel', 'plain', '取消')}`,
  );
}

export const payErrorPage = (message: string): string =>
  layout('支付失败', `<div class="card" data-testid="standin-pay-error">${escapeHtml(message)}</div>`);
