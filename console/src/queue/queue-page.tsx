import { useState } from 'react';
import type { QueueScope, QueueState } from '../api/officer';
import type { Officer } from '../api/session';
import { maySupervise } from '../app/permissions';
import { hrefOf } from '../app/routes';
import type { DueMark, QueueEntry } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { DUE_MARK_DESCRIPTION, DueMarkBadge } from '../ui/due-mark';
import { departmentLabel } from '../ui/format';
import { CaseNumberSearch } from './case-number-search';
import { countMarks } from './marks';
import { QueueMore } from './queue-more';
import { unfinishedDepartments, useQueuePages } from './queue-pages';
import { QueueTable } from './queue-table';
import { SupervisionSummary } from './supervision-summary';

/**
 * 待办队列 (scope=department) and 全局督察 (scope=all): the open or closed cases, soonest due
 * first, with the 电子监察 yellow and red marks, a page at a time. Switching between open and
 * closed opens another route (a fresh page); choosing a department starts paging over.
 */
export function QueuePage({ officer, scope, state }: { officer: Officer; scope: QueueScope; state: QueueState }) {
  const [departmentFilter, setDepartmentFilter] = useState<string>();
  const { queue, error, reload, loadingMore, loadMore, moreError } = useQueuePages(scope, state, departmentFilter);
  const supervision = scope === 'all';
  const everyDepartment = maySupervise(officer.role) && !departmentFilter;
  const unfinished = queue ? unfinishedDepartments(queue, everyDepartment) : [];

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
        <CaseNumberSearch />
        <button type="button" className="button button-secondary" data-testid="queue-refresh" onClick={reload}>
          刷新
        </button>
      </div>

      {state === 'open' && <MarkLegend />}

      {error && <ErrorNotice testId="queue-error" message={error} onRetry={reload} />}
      {supervision && (
        <SupervisionSummary
          items={queue?.items}
          unfinished={unfinished}
          state={state}
          selected={departmentFilter}
          onSelect={setDepartmentFilter}
        />
      )}
      {!queue && !error && <Loading testId="queue-loading" />}
      {queue && (
        <>
          {!supervision && state === 'open' && <QueueCounts items={queue.items} partial={unfinished.length > 0} />}
          <QueueTable items={queue.items} state={state} showDepartment={supervision} />
          <QueueMore
            shown={queue.items.length}
            hasMore={Boolean(queue.nextCursor)}
            unfinished={unfinished}
            canFilter={supervision}
            loading={loadingMore}
            error={moreError}
            onLoadMore={loadMore}
          />
        </>
      )}
    </div>
  );
}

/** `partial`: more cases than those loaded; the counts are of the loaded ones. */
function QueueCounts({ items, partial }: { items: readonly QueueEntry[]; partial: boolean }) {
  const counts = countMarks(items);
  return (
    <p className="queue-counts" data-testid="queue-summary">
      在办 <strong data-testid="queue-count-total">{items.length}</strong> 件，其中红灯{' '}
      <strong data-testid="queue-count-red">{counts.red}</strong> 件、黄灯{' '}
      <strong data-testid="queue-count-yellow">{counts.yellow}</strong> 件、补正中{' '}
      <strong data-testid="queue-count-paused">{counts.paused}</strong> 件
      {partial && '（仅统计已加载的案件，还有更多未加载）'}
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
