import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession } from '../../services/session';
import { SHARE_PURPOSE_LABEL, type ShareTokenResponse } from '../../shared';
import { goToLogin, WALLET_PAGE } from '../../utils/navigation';
import { QrCode } from '../components/QrCode';
import { disclosedFields, isSharePurpose, revokeShare, shareLicence, takeHandedShare } from '../services/wallet';
import '../wallet.css';

type State =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'need-login'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; share: ShareTokenResponse }
  | { kind: 'revoked' };

const safeDecode = (value: string | undefined): string => {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return '';
  }
};

const secondsLeft = (expiresAt: string): number =>
  Math.max(0, Math.ceil((new Date(expiresAt).getTime() - Date.now()) / 1000));

const formatCountdown = (seconds: number): string =>
  `${Math.floor(seconds / 60)}分${String(seconds % 60).padStart(2, '0')}秒`;

/**
 * The QR code to show a verifier: one licence, one purpose, a short-lived signed token that
 * discloses only that purpose's fields. Counts down to expiry; 刷新 issues a new token,
 * 作废 revokes this one at once.
 */
export default function WalletQrPage() {
  const { params } = useRouter();
  const type = safeDecode(params.type);
  const rawPurpose = safeDecode(params.purpose);
  const purpose = isSharePurpose(rawPurpose) ? rawPurpose : null;
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [left, setLeft] = useState(0);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState('');
  const started = useRef(false);

  const issue = async () => {
    if (!purpose || !type) return;
    setBusy(true);
    setActionError('');
    try {
      const share = await shareLicence(type, purpose);
      setState({ kind: 'ready', share });
      setLeft(secondsLeft(share.expiresAt));
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: error.message });
      } else if (state.kind === 'ready') {
        setActionError(userMessageOf(error));
      } else {
        setState({ kind: 'failed', message: userMessageOf(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, on opening the page
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    if (!purpose || !type) {
      setState({ kind: 'invalid' });
      return;
    }
    const handed = takeHandedShare(type, purpose);
    if (handed) {
      setState({ kind: 'ready', share: handed });
      setLeft(secondsLeft(handed.expiresAt));
    } else {
      void issue();
    }
  }, []);

  const expiresAt = state.kind === 'ready' ? state.share.expiresAt : null;
  useEffect(() => {
    if (!expiresAt) return;
    const timer = setInterval(() => setLeft(secondsLeft(expiresAt)), 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);

  const revoke = async () => {
    if (state.kind !== 'ready' || busy) return;
    setBusy(true);
    setActionError('');
    try {
      await revokeShare(state.share.jti);
      setState({ kind: 'revoked' });
    } catch (error) {
      setActionError(userMessageOf(error));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/${WALLET_PAGE}` });
  };

  return (
    <View className="page" data-testid="wallet-qr-page" data-state={state.kind}>
      <View className="page-title">出示证照二维码</View>
      {purpose && (
        <View className="text-large" data-testid="wallet-qr-purpose" data-purpose={purpose}>
          用途：{SHARE_PURPOSE_LABEL[purpose]}
        </View>
      )}
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="wallet-qr-back" onClick={back}>
        返回我的证照
      </Button>
    </View>
  );

  function renderBody() {
    switch (state.kind) {
      case 'loading':
        return (
          <View className="text-secondary" data-testid="wallet-qr-loading">
            正在生成二维码…
          </View>
        );
      case 'invalid':
        return (
          <Notice kind="error" testId="wallet-qr-error">
            链接不完整，请回到我的证照重新出示。
          </Notice>
        );
      case 'need-login':
        return (
          <View>
            <Notice kind="info" testId="wallet-qr-need-login">
              {state.message}
            </Notice>
            <Button className="btn btn-primary" data-testid="wallet-qr-login" onClick={() => goToLogin(WALLET_PAGE)}>
              去登录
            </Button>
          </View>
        );
      case 'failed':
        return (
          <View>
            <Notice kind="error" testId="wallet-qr-error">
              {state.message}
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="wallet-qr-retry"
              disabled={busy}
              onClick={() => void issue()}
            >
              重试
            </Button>
          </View>
        );
      case 'revoked':
        return (
          <View>
            <Notice kind="success" testId="wallet-qr-revoked">
              二维码已作废，对方再扫描将无法通过验证。
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="wallet-qr-refresh"
              disabled={busy}
              onClick={() => void issue()}
            >
              生成新的二维码
            </Button>
          </View>
        );
      case 'ready': {
        const expired = left <= 0;
        return (
          <View>
            <View className="card wallet-qr-card">
              {expired ? (
                <Notice kind="info" testId="wallet-qr-expired">
                  二维码已过期，请点击“刷新”生成新的二维码。
                </Notice>
              ) : (
                <QrCode text={state.share.verifyUrl} token={state.share.token} />
              )}
              <View
                className={`wallet-countdown ${expired ? 'wallet-countdown-expired' : ''}`}
                data-testid="wallet-qr-countdown"
                data-seconds={left}
                aria-live="polite"
              >
                {expired ? '已过期' : `${formatCountdown(left)}后失效`}
              </View>
            </View>
            {purpose && (
              <View className="card" data-testid="wallet-qr-disclosed">
                <View className="wallet-card-label">对方扫码后只能看到：</View>
                {disclosedFields(purpose).map((label) => (
                  <View className="wallet-disclosed" key={label}>
                    · {label}
                  </View>
                ))}
              </View>
            )}
            {actionError && (
              <Notice kind="error" testId="wallet-qr-action-error">
                {actionError}
              </Notice>
            )}
            <Button
              className="btn btn-primary"
              data-testid="wallet-qr-refresh"
              disabled={busy}
              onClick={() => void issue()}
            >
              刷新
            </Button>
            <Button
              className="btn btn-secondary"
              data-testid="wallet-qr-revoke"
              disabled={busy}
              onClick={() => void revoke()}
            >
              作废此二维码
            </Button>
          </View>
        );
      }
    }
  }
}
