import { maskIdNumber, maskName } from '@minsheng/shared';
import { escapeHtml } from '../http-util';
import { PERSONAS } from './personas';

/**
 * The screens WeChat itself shows inside the mini-program (the login consent and the face
 * check); the h5 build opens these instead, since browsers have no wx.login.
 */
const layout = (title: string, body: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;background:#ededed;color:#111;font-size:18px}
header{background:#07c160;color:#fff;padding:16px 20px;font-size:20px}
main{padding:20px;max-width:520px;margin:auto}
.card{background:#fff;border-radius:8px;padding:16px;margin-bottom:16px}
button{display:block;width:100%;min-height:48px;margin:10px 0;font-size:18px;border:0;border-radius:6px;cursor:pointer}
.primary{background:#07c160;color:#fff}.danger{background:#fa5151;color:#fff}.plain{background:#f2f2f2;color:#111}
small{color:#555;font-size:15px}
</style></head><body><header>微信（本地模拟）</header><main>${body}</main></body></html>`;

export function loginPage(redirectUri: string): string {
  const choices = PERSONAS.map(
    (p) => `<form method="post" action="/h5/login/choose" class="card">
  <input type="hidden" name="openid" value="${escapeHtml(p.openid)}">
  <input type="hidden" name="redirect_uri" value="${escapeHtml(redirectUri)}">
  <div>${escapeHtml(p.nickname)}</div>
  <small>演示实名信息：${escapeHtml(p.demoName)} ${escapeHtml(p.demoIdNumber)}</small>
  <button class="primary" type="submit" data-testid="persona-${escapeHtml(p.openid)}">以此微信账号登录</button>
</form>`,
  ).join('\n');
  return layout(
    '微信登录',
    `<p>「民生警务」申请获得你的公开信息（昵称、头像）。请选择一个演示微信账号：</p>${choices}`,
  );
}

export function facePage(sessionId: string, name: string, idCardNumber: string): string {
  const button = (outcome: string, cls: string, label: string) => `<form method="post" action="/h5/face/finish">
  <input type="hidden" name="session" value="${escapeHtml(sessionId)}">
  <input type="hidden" name="outcome" value="${outcome}">
  <button class="${cls}" type="submit" data-testid="face-${outcome}">${label}</button></form>`;
  return layout(
    '人脸核验',
    `<div class="card"><p>即将进行人脸核验，请确认是本人操作</p>
<p>姓名：${escapeHtml(maskName(name))}<br>身份证号：${escapeHtml(maskIdNumber(idCardNumber))}</p>
<small>本地模拟：选择核验结果，代替摄像头活体检测</small></div>
${button('pass', 'primary', '核验通过（本人）')}
${button('fail', 'danger', '核验不通过（非本人）')}
${button('cancel', 'plain', '取消')}`,
  );
}

export const errorPage = (message: string): string =>
  layout('出错了', `<div class="card" data-testid="standin-error">${escapeHtml(message)}</div>`);
