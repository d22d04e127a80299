import { getAppConfig } from '../config';
import { h5PageUrl } from './return-params';

export const VERIFY_PAGE = 'pages/verify/index';

/** The outcome of the face check as the client sees it; only the server decides if it passed. */
export type FaceCheckOutcome =
  /** A result token for the server to redeem (it may still say "not passed"). */
  | { kind: 'result'; verifyResult: string }
  /** The check ended without a result: cancelled, camera denied, or failed on the device. */
  | { kind: 'not-completed'; errCode: number | null; errMsg: string }
  /** h5: the browser is leaving for the stand-in; the outcome arrives when it comes back. */
  | { kind: 'redirected' };

/** Just the part of the WeChat API this adapter uses (government mini-programs only). */
interface WxFacialRecognitionOptions {
  name: string;
  idCardNumber: string;
  success: (res: { verifyResult: string; errCode?: number; errMsg?: string }) => void;
  fail: (err: { errCode?: number; errMsg?: string; verifyResult?: string }) => void;
}
declare const wx: { startFacialRecognitionVerify(options: WxFacialRecognitionOptions): void };

/**
 * Starts WeChat face verification for the stated name and ID number. The ID number is passed
 * straight through and not kept; callers should clear it from their state right after.
 */
export function startFaceVerification(name: string, idCardNumber: string): Promise<FaceCheckOutcome> {
  if (process.env.TARO_ENV === 'h5') {
    submitHiddenForm(`${getAppConfig().wechatStandInUrl}/h5/face`, {
      name,
      idCardNumber,
      redirect_uri: h5PageUrl(VERIFY_PAGE),
    });
    return Promise.resolve({ kind: 'redirected' });
  }
  return new Promise((resolve) => {
    wx.startFacialRecognitionVerify({
      name,
      idCardNumber,
      success: (res) => resolve({ kind: 'result', verifyResult: res.verifyResult }),
      fail: (err) => resolve({ kind: 'not-completed', errCode: err.errCode ?? null, errMsg: err.errMsg ?? '' }),
    });
  });
}

/** POSTs rather than navigating with a query string, so the ID number stays out of URLs and history. */
function submitHiddenForm(action: string, fields: Record<string, string>): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = action;
  form.target = '_self';
  form.style.display = 'none';
  for (const [name, value] of Object.entries(fields)) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }
  document.body.appendChild(form);
  form.submit();
  form.remove();
}

/** Reads the stand-in's answer from the URL the browser came back to (h5). */
export function readFaceReturn(
  read: (name: string) => string | undefined,
): Exclude<FaceCheckOutcome, { kind: 'redirected' }> | null {
  const verifyResult = read('verifyResult');
  if (verifyResult) return { kind: 'result', verifyResult };
  const errCode = read('errCode');
  if (errCode !== undefined) {
    const parsed = Number(errCode);
    return { kind: 'not-completed', errCode: Number.isFinite(parsed) ? parsed : null, errMsg: read('errMsg') ?? '' };
  }
  return null;
}
