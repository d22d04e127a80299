import { type FormEvent, useId, useState } from 'react';
import { userMessageOf } from '../api/client';
import { submitLogin } from '../api/officer';
import type { OfficerSession } from '../api/session';
import { OfficerLoginRequest } from '../shared';
import { PageHeading } from '../ui/common';

/**
 * Username and password → POST /officer/login. The server's message is shown as is for
 * wrong credentials (401) and for the lock after repeated failures (429).
 */
export function LoginPage({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (session: OfficerSession) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const parsed = OfficerLoginRequest.safeParse({ username, password });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(await submitLogin(parsed.data.username, parsed.data.password));
    } catch (e) {
      setError(userMessageOf(e));
      setBusy(false);
    }
  }

  return (
    <main id="main" className="login-page">
      <div className="login-card">
        <p className="brand-line">民生警务</p>
        <PageHeading testId="login-title">民警工作台登录</PageHeading>
        {notice && (
          <output className="notice notice-warning" data-testid="login-notice">
            {notice}
          </output>
        )}
        <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined}>
          <div className="field">
            <label htmlFor="login-username">用户名（警号）</label>
            <input
              id="login-username"
              data-testid="login-username"
              name="username"
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              aria-invalid={error ? true : undefined}
              required
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">密码</label>
            <input
              id="login-password"
              data-testid="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-invalid={error ? true : undefined}
              required
            />
          </div>
          {error && (
            <p id={errorId} className="notice notice-error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button button-primary button-block"
            data-testid="login-submit"
            disabled={busy}
          >
            {busy ? '正在登录…' : '登录'}
          </button>
        </form>
        <p className="hint">本系统仅供公安民警办理群众网上申请使用，所有查阅与操作均记入审计日志。</p>
      </div>
    </main>
  );
}
