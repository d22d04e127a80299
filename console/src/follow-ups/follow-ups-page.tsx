import { type FormEvent, useEffect, useState } from 'react';
import { userMessageOf } from '../api/client';
import { closeFollowUp, type FollowUp, fetchFollowUps } from '../api/officer';
import type { Officer } from '../api/session';
import { mayCloseFollowUps } from '../app/permissions';
import { hrefOf } from '../app/routes';
import { BAD_REVIEW_MAX_SCORE, CloseFollowUpRequest } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { chinaToday, departmentLabel, formatDate, formatDateTime } from '../ui/format';

/** Open ones first, soonest due; then closed ones, most recently closed first. */
function byUrgency(a: FollowUp, b: FollowUp): number {
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  if (a.status === 'open') return a.dueDate.localeCompare(b.dueDate);
  return (b.closedAt ?? '').localeCompare(a.closedAt ?? '');
}

/**
 * 好差评整改: every bad review (isBadReview in shared) opens a follow-up the department must resolve.
 * Heads and inspectors close them with a written resolution.
 */
export function FollowUpsPage({ officer }: { officer: Officer }) {
  const [items, setItems] = useState<FollowUp[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const mayClose = mayCloseFollowUps(officer.role);
  // `reloads` is the refresh button's trigger.
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchFollowUps().then(
      (fetched) => current && setItems([...fetched].sort(byUrgency)),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [reloads]);

  const replace = (updated: FollowUp) =>
    setItems((list) => list?.map((item) => (item.id === updated.id ? updated : item)).sort(byUrgency));

  const open = items?.filter((i) => i.status === 'open').length ?? 0;
  return (
    <div data-testid="followups-page">
      <div className="page-header">
        <PageHeading testId="page-title">好差评整改</PageHeading>
        <p className="page-subtitle">
          申请人给出 1 至 {BAD_REVIEW_MAX_SCORE} 星差评的办件须逐件整改并说明整改情况。
          {!mayClose && '整改办结由科室负责人或督察填写。'}
        </p>
      </div>
      <div className="toolbar">
        {items && (
          <p data-testid="followups-summary">
            待整改 <strong data-testid="followups-count-open">{open}</strong> 件，已整改 {items.length - open} 件
          </p>
        )}
        <button
          type="button"
          className="button button-secondary"
          data-testid="followups-refresh"
          onClick={() => setReloads((n) => n + 1)}
        >
          刷新
        </button>
      </div>
      {error && <ErrorNotice testId="followups-error" message={error} onRetry={() => setReloads((n) => n + 1)} />}
      {!items && !error && <Loading testId="followups-loading" />}
      {items?.length === 0 && (
        <p className="card empty" data-testid="followups-empty">
          暂无差评整改任务
        </p>
      )}
      <ul className="followup-list">
        {items?.map((item) => (
          <FollowUpCard key={item.id} item={item} mayClose={mayClose} onClosed={replace} />
        ))}
      </ul>
    </div>
  );
}

function FollowUpCard({
  item,
  mayClose,
  onClosed,
}: {
  item: FollowUp;
  mayClose: boolean;
  onClosed: (item: FollowUp) => void;
}) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fieldId = `followup-resolution-${item.id}`;
  const errorId = `followup-error-${item.id}`;
  const overdue = item.status === 'open' && item.dueDate < chinaToday();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const parsed = CloseFollowUpRequest.safeParse({ resolution });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onClosed(await closeFollowUp(item.id, parsed.data.resolution));
    } catch (e) {
      setError(userMessageOf(e));
      setBusy(false);
    }
  }

  return (
    <li
      className={`card followup followup-${item.status}`}
      data-testid={`followup-row-${item.id}`}
      data-status={item.status}
    >
      <div className="card-header">
        <h2>
          <a href={hrefOf({ page: 'case', id: item.applicationId })} data-testid={`followup-case-${item.id}`}>
            {item.itemName}
          </a>
        </h2>
        <span
          className={`badge ${item.status === 'open' ? 'badge-warning' : 'badge-ok'}`}
          data-testid="followup-status"
        >
          {item.status === 'open' ? (overdue ? '待整改（已超期）' : '待整改') : '已整改'}
        </span>
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>警种</dt>
          <dd>{departmentLabel(item.department)}</dd>
        </div>
        <div className="fact">
          <dt>评分</dt>
          <dd data-testid="followup-score">
            <span aria-hidden="true">
              {'★'.repeat(item.score)}
              {'☆'.repeat(Math.max(0, 5 - item.score))}
            </span>{' '}
            {item.score} 星
          </dd>
        </div>
        <div className="fact">
          <dt>评价内容</dt>
          <dd>{item.comment || '（未填写）'}</dd>
        </div>
        <div className="fact">
          <dt>评价时间</dt>
          <dd>{formatDateTime(item.createdAt)}</dd>
        </div>
        <div className="fact">
          <dt>整改期限</dt>
          <dd>{formatDate(item.dueDate)}</dd>
        </div>
        {item.status === 'closed' && (
          <>
            <div className="fact">
              <dt>整改情况</dt>
              <dd data-testid="followup-resolution-text">{item.resolution}</dd>
            </div>
            <div className="fact">
              <dt>办结</dt>
              <dd>
                {item.closedBy} · {formatDateTime(item.closedAt)}
              </dd>
            </div>
          </>
        )}
      </dl>
      {item.status === 'open' && mayClose && (
        <form className="followup-form" onSubmit={submit} noValidate>
          <label htmlFor={fieldId}>整改情况（至少 10 个字）</label>
          <textarea
            id={fieldId}
            data-testid="followup-resolution"
            rows={3}
            maxLength={1000}
            value={resolution}
            onChange={(e) => setResolution(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} className="notice notice-error" role="alert" data-testid="followup-error">
              {error}
            </p>
          )}
          <button type="submit" className="button button-primary" data-testid="followup-close" disabled={busy}>
            {busy ? '正在提交…' : '整改办结'}
          </button>
        </form>
      )}
    </li>
  );
}
