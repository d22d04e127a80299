import { useEffect, useState } from 'react';
import type { QueueScope, QueueState } from '../api/officer';

/**
 * Hash routes, so any static server can host the console without rewrite rules:
 * #/login, #/queue[/closed], #/supervision[/closed], #/cases/:id, #/appointments, #/statistics,
 * #/follow-ups, #/calendar, #/finance.
 */
export type Route =
  | { page: 'login' }
  | { page: 'queue'; scope: QueueScope; state: QueueState }
  | { page: 'case'; id: string }
  | { page: 'appointments' }
  | { page: 'statistics' }
  | { page: 'followUps' }
  | { page: 'calendar' }
  | { page: 'finance' };

export function parseHash(hash: string): Route | undefined {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  const [first, second, ...rest] = path.split('/').slice(1);
  if (rest.length) return undefined;
  switch (first) {
    case 'login':
      return second === undefined ? { page: 'login' } : undefined;
    case 'queue':
    case 'supervision': {
      if (second !== undefined && second !== 'closed') return undefined;
      return {
        page: 'queue',
        scope: first === 'queue' ? 'department' : 'all',
        state: second === 'closed' ? 'closed' : 'open',
      };
    }
    case 'cases':
      return second ? { page: 'case', id: decodeURIComponent(second) } : undefined;
    case 'appointments':
      return second === undefined ? { page: 'appointments' } : undefined;
    case 'statistics':
      return second === undefined ? { page: 'statistics' } : undefined;
    case 'follow-ups':
      return second === undefined ? { page: 'followUps' } : undefined;
    case 'calendar':
      return second === undefined ? { page: 'calendar' } : undefined;
    case 'finance':
      return second === undefined ? { page: 'finance' } : undefined;
    default:
      return undefined;
  }
}

export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'login':
      return '#/login';
    case 'queue':
      return `#/${route.scope === 'all' ? 'supervision' : 'queue'}${route.state === 'closed' ? '/closed' : ''}`;
    case 'case':
      return `#/cases/${encodeURIComponent(route.id)}`;
    case 'appointments':
      return '#/appointments';
    case 'statistics':
      return '#/statistics';
    case 'followUps':
      return '#/follow-ups';
    case 'calendar':
      return '#/calendar';
    case 'finance':
      return '#/finance';
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (window.location.hash === href) return;
  if (options.replace) {
    window.history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}

/** The current hash, re-read on every change (back/forward buttons included). */
export function useHash(): string {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const update = () => setHash(window.location.hash);
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return hash;
}
