import Taro from '@tarojs/taro';

/** Pages a successful login may return to; anything else falls back to 个人中心. */
const RETURNABLE_PAGES = ['pages/me/index', 'pages/verify/index'] as const;
type ReturnablePage = (typeof RETURNABLE_PAGES)[number];

const RETURN_TO_KEY = 'minsheng.loginReturnTo';

/**
 * Sends the user to log in, remembering where to come back to. Kept in storage rather than in
 * the URL because on h5 the WeChat stand-in's redirect rebuilds the page stack.
 */
export function goToLogin(returnTo: ReturnablePage): void {
  Taro.setStorageSync(RETURN_TO_KEY, returnTo);
  void Taro.navigateTo({ url: '/pages/login/index' });
}

/** Where to go after logging in (read once). */
export function takeLoginReturnTo(): ReturnablePage {
  const stored: unknown = Taro.getStorageSync(RETURN_TO_KEY);
  Taro.removeStorageSync(RETURN_TO_KEY);
  return RETURNABLE_PAGES.find((page) => page === stored) ?? 'pages/me/index';
}

export const goHome = (): void => {
  void Taro.reLaunch({ url: '/pages/index/index' });
};
