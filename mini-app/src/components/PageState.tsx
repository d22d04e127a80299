import { Button, View } from '@tarojs/components';
import { goToLogin } from '../utils/navigation';
import { Notice } from './Notice';

/** A page's states before its data is there; pages add their own `loaded` (and other) kinds. */
export type NotLoaded =
  | { kind: 'loading' }
  | { kind: 'need-login'; message?: string }
  | { kind: 'failed'; message: string };

interface PageStateProps {
  state: NotLoaded;
  /** Gives `<prefix>-loading`, `-need-login`, `-login-required`, `-session-expired`, `-login`, `-error`, `-retry`. */
  testIdPrefix: string;
  /** Shown above 去登录; in the notice, only while the server gave no reason (such as an expired session). */
  loginHint?: string;
  /** Show the server's reason apart (`<prefix>-session-expired`, only when given) and the hint as a card. */
  loginHintAsCard?: boolean;
  /** The page to come back to after logging in. */
  loginReturnTo: string;
  onRetry: () => unknown;
}

/** Shared so every page shows 正在加载… / 去登录 / 重新加载 alike, with the same test hooks. */
export function PageState({
  state,
  testIdPrefix: p,
  loginHint,
  loginHintAsCard,
  loginReturnTo,
  onRetry,
}: PageStateProps) {
  switch (state.kind) {
    case 'loading':
      return (
        <View className="text-secondary" data-testid={`${p}-loading`}>
          正在加载…
        </View>
      );
    case 'need-login':
      return (
        <View data-testid={`${p}-need-login`}>
          {!loginHintAsCard ? (
            <Notice kind="info" testId={`${p}-login-required`}>
              {state.message ?? loginHint}
            </Notice>
          ) : (
            <>
              {state.message && (
                <Notice kind="info" testId={`${p}-session-expired`}>
                  {state.message}
                </Notice>
              )}
              {loginHint && <View className="card">{loginHint}</View>}
            </>
          )}
          <Button className="btn btn-primary" data-testid={`${p}-login`} onClick={() => goToLogin(loginReturnTo)}>
            去登录
          </Button>
        </View>
      );
    case 'failed':
      return (
        <View>
          <Notice kind="error" testId={`${p}-error`}>
            {state.message}
          </Notice>
          <Button className="btn btn-primary" data-testid={`${p}-retry`} onClick={() => void onRetry()}>
            重新加载
          </Button>
        </View>
      );
  }
}
