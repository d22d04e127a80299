import { Button, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { Notice } from '../../components/Notice';
import { type NotLoaded, PageState } from '../../components/PageState';
import { fetchMessages, markMessageRead } from '../../services/messages';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn } from '../../services/session';
import type { MessageView } from '../../shared';
import { formatDateTime } from '../../utils/format';
import { goHome, MESSAGES_PAGE } from '../../utils/navigation';
import '../wallet.css';

type State = NotLoaded | { kind: 'loaded'; items: MessageView[] };

const KIND_LABEL: Record<MessageView['kind'], string> = {
  application: '办件进度',
  payment: '缴费',
  reminder: '提醒',
  appointment: '办事预约',
};

/** 消息中心: notices that could not be sent through WeChat; unread ones are marked, a tap reads one. */
export default function MessagesPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [error, setError] = useState('');

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'need-login' });
      return;
    }
    try {
      setState({ kind: 'loaded', items: (await fetchMessages()).items });
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: e.message });
      } else {
        setState({ kind: 'failed', message: userMessageOf(e) });
      }
    }
  };

  useDidShow(() => {
    void load();
  });

  const read = async (message: MessageView) => {
    if (message.read || state.kind !== 'loaded') return;
    setError('');
    try {
      const updated = await markMessageRead(message.id);
      setState((s) =>
        s.kind === 'loaded' ? { kind: 'loaded', items: s.items.map((m) => (m.id === updated.id ? updated : m)) } : s,
      );
    } catch (e) {
      setError(userMessageOf(e));
    }
  };

  const unread = state.kind === 'loaded' ? state.items.filter((m) => !m.read).length : 0;

  return (
    <View className="page" data-testid="messages-page" data-state={state.kind}>
      <View className="page-title">消息中心</View>
      {state.kind !== 'loaded' && (
        <PageState state={state} testIdPrefix="messages" loginHintAsCard loginReturnTo={MESSAGES_PAGE} onRetry={load} />
      )}
      {state.kind === 'loaded' &&
        (state.items.length === 0 ? (
          <View className="card" data-testid="messages-empty">
            暂无消息
          </View>
        ) : (
          <View data-testid="messages-list" data-count={state.items.length} data-unread={unread}>
            <View className="text-secondary" data-testid="messages-unread">
              {unread > 0 ? `${unread} 条未读，点击消息标为已读` : '全部已读'}
            </View>
            {state.items.map((m) => (
              <View
                key={m.id}
                className={`card message-row ${m.read ? '' : 'message-row-unread'}`}
                data-testid={`message-row-${m.id}`}
                data-read={m.read ? 'true' : 'false'}
                role="button"
                onClick={() => void read(m)}
              >
                <View className="message-head">
                  {!m.read && (
                    <View className="message-badge" data-testid={`message-row-${m.id}-unread`}>
                      未读
                    </View>
                  )}
                  <View className="message-title">{m.title}</View>
                </View>
                <View className="message-body">{m.body}</View>
                <View className="text-secondary">
                  {KIND_LABEL[m.kind]} · {formatDateTime(m.createdAt)}
                </View>
              </View>
            ))}
          </View>
        ))}
      {error && (
        <Notice kind="error" testId="messages-read-error">
          {error}
        </Notice>
      )}
      <Button className="btn btn-secondary" data-testid="messages-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );
}
