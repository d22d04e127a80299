import { QUEUE_PAGE_SIZE } from '../api/officer';
import { ErrorNotice } from '../ui/common';
import { departmentLabel } from '../ui/format';

/**
 * Under the table: how many cases are on screen, whether there are more, and 加载更多 while
 * the server has a next page. The every-department list has no next page: a department that
 * filled its first page is named, to be chosen in the filter and paged there.
 */
export function QueueMore({
  shown,
  hasMore,
  unfinished,
  canFilter,
  loading,
  error,
  onLoadMore,
}: {
  shown: number;
  hasMore: boolean;
  /** Departments whose cases on screen may not be all of them. */
  unfinished: readonly string[];
  /** The page has the 按警种筛选 filter (全局督察). */
  canFilter: boolean;
  loading: boolean;
  error: { message: string; restart: boolean; retry: () => void } | undefined;
  onLoadMore: () => void;
}) {
  if (shown === 0 && !hasMore) return null;
  const names = unfinished.map(departmentLabel).join('、');
  const status = hasMore
    ? `已显示 ${shown} 件，还有更多`
    : unfinished.length > 0
      ? `已显示 ${shown} 件（每个警种先加载 ${QUEUE_PAGE_SIZE} 件），${names}可能还有更多${canFilter ? '，按警种筛选后可继续加载' : ''}`
      : `已显示全部 ${shown} 件`;
  return (
    <div className="queue-more">
      <p className="queue-more-status" aria-live="polite" data-testid="queue-shown">
        {status}
      </p>
      {error && (
        <ErrorNotice
          testId="queue-more-error"
          message={error.message}
          onRetry={error.retry}
          retryLabel={error.restart ? '从第一页重新加载' : '重试'}
        />
      )}
      {hasMore && !error && (
        <button
          type="button"
          className="button button-secondary"
          data-testid="queue-load-more"
          disabled={loading}
          onClick={onLoadMore}
        >
          {loading ? '正在加载…' : '加载更多'}
        </button>
      )}
    </div>
  );
}
