import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchCalendar } from '../api/officer';
import type { CalendarOverview, CalendarYearView } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { formatDateTime } from '../ui/format';
import { YearForm } from './year-form';

const SOURCE_LABEL: Record<CalendarYearView['source'], string> = {
  announced: '已录入通知',
  seeded: '程序内置（已公布）',
  'statutory-only': '仅法定节假日（暂定）',
};

/**
 * 节假日安排 (administrators): where each year's working-day calendar comes from. Statutory
 * holidays are computed for every year; the 调休 of a year comes from the State Council's
 * notice, entered here. Until it is, deadlines in that year are shown to officers as 暂定.
 */
export function CalendarPage() {
  const [overview, setOverview] = useState<CalendarOverview>();
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<number>();
  const [saved, setSaved] = useState<string>();
  const [reloads, setReloads] = useState(0);
  // `reloads` is the trigger after a save or a retry.
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchCalendar().then(
      (fetched) => current && setOverview(fetched),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [reloads]);

  const edited = overview?.years.find((y) => y.year === editing);
  return (
    <div data-testid="calendar-page">
      <div className="page-header">
        <PageHeading testId="page-title">节假日安排</PageHeading>
        <p className="page-subtitle">
          法定节假日按《全国年节及纪念日放假办法》自动计算；调休（放假调休日与周末上班日）以国务院办公厅每年的通知为准，请在通知发布后录入。
        </p>
      </div>
      {overview?.warning && (
        <p className="notice notice-warning" role="alert" data-testid="calendar-warning">
          {overview.warning}
        </p>
      )}
      {saved && (
        <output className="notice notice-success" data-testid="calendar-saved">
          {saved}
        </output>
      )}
      {error && <ErrorNotice testId="calendar-error" message={error} onRetry={() => setReloads((n) => n + 1)} />}
      {!overview && !error && <Loading testId="calendar-loading" />}
      {overview && (
        <div className="table-wrap card">
          <table className="data-table" data-testid="calendar-table">
            <caption className="cell-sub">已公布的安排截至 {overview.announcedUntil}</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">来源</th>
                <th scope="col">调休放假</th>
                <th scope="col">周末上班</th>
                <th scope="col">最近修改</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {overview.years.map((y) => (
                <tr key={y.year} data-testid={`calendar-year-${y.year}`} data-source={y.source}>
                  <th scope="row">{y.year}</th>
                  <td>
                    <span
                      className={`badge ${y.announced ? 'badge-ok' : 'badge-warning'}`}
                      data-testid={`calendar-source-${y.year}`}
                    >
                      {SOURCE_LABEL[y.source]}
                    </span>
                    {y.notice && <span className="cell-sub">{y.notice}</span>}
                  </td>
                  <td>{y.restDays.join('、') || '—'}</td>
                  <td>{y.makeUpWorkdays.join('、') || '—'}</td>
                  <td>{y.updatedAt ? `${y.updatedBy ?? ''} · ${formatDateTime(y.updatedAt)}` : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      data-testid={`calendar-edit-${y.year}`}
                      onClick={() => setEditing(y.year)}
                    >
                      {y.source === 'announced' ? '修改' : '录入通知'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {edited && (
        <YearForm
          key={`${edited.year}-${edited.version}`}
          year={edited}
          onCancel={() => setEditing(undefined)}
          onSaved={(view) => {
            setSaved(
              `${view.year} 年节假日安排已保存，已按新安排重新计算 ${view.recalculatedCases ?? 0} 件在办案件的办结期限。`,
            );
            setEditing(undefined);
            setReloads((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
