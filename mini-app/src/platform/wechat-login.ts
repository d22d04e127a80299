import Taro from '@tarojs/taro';
import { getAppConfig } from '../config';
import { h5PageUrl } from './return-params';

export const LOGIN_PAGE = 'pages/login/index';

export type WechatLoginStart =
  /** weapp: the one-time code from wx.login, to send to /auth/login now. */
  | { kind: 'code'; code: string }
  /** h5: the browser is leaving for the stand-in; the code arrives when it comes back. */
  | { kind: 'redirected' };

/**
 * Obtains a WeChat login code. In the mini-program that is `wx.login`; in the browser build
 * the local WeChat stand-in plays the part and redirects back to the login page with `?code=`.
 */
export async function startWechatLogin(): Promise<WechatLoginStart> {
  if (process.env.TARO_ENV === 'h5') {
    const redirectUri = h5PageUrl(LOGIN_PAGE);
    window.location.href = `${getAppConfig().wechatStandInUrl}/h5/login?redirect_uri=${encodeURIComponent(redirectUri)}`;
    return { kind: 'redirected' };
  }
  const { code } = await Taro.login();
  return { kind: 'code', code };
}
