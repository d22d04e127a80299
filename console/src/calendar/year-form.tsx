import { type FormEvent, useState } from 'react';
import { isApiError, userMessageOf } from '../api/client';
import { submitCalendarYear } from '../api/officer';
import type { CalendarYearView } from '../shared';
import { ErrorNotice, Section } from '../ui/common';

/** Dates typed one per line or separated by commas / 、 / spaces. */
const datesOf = (text: string): string[] =>
  text
    .split(/[\s,，、]+/)
    .map((d) => d.trim())
    .filter(Boolean);

/** Enter or correct one year's 调休 from the State Council's notice; the server checks every date. */
export function YearForm({
  year,
  onSaved,
  onCancel,
}: {
  year: CalendarYearView;
  onSaved: (saved: CalendarYearView) => void;
  onCancel: () => void;
}) {
  const [notice, setNotice] = useState(year.source === 'statutory-only' ? '' : (year.notice ?? ''));
  const [restDays, setRestDays] = useState(year.restDays.join('\n'));
  const [makeUpWorkdays, setMakeUpWorkdays] = useState(year.makeUpWorkdays.join('\n'));
  const [error, setError] = useState<{ message: string; details: string[] }>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      onSaved(
        await submitCalendarYear(year.year, {
          notice,
          restDays: datesOf(restDays),
          makeUpWorkdays: datesOf(makeUpWorkdays),
          expectedVersion: year.version,
        }),
      );
    } catch (e) {
      setError({ message: userMessageOf(e), details: isApiError(e) ? e.details.map((d) => d.message) : [] });
      setBusy(false);
    }
  }

  const id = (name: string) => `calendar-${year.year}-${name}`;
  return (
    <Section title={`${year.year} 年节假日安排`} testId="calendar-form">
      <p className="cell-sub" data-testid="calendar-statutory">
        法定节假日（自动计算，无须录入）：{year.statutoryHolidays.map((h) => `${h.name} ${h.date}`).join('、')}
      </p>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={id('notice')}>通知文号（如 国办发明电〔2025〕7号）</label>
          <input
            id={id('notice')}
            data-testid="calendar-notice"
            value={notice}
            maxLength={60}
            onChange={(e) => setNotice(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('rest')}>调休放假日（法定节假日以外放假的工作日，每行一个 YYYY-MM-DD）</label>
          <textarea
            id={id('rest')}
            data-testid="calendar-rest-days"
            rows={5}
            value={restDays}
            onChange={(e) => setRestDays(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('work')}>周末上班日（每行一个 YYYY-MM-DD）</label>
          <textarea
            id={id('work')}
            data-testid="calendar-workdays"
            rows={4}
            value={makeUpWorkdays}
            onChange={(e) => setMakeUpWorkdays(e.target.value)}
          />
        </div>
        {error && <ErrorNotice testId="calendar-form-error" message={error.message} details={error.details} />}
        <div className="toolbar">
          <button type="submit" className="button button-primary" data-testid="calendar-save" disabled={busy}>
            {busy ? '正在保存…' : '保存'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel}>
            取消
          </button>
        </div>
      </form>
    </Section>
  );
}
