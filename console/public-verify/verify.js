// The public verification page: plain JS, no build step. It posts the token to the API named
// by /runtime-config.js and shows the answer: the disclosed fields, or why it was refused.
(() => {
  const config = window.__MINSHENG_CONFIG__ || {};
  const apiBaseUrl = String(config.apiBaseUrl || '').replace(/\/$/, '');

  const byTestId = (id) => document.querySelector(`[data-testid="${id}"]`);
  const form = document.getElementById('verify-form');
  const input = byTestId('verify-token-input');
  const submit = byTestId('verify-submit');
  const result = byTestId('verify-result');
  const verdict = byTestId('verify-verdict');
  const reason = byTestId('verify-reason');
  const fields = byTestId('verify-fields');
  const error = byTestId('verify-error');
  document.getElementById('keys-link').href = `${apiBaseUrl}/wallet/keys`;

  /** Accepts the bare token or a whole verification link (…#token=…). */
  function tokenOf(text) {
    const trimmed = text.trim();
    const match = trimmed.match(/[#&]token=([^&\s]+)/);
    return match ? decodeURIComponent(match[1]) : trimmed;
  }

  const formatTime = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

  function showError(message) {
    result.hidden = true;
    error.textContent = message;
    error.hidden = false;
  }

  function row(label, value) {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.field = label;
    fields.append(dt, dd);
  }

  function showResult(answer) {
    error.hidden = true;
    fields.replaceChildren();
    result.dataset.valid = String(answer.valid === true);
    if (answer.valid === true) {
      verdict.textContent = '验证通过';
      reason.hidden = true;
      reason.textContent = '';
      delete reason.dataset.reason;
      row('证照', answer.label);
      row('出示用途', answer.purposeLabel);
      for (const [label, value] of Object.entries(answer.fields || {})) row(label, value);
      row('二维码生成时间', formatTime(answer.issuedAt));
      row('二维码有效至', formatTime(answer.expiresAt));
      fields.hidden = false;
    } else {
      verdict.textContent = '验证未通过';
      reason.textContent = answer.message || '无法识别的二维码内容';
      reason.dataset.reason = answer.reason || 'malformed';
      reason.hidden = false;
      fields.hidden = true;
    }
    result.hidden = false;
  }

  async function verify() {
    const token = tokenOf(input.value);
    if (!token) return showError('请粘贴二维码内容后再核验');
    submit.disabled = true;
    try {
      const res = await fetch(`${apiBaseUrl}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token }),
      });
      const body = await res.json().catch(() => ({}));
      if (res.ok) showResult(body);
      else showError(body.message || '核验请求无效，请检查二维码内容');
    } catch {
      showError('核验服务暂时无法连接，请检查网络后重试');
    } finally {
      submit.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void verify();
  });

  const fromUrl = tokenOf(window.location.hash);
  if (window.location.hash.includes('token=') && fromUrl) {
    input.value = fromUrl;
    void verify();
  }
})();
