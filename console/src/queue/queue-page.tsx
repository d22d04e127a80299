import { useEffect, useMemo, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchQueue, type QueueScope, type QueueState } from '../api/officer';
import type { Officer } from '../api/session';
import { hrefOf } from '../app/routes';
import type { DueMark, QueueEntry } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { DUE_MARK_DESCRIPTION, DueMarkBadge } from '../ui/due-mark';
import { departmentLabel } from '../ui/format';
import { countMarks } from './marks';
import { QueueTable } from './queue-table';
import { SupervisionSummary } from './supervision-summary';

/**
 * Open cases, soonest due first; those without a due date (clock paused) last. The server
 * sorts the same way; sorting again keeps the table right whatever order arrives.
 * Closed cases keep the server's order (most recently finished first).
 */
const byDueDate = (a: QueueEntry, b: QueueEntry): number => {
  if (a.dueDate === b.dueDate) return 0;
  if (!a.dueDate) return 1;
  if (!b.dueDate) return -1;
  return a.dueDate < b.dueDate ? -1 : 1;
};

/**
 * 待办队列 (scope=department) and 全局督察 (scope=all): the open or closed cases, soonest due
 * first, with the 电子监察 yellow and red marks.
 */
export function QueuePage({ officer, scope, state }: { officer: Officer; scope: QueueScope; state: QueueState }) {
  const [items, setItems] = useState<QueueEntry[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const [departmentFilter, setDepartmentFilter] = useState<string>();
  const supervision = scope === 'all';
  // `reloads` is the refresh button's trigger.
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchQueue(scope, state).then(
      (fetched) => current && setItems(state === 'open' ? [...fetched].sort(byDueDate) : fetched),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [scope, state, reloads]);

  const shown = useMemo(
    () => (items ?? []).filter((item) => !departmentFilter || item.department === departmentFilter),
    [items, departmentFilter],
  );

  const title = supervision ? '全局督察' : '待办队列';
  const tabs: { state: QueueState; label: string }[] = [
    { state: 'open', label: '在办' },
    { state: 'closed', label: '已办结' },
  ];

  return (
    <div data-testid={supervision ? 'supervision-page' : 'queue-page'}>
      <div className="page-header">
        <PageHeading testId="page-title">{title}</PageHeading>
        <p className="page-subtitle">
          {supervision
            ? '全部警种的网上申请办理情况（督察视图，只读）'
            : `${departmentLabel(officer.department)}的网上申请`}
        </p>
      </div>

      <div className="toolbar">
        <nav aria-label="办理状态" className="tabs">
          {tabs.map((tab) => (
            <a
              key={tab.state}
              href={hrefOf({ page: 'queue', scope, state: tab.state })}
              className="tab"
              aria-current={tab.state === state ? 'page' : undefined}
              data-testid={`queue-tab-${tab.state}`}
            >
              {tab.label}
            </a>
          ))}
        </nav>
        <button
          type="button"
          className="button button-secondary"
          data-testid="queue-refresh"
          onClick={() => setReloads((n) => n + 1)}
        >
          刷新
        </button>
      </div>

      {state === 'open' && <MarkLegend />}

      {error && <ErrorNotice testId="queue-error" message={error} onRetry={() => setReloads((n) => n + 1)} />}
      {!items && !error && <Loading testId="queue-loading" />}
      {items && (
        <>
          {supervision ? (
            <SupervisionSummary
              items={items}
              state={state}
              selected={departmentFilter}
              onSelect={setDepartmentFilter}
            />
          ) : (
            state === 'open' && <QueueCounts items={items} />
          )}
          <QueueTable items={shown} state={state} showDepartment={supervision} />
        </>
      )}
    </div>
  );
}

function QueueCounts({ items }: { items: readonly QueueEntry[] }) {
  const counts = countMarks(items);
  return (
    <p className="queue-counts" data-testid="queue-summary">
      在办 <strong data-testid="queue-count-total">{items.length}</strong> 件，其中红灯{' '}
      <strong data-testid="queue-count-red">{counts.red}</strong> 件、黄灯{' '}
      <strong data-testid="queue-count-yellow">{counts.yellow}</strong> 件、补正中{' '}
      <strong data-testid="queue-count-paused">{counts.paused}</strong> 件
    </p>
  );
}

function MarkLegend() {
  const marks: DueMark[] = ['red', 'yellow', 'paused', 'normal'];
  return (
    <section className="legend" aria-label="电子监察说明" data-testid="queue-legend">
      <h2 className="legend-title">电子监察说明</h2>
      <ul>
        {marks.map((mark) => (
          <li key={mark}>
            <DueMarkBadge mark={mark} /> <span>{DUE_MARK_DESCRIPTION[mark]}</span>
          </li>
        ))}
      </ul>
      <p className="hint">办结期限按法定工作日计算（已扣除节假日、计入调休上班日）；补正期间不计入办理时限。</p>
    </section>
  );
}
