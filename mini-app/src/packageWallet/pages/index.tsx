import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { type NotLoaded, PageState } from '../../components/PageState';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn } from '../../services/session';
import {
  SHARE_PURPOSE_LABEL,
  type SharePurpose,
  sharePurposesFor,
  VALIDITY_UNKNOWN,
  type WalletItem,
} from '../../shared';
import { formatDate } from '../../utils/format';
import { goHome, WALLET_PAGE, walletQrPage } from '../../utils/navigation';
import { fetchWallet, handOverShare, shareLicence, validityState } from '../services/wallet';
import '../wallet.css';

type State = NotLoaded | { kind: 'need-verify'; message: string } | { kind: 'loaded'; items: WalletItem[] };

const VALIDITY_MARK = { expired: '已过期', soon: '即将到期' } as const;

/**
 * 我的证照: one card per electronic licence; personal fields stay hidden until 显示 (and even
 * then show only what the server sent, masked as it sent them); 出示二维码 issues a short-lived
 * signed QR token for a purpose the licence may be shown for.
 */
export default function WalletPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [shown, setShown] = useState<Record<string, boolean>>({});
  const [choosing, setChoosing] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [shareError, setShareError] = useState<{ type: string; message: string } | null>(null);

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'need-login' });
      return;
    }
    setState((s) => (s.kind === 'loaded' ? s : { kind: 'loading' }));
    try {
      setState({ kind: 'loaded', items: await fetchWallet() });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: error.message });
      } else if (isApiError(error) && error.code === 'IDENTITY_REQUIRED') {
        setState({ kind: 'need-verify', message: error.message });
      } else {
        setState({ kind: 'failed', message: userMessageOf(error) });
      }
    }
  };

  useDidShow(() => {
    void load();
  });

  const share = async (type: string, purpose: SharePurpose) => {
    if (sharing) return;
    setSharing(true);
    setShareError(null);
    try {
      const token = await shareLicence(type, purpose);
      handOverShare(type, purpose, token);
      setChoosing(null);
      await Taro.navigateTo({ url: `/${walletQrPage(type, purpose)}` });
    } catch (error) {
      setShareError({ type, message: userMessageOf(error) });
    } finally {
      setSharing(false);
    }
  };

  const onShare = (type: string) => {
    const purposes = sharePurposesFor(type);
    setShareError(null);
    if (purposes.length === 1) void share(type, purposes[0] as SharePurpose);
    else setChoosing(choosing === type ? null : type);
  };

  return (
    <View className="page" data-testid="wallet-page" data-state={state.kind}>
      <View className="page-title">我的证照</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="wallet-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (state.kind) {
      case 'loading':
      case 'need-login':
      case 'failed':
        return (
          <PageState
            state={state}
            testIdPrefix="wallet"
            loginHint="登录并完成实名认证后，可查看和出示您的电子证照。"
            loginHintAsCard
            loginReturnTo={WALLET_PAGE}
            onRetry={load}
          />
        );
      case 'need-verify':
        return (
          <View data-testid="wallet-need-verify">
            <Notice kind="info" testId="wallet-need-verify-message">
              {state.message}
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="wallet-verify"
              onClick={() => void Taro.navigateTo({ url: '/pages/verify/index' })}
            >
              去实名认证
            </Button>
          </View>
        );
      case 'loaded':
        if (!state.items.length) {
          return (
            <View className="card" data-testid="wallet-empty">
              暂无电子证照。证照由公安业务系统同步，或在本平台办结后自动发放。
            </View>
          );
        }
        return (
          <View data-testid="wallet-list" data-count={state.items.length}>
            {state.items.map(renderCard)}
          </View>
        );
    }
  }

  function renderCard(item: WalletItem) {
    const validity = validityState(item.validUntil);
    const open = shown[item.type] === true;
    const fields = Object.entries(item.fields);
    return (
      <View
        className="card wallet-card"
        key={item.type}
        data-testid={`wallet-card-${item.type}`}
        data-validity={validity}
      >
        <View className="wallet-card-label" data-testid={`wallet-card-${item.type}-label`}>
          {item.label}
        </View>
        <View className="wallet-line">
          <View className="wallet-line-label">证照号码</View>
          <View className="wallet-line-value" data-testid={`wallet-card-${item.type}-number`}>
            {item.numberMasked}
          </View>
        </View>
        <View className="wallet-line">
          <View className="wallet-line-label">有效期至</View>
          <View className="wallet-line-value" data-testid={`wallet-card-${item.type}-valid-until`}>
            {validity === 'unknown'
              ? VALIDITY_UNKNOWN
              : validity === 'long-term'
                ? '长期'
                : formatDate(item.validUntil ?? '')}
            {(validity === 'expired' || validity === 'soon') && (
              <View
                className={`wallet-mark wallet-mark-${validity}`}
                data-testid={`wallet-card-${item.type}-mark`}
                data-mark={validity}
              >
                {VALIDITY_MARK[validity]}
              </View>
            )}
          </View>
        </View>
        <View className="wallet-line">
          <View className="wallet-line-label">来源</View>
          <View className="wallet-line-value">{item.source === 'issued-here' ? '本平台办结发放' : '公安业务系统'}</View>
        </View>
        {fields.length > 0 && (
          <View data-testid={`wallet-fields-${item.type}`} data-shown={open ? 'true' : 'false'}>
            {fields.map(([label, value]) => (
              <View className="wallet-line" key={label}>
                <View className="wallet-line-label">{label}</View>
                <View className="wallet-line-value">{open ? value : '＊＊＊＊'}</View>
              </View>
            ))}
            <Button
              className="btn btn-secondary"
              data-testid={`wallet-toggle-${item.type}`}
              aria-pressed={open}
              onClick={() => setShown({ ...shown, [item.type]: !open })}
            >
              {open ? '隐藏详细信息' : '显示详细信息'}
            </Button>
          </View>
        )}
        <Button
          className="btn btn-primary"
          data-testid={`wallet-share-${item.type}`}
          disabled={sharing || validity === 'expired' || sharePurposesFor(item.type).length === 0}
          onClick={() => onShare(item.type)}
        >
          出示二维码
        </Button>
        {choosing === item.type && (
          <View className="wallet-purposes" data-testid={`wallet-purposes-${item.type}`}>
            <View className="text-secondary">请选择出示用途（对方只能看到该用途需要的信息）：</View>
            {sharePurposesFor(item.type).map((purpose) => (
              <Button
                key={purpose}
                className="btn btn-secondary"
                data-testid={`wallet-purpose-${item.type}-${purpose}`}
                disabled={sharing}
                onClick={() => void share(item.type, purpose)}
              >
                {SHARE_PURPOSE_LABEL[purpose]}
              </Button>
            ))}
          </View>
        )}
        {shareError?.type === item.type && (
          <Notice kind="error" testId={`wallet-share-error-${item.type}`}>
            {shareError.message}
          </Notice>
        )}
      </View>
    );
  }
}
