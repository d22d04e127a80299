import { type FormEvent, useId, useState } from 'react';
import { userMessageOf } from '../api/client';
import { type Enrolment, submitEnrolment } from '../api/officer';
import type { OfficerSession } from '../api/session';
import { TotpCode } from '../shared';

/**
 * First login without a second factor: the officer adds the secret to an authenticator app
 * (the otpauth:// address, or the secret typed in) and confirms with the code it shows.
 */
export function EnrolmentPanel({
  enrolment,
  onLoggedIn,
}: {
  enrolment: Enrolment;
  onLoggedIn: (session: OfficerSession) => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const parsed = TotpCode.safeParse(code.trim());
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onLoggedIn(await submitEnrolment(enrolment.enrolmentToken, parsed.data));
    } catch (e) {
      setError(userMessageOf(e));
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-describedby={error ? errorId : undefined} data-testid="enrolment">
      <p className="notice notice-warning">
        首次登录须绑定动态验证码：在手机验证器（如 Google Authenticator、Microsoft Authenticator）中添加以下密钥，
        然后输入验证器显示的 6 位数字。
      </p>
      <div className="field">
        <span>密钥</span>
        <code className="enrolment-secret" data-testid="enrolment-secret">
          {enrolment.secret}
        </code>
      </div>
      <div className="field">
        <span>验证器地址（可复制到支持 otpauth:// 的验证器）</span>
        <code className="enrolment-uri" data-testid="enrolment-uri">
          {enrolment.otpauthUri}
        </code>
      </div>
      <div className="field">
        <label htmlFor="enrolment-code">动态验证码</label>
        <input
          id="enrolment-code"
          data-testid="enrolment-code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={error ? true : undefined}
          required
        />
      </div>
      {error && (
        <p id={errorId} className="notice notice-error" role="alert" data-testid="enrolment-error">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="button button-primary button-block"
        data-testid="enrolment-submit"
        disabled={busy}
      >
        {busy ? '正在绑定…' : '绑定并登录'}
      </button>
    </form>
  );
}
