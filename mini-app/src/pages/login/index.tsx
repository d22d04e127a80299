import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { forgetReturnParams, readReturnParam } from '../../platform/return-params';
import { LOGIN_PAGE, startWechatLogin } from '../../platform/wechat-login';
import { submitLogin } from '../../services/auth';
import { userMessageOf } from '../../services/request';
import { takeLoginReturnTo } from '../../utils/navigation';

type LoginState = { kind: 'idle' } | { kind: 'working' } | { kind: 'failed'; message: string };

export default function LoginPage() {
  const { params } = useRouter();
  const [state, setState] = useState<LoginState>({ kind: 'idle' });
  const codeHandled = useRef(false);

  const finishLogin = async (code: string) => {
    setState({ kind: 'working' });
    try {
      await submitLogin(code);
      await Taro.redirectTo({ url: `/${takeLoginReturnTo()}` });
    } catch (error) {
      setState({ kind: 'failed', message: userMessageOf(error) });
    }
  };

  // h5: the WeChat stand-in comes back here with ?code=…; a code is single-use, so send it once.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per page load; the code belongs to that load
  useEffect(() => {
    const code = readReturnParam(params, 'code');
    if (!code || codeHandled.current) return;
    codeHandled.current = true;
    forgetReturnParams(LOGIN_PAGE);
    void finishLogin(code);
  }, []);

  const onLogin = async () => {
    setState({ kind: 'working' });
    try {
      const started = await startWechatLogin();
      if (started.kind === 'code') await finishLogin(started.code);
    } catch {
      setState({ kind: 'failed', message: '未能获取微信登录授权，请重试' });
    }
  };

  return (
    <View className="page">
      <View className="page-title">登录民生警务</View>
      <View className="card" data-testid="login-explanation">
        <View>本服务使用微信账号登录，无需另设密码。</View>
        <View className="text-secondary">
          登录后可查看个人中心、办理实名认证。我们只获取识别您微信账号所必需的信息，不会获取您的聊天记录或好友信息。
        </View>
      </View>

      {state.kind === 'failed' && (
        <Notice kind="error" testId="login-error">
          {state.message}
        </Notice>
      )}
      {state.kind === 'working' && (
        <Notice kind="info" testId="login-status">
          正在登录，请稍候…
        </Notice>
      )}

      <Button
        className="btn btn-primary"
        data-testid="login-button"
        disabled={state.kind === 'working'}
        onClick={() => void onLogin()}
      >
        微信一键登录
      </Button>
    </View>
  );
}
