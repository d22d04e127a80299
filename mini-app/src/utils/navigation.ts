import Taro from '@tarojs/taro';

/**
 * Pages a successful login may return to (with their one parameter); anything else falls back
 * to 个人中心. Checked when read, so a tampered storage value cannot send the app elsewhere.
 */
const RETURNABLE = [
  /^pages\/me\/index$/,
  /^pages\/verify\/index(\?reason=(apply|traffic))?$/,
  /^pages\/item\/index\?code=[A-Z]{2}-\d{3}$/,
  /^packageApply\/pages\/list\/index$/,
  /^packageApply\/pages\/(apply|case)\/index\?id=[A-Za-z0-9_-]{1,64}$/,
  /^packageTraffic\/pages\/index$/,
  /^packageWallet\/pages\/(index|messages)$/,
  /^packageAppointment\/pages\/index$/,
  /^packageAppointment\/pages\/book\?itemCode=[A-Z]{2}-\d{3}(&applicationId=[A-Za-z0-9_-]{1,64})?$/,
  /^packageOrg\/pages\/index$/,
  /^packagePay\/pages\/result\/index\?outTradeNo=[A-Za-z0-9_-]{1,64}$/,
];

const RETURN_TO_KEY = 'minsheng.loginReturnTo';
/** The item a citizen was applying for when sent to real-name verification. */
const APPLY_AFTER_VERIFY_KEY = 'minsheng.applyAfterVerify';
/** Set when a citizen was sent to real-name verification from 我的车辆与违法. */
const TRAFFIC_AFTER_VERIFY_KEY = 'minsheng.trafficAfterVerify';

export const itemPage = (code: string): string => `pages/item/index?code=${code}`;
export const applyPage = (id: string): string => `packageApply/pages/apply/index?id=${encodeURIComponent(id)}`;
export const casePage = (id: string): string => `packageApply/pages/case/index?id=${encodeURIComponent(id)}`;
export const LIST_PAGE = 'packageApply/pages/list/index';
/** 我的车辆与违法 (subpackage packageTraffic). */
export const TRAFFIC_PAGE = 'packageTraffic/pages/index';
/** 我的证照 and 消息中心 (subpackage packageWallet). */
export const WALLET_PAGE = 'packageWallet/pages/index';
export const MESSAGES_PAGE = 'packageWallet/pages/messages';
/** The QR page for one licence shown for one purpose. */
export const walletQrPage = (type: string, purpose: string): string =>
  `packageWallet/pages/qr?type=${encodeURIComponent(type)}&purpose=${encodeURIComponent(purpose)}`;
/** 我的预约 and 预约办理 (subpackage packageAppointment); booking may be for one of the citizen's cases. */
export const APPOINTMENTS_PAGE = 'packageAppointment/pages/index';
export const bookAppointmentPage = (itemCode: string, applicationId?: string): string =>
  `packageAppointment/pages/book?itemCode=${encodeURIComponent(itemCode)}${
    applicationId ? `&applicationId=${encodeURIComponent(applicationId)}` : ''
  }`;
/** 我的单位 (subpackage packageOrg): organisations the citizen acts for, and their 经办人. */
export const ORGANISATIONS_PAGE = 'packageOrg/pages/index';
/** The payment waiting / result page (subpackage packagePay), shared by fines and application fees. */
export const payResultPage = (outTradeNo: string): string =>
  `packagePay/pages/result/index?outTradeNo=${encodeURIComponent(outTradeNo)}`;

/**
 * Sends the user to log in, remembering where to come back to. Kept in storage rather than in
 * the URL because on h5 the WeChat stand-in's redirect rebuilds the page stack.
 */
export function goToLogin(returnTo: string): void {
  Taro.setStorageSync(RETURN_TO_KEY, returnTo);
  void Taro.navigateTo({ url: '/pages/login/index' });
}

/** Where to go after logging in (read once). */
export function takeLoginReturnTo(): string {
  const stored: unknown = Taro.getStorageSync(RETURN_TO_KEY);
  Taro.removeStorageSync(RETURN_TO_KEY);
  return typeof stored === 'string' && RETURNABLE.some((pattern) => pattern.test(stored)) ? stored : 'pages/me/index';
}

/** Sends a citizen who must verify first to pages/verify, remembering the item to return to. */
export function goToVerifyForApplication(itemCode: string): void {
  Taro.removeStorageSync(TRAFFIC_AFTER_VERIFY_KEY);
  Taro.setStorageSync(APPLY_AFTER_VERIFY_KEY, itemCode);
  void Taro.navigateTo({ url: '/pages/verify/index?reason=apply' });
}

/** The item to resume applying for after verification, if any (left in place until used). */
export function pendingApplicationItem(): string | null {
  const stored: unknown = Taro.getStorageSync(APPLY_AFTER_VERIFY_KEY);
  return typeof stored === 'string' && /^[A-Z]{2}-\d{3}$/.test(stored) ? stored : null;
}

export function forgetPendingApplicationItem(): void {
  Taro.removeStorageSync(APPLY_AFTER_VERIFY_KEY);
}

/** Sends a citizen who must verify before seeing vehicles and violations to pages/verify. */
export function goToVerifyForTraffic(): void {
  Taro.removeStorageSync(APPLY_AFTER_VERIFY_KEY);
  Taro.setStorageSync(TRAFFIC_AFTER_VERIFY_KEY, true);
  void Taro.navigateTo({ url: '/pages/verify/index?reason=traffic' });
}

/** Whether verification was started from 我的车辆与违法 (left in place until used). */
export const pendingTrafficAfterVerify = (): boolean => Taro.getStorageSync(TRAFFIC_AFTER_VERIFY_KEY) === true;

export function forgetPendingTraffic(): void {
  Taro.removeStorageSync(TRAFFIC_AFTER_VERIFY_KEY);
}

export const goHome = (): void => {
  void Taro.reLaunch({ url: '/pages/index/index' });
};
