import { type FormEvent, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchCaseByNumber } from '../api/officer';
import { navigate } from '../app/routes';

/**
 * 按办件编号打开: the number a citizen reads out at the window (e.g. HZ20261208-0001) opens the
 * case. The server looks it up within the officer's department; anything else is 没有找到.
 */
export function CaseNumberSearch() {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!typed.trim()) return;
    setBusy(true);
    setError(undefined);
    try {
      const found = await fetchCaseByNumber(typed);
      navigate({ page: 'case', id: found.id });
    } catch (failure) {
      setError(userMessageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="field-inline" onSubmit={(e) => void onSubmit(e)} data-testid="case-number-search">
      <label htmlFor="case-number-input">办件编号</label>
      <input
        id="case-number-input"
        data-testid="case-number-input"
        value={typed}
        placeholder="如 HZ20261208-0001"
        maxLength={20}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'case-number-error' : undefined}
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit" className="button button-secondary" data-testid="case-number-open" disabled={busy}>
        打开
      </button>
      {error && (
        <span id="case-number-error" className="notice notice-error" role="alert" data-testid="case-number-error">
          {error}
        </span>
      )}
    </form>
  );
}
