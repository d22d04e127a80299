import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { fetchMe, logout } from '../../services/auth';
import { fetchMessages } from '../../services/messages';
import { isApiError, userMessageOf } from '../../services/request';
import { isLoggedIn } from '../../services/session';
import type { Me } from '../../shared';
import { formatDateTime } from '../../utils/format';
import {
  APPOINTMENTS_PAGE,
  goHome,
  goToLogin,
  LIST_PAGE,
  MESSAGES_PAGE,
  ORGANISATIONS_PAGE,
  WALLET_PAGE,
} from '../../utils/navigation';
import './index.css';

type MeState =
  | { kind: 'loading' }
  | { kind: 'anonymous'; message?: string }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; me: Me };

const METHOD_LABEL: Record<NonNullable<Me['identity']>['method'], string> = {
  face: '微信人脸核验',
  window: '公安窗口核验',
};

export default function MePage() {
  const [state, setState] = useState<MeState>({ kind: 'loading' });
  /** Unread messages in 消息中心; null until known (a failure just leaves the count out). */
  const [unread, setUnread] = useState<number | null>(null);

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'anonymous' });
      return;
    }
    setState({ kind: 'loading' });
    fetchMessages()
      .then((list) => setUnread(list.unread))
      .catch(() => setUnread(null));
    try {
      setState({ kind: 'loaded', me: await fetchMe() });
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        void logout();
        setState({ kind: 'anonymous', message: error.message });
      } else {
        setState({ kind: 'failed', message: userMessageOf(error) });
      }
    }
  };

  // Refresh whenever the page comes back into view (e.g. after verifying).
  useDidShow(() => {
    void load();
  });

  const onLogout = () => {
    void logout();
    setState({ kind: 'anonymous' });
  };

  return (
    <View className="page">
      <View className="page-title">个人中心</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="me-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (state.kind) {
      case 'loading':
        return (
          <View className="text-secondary" data-testid="me-loading">
            正在加载…
          </View>
        );
      case 'anonymous':
        return (
          <View data-testid="me-anonymous">
            {state.message && (
              <Notice kind="info" testId="me-session-expired">
                {state.message}
              </Notice>
            )}
            <View className="card">您还没有登录，登录后可办理实名认证、在线申请和查看我的办件。</View>
            <Button className="btn btn-primary" data-testid="me-login" onClick={() => goToLogin('pages/me/index')}>
              去登录
            </Button>
          </View>
        );
      case 'failed':
        return (
          <View>
            <Notice kind="error" testId="me-error">
              {state.message}
            </Notice>
            <Button className="btn btn-primary" data-testid="me-retry" onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        );
      case 'loaded': {
        const { identity, verified } = state.me;
        return (
          <View>
            <View className="card">
              <View
                className={`me-status ${verified ? 'me-status-verified' : 'me-status-unverified'}`}
                data-testid="me-verified-status"
              >
                {verified ? '已实名认证' : '未实名认证'}
              </View>
              {identity ? (
                <View>
                  <View className="me-row">
                    <View className="me-label">姓名</View>
                    <View className="me-value" data-testid="me-identity-name">
                      {identity.nameMasked}
                    </View>
                  </View>
                  <View className="me-row">
                    <View className="me-label">身份证号</View>
                    <View className="me-value" data-testid="me-identity-id">
                      {identity.idNumberMasked}
                    </View>
                  </View>
                  <View className="me-row">
                    <View className="me-label">认证方式</View>
                    <View className="me-value" data-testid="me-identity-method">
                      {METHOD_LABEL[identity.method]}
                    </View>
                  </View>
                  <View className="me-row">
                    <View className="me-label">认证时间</View>
                    <View className="me-value" data-testid="me-identity-verified-at">
                      {formatDateTime(identity.verifiedAt)}
                    </View>
                  </View>
                </View>
              ) : (
                <View className="text-secondary">完成实名认证后，即可在线办理需要核验身份的事项。</View>
              )}
            </View>
            <Button
              className="btn btn-primary"
              data-testid="me-applications"
              onClick={() => void Taro.navigateTo({ url: `/${LIST_PAGE}` })}
            >
              我的办件
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="me-wallet"
              onClick={() => void Taro.navigateTo({ url: `/${WALLET_PAGE}` })}
            >
              我的证照
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="me-appointments"
              onClick={() => void Taro.navigateTo({ url: `/${APPOINTMENTS_PAGE}` })}
            >
              我的预约
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="me-organisations"
              onClick={() => void Taro.navigateTo({ url: `/${ORGANISATIONS_PAGE}` })}
            >
              我的单位
            </Button>
            <Button
              className="btn btn-primary"
              data-testid="me-messages"
              data-unread={unread ?? ''}
              onClick={() => void Taro.navigateTo({ url: `/${MESSAGES_PAGE}` })}
            >
              {unread ? `消息中心（${unread} 条未读）` : '消息中心'}
            </Button>
            {!verified && (
              <Button
                className="btn btn-primary"
                data-testid="me-go-verify"
                onClick={() => void Taro.navigateTo({ url: '/pages/verify/index' })}
              >
                去实名认证
              </Button>
            )}
            <Button className="btn btn-secondary" data-testid="me-logout" onClick={onLogout}>
              退出登录
            </Button>
          </View>
        );
      }
    }
  }
}
