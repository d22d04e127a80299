import { useEffect, useState } from 'react';
import { isApiError, userMessageOf } from '../api/client';
import { fetchQueue, QUEUE_PAGE_SIZE, type QueueScope, type QueueState } from '../api/officer';
import type { QueueEntry } from '../shared';

/**
 * Open cases, soonest due first; those without a due date (clock paused) last. The server
 * sorts each page the same way; sorting again keeps the table right whatever order arrives,
 * and as pages are added. Closed cases keep the server's order (most recently finished first),
 * which the next page of the same department continues.
 */
const byDueDate = (a: QueueEntry, b: QueueEntry): number => {
  if (a.dueDate === b.dueDate) return 0;
  if (!a.dueDate) return 1;
  if (!b.dueDate) return -1;
  return a.dueDate < b.dueDate ? -1 : 1;
};

const ordered = (items: QueueEntry[], state: QueueState): QueueEntry[] =>
  state === 'open' ? [...items].sort(byDueDate) : items;

/** The next page after the cases on screen; a case that moved between two pages is shown once. */
function appended(shown: readonly QueueEntry[], page: readonly QueueEntry[], state: QueueState): QueueEntry[] {
  const ids = new Set(shown.map((item) => item.id));
  return ordered([...shown, ...page.filter((item) => !ids.has(item.id))], state);
}

/** The cases on screen, the department they were read for, and where the next page starts. */
export interface LoadedQueue {
  /** Undefined: the officer's own department, or every department for an inspector. */
  department: string | undefined;
  items: QueueEntry[];
  nextCursor?: string;
}

/** A failed 加载更多, for the cursor it was tried from. */
interface MoreFailure {
  cursor: string;
  message: string;
  /** The cursor is no good (QUEUE_CURSOR_INVALID): only starting again from the first page helps. */
  restart: boolean;
}

/**
 * The queue page by page: the first page whenever the department changes or `reload` is
 * called (paging starts over), then `loadMore` appends the next page while there is one.
 * The list for another department, or an answer for a list since replaced, is never shown.
 */
export function useQueuePages(scope: QueueScope, state: QueueState, department: string | undefined) {
  const [queue, setQueue] = useState<LoadedQueue>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  /** The cursor 加载更多 is reading from. */
  const [moreFrom, setMoreFrom] = useState<string>();
  const [moreFailure, setMoreFailure] = useState<MoreFailure>();

  // `reloads` is the refresh and retry buttons' trigger.
  useEffect(() => {
    let current = true;
    setError(undefined);
    setMoreFailure(undefined);
    fetchQueue(scope, state, { department }).then(
      (page) => current && setQueue({ department, items: ordered(page.items, state), nextCursor: page.nextCursor }),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [scope, state, department, reloads]);

  const shown = queue && queue.department === department ? queue : undefined;
  const cursor = shown?.nextCursor;
  const reload = () => setReloads((n) => n + 1);

  async function loadMore() {
    if (!cursor || moreFrom === cursor) return;
    setMoreFrom(cursor);
    setMoreFailure(undefined);
    try {
      const page = await fetchQueue(scope, state, { department, cursor });
      // Only onto the list this cursor continues: after a refresh or a switch it is not on screen.
      setQueue((list) =>
        list && list.department === department && list.nextCursor === cursor
          ? { department, items: appended(list.items, page.items, state), nextCursor: page.nextCursor }
          : list,
      );
    } catch (e) {
      const restart = isApiError(e) && e.code === 'QUEUE_CURSOR_INVALID';
      setMoreFailure({ cursor, message: userMessageOf(e), restart });
    } finally {
      setMoreFrom((from) => (from === cursor ? undefined : from));
    }
  }

  const failure = cursor && moreFailure?.cursor === cursor ? moreFailure : undefined;
  return {
    /** The chosen department's cases; undefined until its first page has arrived. */
    queue: shown,
    /** Why the first page could not be read. */
    error,
    reload,
    loadingMore: Boolean(cursor) && moreFrom === cursor,
    loadMore,
    /** Why the next page could not be read; `retry` reads it again, or the first page when `restart`. */
    moreError: failure && {
      message: failure.message,
      restart: failure.restart,
      retry: failure.restart ? reload : loadMore,
    },
  };
}

/**
 * Departments whose cases on screen may not be all of them: one department's queue while a
 * cursor remains; in the every-department list (first pages only, no cursor) any department
 * that filled its page.
 */
export function unfinishedDepartments(queue: LoadedQueue, everyDepartment: boolean): string[] {
  const counts = new Map<string, number>();
  for (const item of queue.items) counts.set(item.department, (counts.get(item.department) ?? 0) + 1);
  if (queue.nextCursor) return queue.department ? [queue.department] : [...counts.keys()];
  if (!everyDepartment) return [];
  return [...counts].filter(([, count]) => count >= QUEUE_PAGE_SIZE).map(([code]) => code);
}
