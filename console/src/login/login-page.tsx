import { type FormEvent, useId, useState } from 'react';
import { userMessageOf } from '../api/client';
import { type Enrolment, submitLogin } from '../api/officer';
import type { OfficerSession } from '../api/session';
import { OfficerLoginRequest } from '../shared';
import { PageHeading } from '../ui/common';
import { EnrolmentPanel } from './enrolment-panel';

/**
 * Username, password and TOTP code → POST /officer/login. The server's message is shown as is
 * for wrong credentials (401) and for the wait after repeated failures (429). An officer without
 * a second factor leaves the code empty and is shown the enrolment instead.
 */
export function LoginPage({ notice, onLoggedIn }: { notice?: string; onLoggedIn: (session: OfficerSession) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const parsed = OfficerLoginRequest.safeParse({ username, password, code: code.trim() || undefined });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const outcome = await submitLogin(parsed.data.username, parsed.data.password, parsed.data.code);
      if (outcome.kind === 'session') onLoggedIn(outcome.session);
      else {
        setEnrolment(outcome.enrolment);
        setBusy(false);
      }
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
        {enrolment ? (
          <EnrolmentPanel enrolment={enrolment} onLoggedIn={onLoggedIn} />
        ) : (
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
            <div className="field">
              <label htmlFor="login-code">动态验证码</label>
              <input
                id="login-code"
                data-testid="login-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                placeholder="验证器上的 6 位数字（首次登录留空）"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={error ? true : undefined}
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
        )}
        <p className="hint">本系统仅供公安民警办理群众网上申请使用，所有查阅与操作均记入审计日志。</p>
      </div>
    </main>
  );
}
