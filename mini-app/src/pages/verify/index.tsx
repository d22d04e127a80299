import { Button, Input, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { WindowFallback } from '../../components/WindowFallback';
import { type FaceCheckOutcome, readFaceReturn, startFaceVerification, VERIFY_PAGE } from '../../platform/face-verify';
import { forgetReturnParams, readReturnParam } from '../../platform/return-params';
import { submitFaceResult, submitVerificationStart } from '../../services/identity';
import { isApiError, userMessageOf } from '../../services/request';
import { isLoggedIn } from '../../services/session';
import { type ErrorCode, StartVerificationRequest, type VerifiedIdentity } from '../../shared';
import {
  forgetPendingApplicationItem,
  forgetPendingTraffic,
  goToLogin,
  itemPage,
  pendingApplicationItem,
  pendingTrafficAfterVerify,
  TRAFFIC_PAGE,
} from '../../utils/navigation';
import './index.css';

/**
 * Real-name verification: state name + ID number with separate consent, then a WeChat face
 * check. A face check that ends without a pass is a state this page explains, with the
 * window route always offered (face must not be the only way to prove identity).
 */
type Phase =
  | { kind: 'form'; error?: string }
  | { kind: 'need-login'; message?: string }
  | { kind: 'starting' }
  | { kind: 'checking-result' }
  | { kind: 'face-not-completed'; message: string }
  | { kind: 'face-failed'; message: string }
  | { kind: 'rate-limited'; message: string }
  | { kind: 'already-verified'; message: string }
  | { kind: 'success'; identity: VerifiedIdentity };

type Field = 'name' | 'idNumber' | 'consent';
type FieldErrors = Partial<Record<Field, string>>;

const SESSION_ERRORS: readonly ErrorCode[] = ['UNAUTHENTICATED', 'REFRESH_TOKEN_INVALID'];
const FACE_RESULT_ERRORS: readonly ErrorCode[] = [
  'FACE_NOT_PASSED',
  'FACE_MISMATCH',
  'FACE_RESULT_STALE',
  'VERIFICATION_EXPIRED',
  'VERIFICATION_NOT_STARTED',
];

/** What to tell the citizen when the face check ended before giving a result. */
function describeNotCompleted(outcome: Extract<FaceCheckOutcome, { kind: 'not-completed' }>): string {
  const cancelled = /cancel|取消/i.test(outcome.errMsg);
  const what = cancelled ? '您已取消人脸核验，本次实名认证未完成。' : '人脸核验没有完成，本次实名认证未完成。';
  const detail = outcome.errCode !== null ? `（错误码 ${outcome.errCode}）` : '';
  return `${what}${detail}您可以重新核验。`;
}

export default function VerifyPage() {
  const { params } = useRouter();
  const [returned] = useState(() => readFaceReturn((key) => readReturnParam(params, key)));
  const [phase, setPhase] = useState<Phase>(() => {
    if (returned) return { kind: 'checking-result' };
    return isLoggedIn() ? { kind: 'form' } : { kind: 'need-login' };
  });
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [consent, setConsent] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const returnHandled = useRef(false);
  /** Sent here from 在线申请 (?reason=apply): explain why, and offer to continue afterwards. */
  const forApplication = params.reason === 'apply';
  const [continueItem] = useState(pendingApplicationItem);
  /** Sent here from 我的车辆与违法 (?reason=traffic); remembered in storage across the h5 face redirect. */
  const forTraffic = params.reason === 'traffic';
  const [continueTraffic] = useState(() => !continueItem && pendingTrafficAfterVerify());

  const goToTraffic = () => {
    forgetPendingTraffic();
    void Taro.redirectTo({ url: `/${TRAFFIC_PAGE}` });
  };

  const continueApplying = () => {
    if (!continueItem) return;
    forgetPendingApplicationItem();
    void Taro.redirectTo({ url: `/${itemPage(continueItem)}` });
  };

  const redeemFaceResult = async (verifyResult: string) => {
    setPhase({ kind: 'checking-result' });
    try {
      setPhase({ kind: 'success', identity: await submitFaceResult(verifyResult) });
    } catch (error) {
      setPhase(phaseForError(error, 'face-failed'));
    }
  };

  const handleOutcome = async (outcome: FaceCheckOutcome) => {
    if (outcome.kind === 'redirected') return;
    if (outcome.kind === 'result') await redeemFaceResult(outcome.verifyResult);
    else setPhase({ kind: 'face-not-completed', message: describeNotCompleted(outcome) });
  };

  // h5: the stand-in comes back here with ?verifyResult=… or ?errCode=…&errMsg=….
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once; the returned parameters belong to the page load
  useEffect(() => {
    if (returnHandled.current || !returned) return;
    returnHandled.current = true;
    forgetReturnParams(VERIFY_PAGE);
    void handleOutcome(returned);
  }, []);

  const onSubmit = async () => {
    const parsed = StartVerificationRequest.safeParse({ name, idNumber, consent });
    if (!parsed.success) {
      const errors: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field;
        errors[field] ??= issue.message;
      }
      setFieldErrors(errors);
      return;
    }
    setFieldErrors({});
    setPhase({ kind: 'starting' });
    try {
      await submitVerificationStart(parsed.data);
    } catch (error) {
      setPhase(phaseForError(error, 'form'));
      return;
    }
    const outcome = startFaceVerification(parsed.data.name, parsed.data.idNumber);
    // The ID number has been handed over; this page no longer keeps it.
    setIdNumber('');
    await handleOutcome(await outcome);
  };

  const restart = () => {
    setConsent(false);
    setFieldErrors({});
    setPhase(isLoggedIn() ? { kind: 'form' } : { kind: 'need-login' });
  };

  return (
    <View className="page">
      <View className="page-title">实名认证</View>
      {forApplication && (phase.kind === 'form' || phase.kind === 'need-login') && (
        <Notice kind="info" testId="verify-apply-required">
          在线申请需先完成实名认证。认证通过后，可回到办事指南继续申请。
        </Notice>
      )}
      {forTraffic && (phase.kind === 'form' || phase.kind === 'need-login') && (
        <Notice kind="info" testId="verify-traffic-required">
          查询驾驶证、车辆和交通违法需先完成实名认证，以确认是您本人。认证通过后，可继续查看。
        </Notice>
      )}
      {renderPhase()}
    </View>
  );

  function renderPhase() {
    switch (phase.kind) {
      case 'need-login':
        return (
          <View data-testid="verify-need-login">
            <Notice kind="info" testId="verify-login-required">
              {phase.message ?? '实名认证需要先登录。'}
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="verify-login"
              onClick={() =>
                goToLogin(
                  forApplication
                    ? 'pages/verify/index?reason=apply'
                    : forTraffic
                      ? 'pages/verify/index?reason=traffic'
                      : 'pages/verify/index',
                )
              }
            >
              去登录
            </Button>
          </View>
        );
      case 'starting':
        return (
          <Notice kind="info" testId="verify-progress">
            正在准备人脸核验，请稍候…
          </Notice>
        );
      case 'checking-result':
        return (
          <Notice kind="info" testId="verify-progress">
            正在确认人脸核验结果，请稍候…
          </Notice>
        );
      case 'success':
        return (
          <View data-testid="verify-success">
            <Notice kind="success" testId="verify-success-message">
              认证成功
            </Notice>
            <View className="card">
              <View data-testid="verify-success-name">姓名：{phase.identity.nameMasked}</View>
              <View data-testid="verify-success-id">身份证号：{phase.identity.idNumberMasked}</View>
            </View>
            {renderContinueApplying()}
            <Button
              className={`btn ${continueItem || continueTraffic ? 'btn-secondary' : 'btn-primary'}`}
              data-testid="verify-go-me"
              onClick={() => void Taro.redirectTo({ url: '/pages/me/index' })}
            >
              查看个人中心
            </Button>
          </View>
        );
      case 'already-verified':
        return (
          <View>
            <Notice kind="info" testId="verify-already">
              {phase.message}
            </Notice>
            {renderContinueApplying()}
            <Button
              className={`btn ${continueItem || continueTraffic ? 'btn-secondary' : 'btn-primary'}`}
              data-testid="verify-go-me"
              onClick={() => void Taro.redirectTo({ url: '/pages/me/index' })}
            >
              查看个人中心
            </Button>
          </View>
        );
      case 'face-not-completed':
      case 'face-failed':
        return (
          <View data-testid="verify-face-failed" data-reason={phase.kind}>
            <Notice kind="error" testId="verify-error">
              {phase.message}
            </Notice>
            <Button className="btn btn-primary" data-testid="face-retry" onClick={restart}>
              重新核验
            </Button>
            <WindowFallback />
          </View>
        );
      case 'rate-limited':
        return (
          <View data-testid="verify-rate-limited">
            <Notice kind="error" testId="verify-error">
              {phase.message}
            </Notice>
            <WindowFallback />
          </View>
        );
      case 'form':
        return renderForm(phase.error);
    }
  }

  function renderContinueApplying() {
    if (!continueItem && continueTraffic) {
      return (
        <Button className="btn btn-primary" data-testid="verify-continue-traffic" onClick={goToTraffic}>
          继续查看我的车辆与违法
        </Button>
      );
    }
    if (!continueItem) return null;
    return (
      <Button className="btn btn-primary" data-testid="verify-continue-apply" onClick={continueApplying}>
        继续在线申请
      </Button>
    );
  }

  function renderForm(error?: string) {
    return (
      <View data-testid="verify-form">
        <View className="notice notice-info">请填写与居民身份证一致的信息，随后进行微信人脸核验。</View>

        <View className="field">
          <View className="field-label">姓名</View>
          <Input
            className="field-input"
            data-testid="verify-name"
            type="text"
            placeholder="请输入身份证上的姓名"
            maxlength={30}
            value={name}
            onInput={(event) => setName(event.detail.value)}
          />
          {fieldErrors.name && (
            <View className="field-error" data-testid="verify-name-error" role="alert">
              {fieldErrors.name}
            </View>
          )}
        </View>

        <View className="field">
          <View className="field-label">身份证号</View>
          <Input
            className="field-input"
            data-testid="verify-id-number"
            type="idcard"
            placeholder="请输入 18 位身份证号码"
            maxlength={18}
            value={idNumber}
            onInput={(event) => setIdNumber(event.detail.value)}
          />
          {fieldErrors.idNumber && (
            <View className="field-error" data-testid="verify-id-number-error" role="alert">
              {fieldErrors.idNumber}
            </View>
          )}
        </View>

        <View
          className="consent"
          data-testid="verify-consent"
          data-checked={consent ? 'true' : 'false'}
          role="checkbox"
          aria-checked={consent}
          onClick={() => setConsent(!consent)}
        >
          <View className={`consent-box${consent ? ' consent-box-checked' : ''}`}>{consent ? '✓' : ''}</View>
          <View className="consent-text">
            我已阅读并单独同意：人脸信息和身份证号属于敏感个人信息，仅用于核验您的本人身份（实名认证），不作其他用途，不向第三方提供。
          </View>
        </View>
        {fieldErrors.consent && (
          <View className="field-error" data-testid="verify-consent-error" role="alert">
            {fieldErrors.consent}
          </View>
        )}

        {error && (
          <Notice kind="error" testId="verify-error">
            {error}
          </Notice>
        )}

        <Button className="btn btn-primary" data-testid="verify-submit" onClick={() => void onSubmit()}>
          开始人脸核验
        </Button>

        <View className="verify-window-route text-secondary" data-testid="verify-window-route">
          不方便刷脸，也可以携带居民身份证到任一公安户政窗口完成实名认证。
        </View>
      </View>
    );
  }
}

/** Maps a failed call to the page state that explains it. */
function phaseForError(error: unknown, otherwise: 'form' | 'face-failed'): Phase {
  const message = userMessageOf(error);
  if (isApiError(error)) {
    if (error.code === 'VERIFICATION_RATE_LIMITED') return { kind: 'rate-limited', message };
    if (error.code === 'IDENTITY_ALREADY_VERIFIED') return { kind: 'already-verified', message };
    if (SESSION_ERRORS.includes(error.code as ErrorCode)) return { kind: 'need-login', message };
    if (FACE_RESULT_ERRORS.includes(error.code as ErrorCode)) return { kind: 'face-failed', message };
  }
  return otherwise === 'form' ? { kind: 'form', error: message } : { kind: 'face-failed', message };
}
