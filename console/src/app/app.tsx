import { useCallback, useEffect, useRef, useState } from 'react';
import { setUnauthorizedListener } from '../api/client';
import { clearSession, isExpired, type OfficerSession, readSession, saveSession } from '../api/session';
import { AppointmentsPage } from '../appointments/appointments-page';
import { CalendarPage } from '../calendar/calendar-page';
import { CasePage } from '../cases/case-page';
import { FinancePage } from '../finance/finance-page';
import { FollowUpsPage } from '../follow-ups/follow-ups-page';
import { LoginPage } from '../login/login-page';
import { QueuePage } from '../queue/queue-page';
import type { OfficerRole } from '../shared';
import { StatisticsPage } from '../statistics/statistics-page';
import { Layout } from './layout';
import { mayManageCalendar, maySupervise, mayViewFinance } from './permissions';
import { navigate, parseHash, type Route, useHash } from './routes';

export const SESSION_EXPIRED_MESSAGE = '登录已过期，请重新登录';

const homeRoute = (role: OfficerRole): Route =>
  role === 'admin'
    ? { page: 'calendar' }
    : role === 'inspector'
      ? { page: 'queue', scope: 'all', state: 'open' }
      : role === 'finance'
        ? { page: 'finance' }
        : { page: 'queue', scope: 'department', state: 'open' };

/** Where a signed-in officer may not go: the login page, unknown hashes, 全局督察 or 节假日安排 without the role. */
function redirectFor(route: Route | undefined, role: OfficerRole): Route | undefined {
  if (!route || route.page === 'login') return homeRoute(role);
  if (route.page === 'queue' && route.scope === 'all' && !maySupervise(role)) return homeRoute(role);
  // Administrators keep the calendar and handle no cases; only they may open it.
  if (mayManageCalendar(role) ? route.page !== 'calendar' : route.page === 'calendar') return homeRoute(role);
  if (route.page === 'finance' && !mayViewFinance(role)) return homeRoute(role);
  return undefined;
}

function initialSession(): { session?: OfficerSession; expired: boolean } {
  const stored = readSession();
  if (!stored) return { expired: false };
  if (isExpired(stored)) {
    clearSession();
    return { expired: true };
  }
  return { session: stored, expired: false };
}

export function App() {
  const hash = useHash();
  const route = parseHash(hash);
  const [start] = useState(initialSession);
  const [session, setSession] = useState<OfficerSession | undefined>(start.session);
  const [loginNotice, setLoginNotice] = useState<string | undefined>(
    start.expired ? SESSION_EXPIRED_MESSAGE : undefined,
  );
  /** The page asked for while signed out (a deep link, or where the session expired), opened after login. */
  const returnTo = useRef<Route>();
  /** False after an explicit logout: the next officer at this PC starts from their own home page. */
  const rememberPage = useRef(true);

  /*
   * Navigation happens in one place, the effect below, from (session, hash). Handlers only
   * change the session: hashchange updates are flushed before other state updates, so a
   * handler that changed both would let the effect see a new hash with the old session.
   */
  const endSession = useCallback((notice?: string) => {
    rememberPage.current = notice !== undefined;
    returnTo.current = undefined;
    clearSession();
    setSession(undefined);
    setLoginNotice(notice);
  }, []);

  useEffect(() => {
    setUnauthorizedListener(() => endSession(SESSION_EXPIRED_MESSAGE));
  }, [endSession]);

  // The token's lifetime is known; end the session when it runs out rather than at the next click.
  useEffect(() => {
    if (!session) return;
    const timer = window.setTimeout(
      () => endSession(SESSION_EXPIRED_MESSAGE),
      Math.min(Math.max(session.expiresAt - Date.now(), 0), 2 ** 31 - 1),
    );
    return () => window.clearTimeout(timer);
  }, [session, endSession]);

  useEffect(() => {
    const current = parseHash(hash);
    document.title = `${pageTitle(session ? current : { page: 'login' })} · 民警工作台`;
    if (!session) {
      if (current?.page !== 'login') {
        if (current && rememberPage.current) returnTo.current = current;
        navigate({ page: 'login' }, { replace: true });
      }
      return;
    }
    const role = session.officer.role;
    if (current?.page === 'login') {
      const target = returnTo.current && !redirectFor(returnTo.current, role) ? returnTo.current : homeRoute(role);
      returnTo.current = undefined;
      navigate(target, { replace: true });
      return;
    }
    const redirect = redirectFor(current, role);
    if (redirect) navigate(redirect, { replace: true });
  }, [session, hash]);

  const onLoggedIn = (fresh: OfficerSession) => {
    saveSession(fresh);
    rememberPage.current = true;
    setLoginNotice(undefined);
    setSession(fresh);
  };

  if (!session) return <LoginPage notice={loginNotice} onLoggedIn={onLoggedIn} />;
  if (!route || redirectFor(route, session.officer.role)) return null;

  const { officer } = session;
  return (
    <Layout officer={officer} route={route} onLogout={() => endSession()}>
      {route.page === 'queue' && (
        <QueuePage key={`${route.scope}-${route.state}`} officer={officer} scope={route.scope} state={route.state} />
      )}
      {route.page === 'case' && <CasePage key={route.id} officer={officer} applicationId={route.id} />}
      {route.page === 'appointments' && <AppointmentsPage officer={officer} />}
      {route.page === 'statistics' && <StatisticsPage officer={officer} />}
      {route.page === 'followUps' && <FollowUpsPage officer={officer} />}
      {route.page === 'calendar' && <CalendarPage />}
      {route.page === 'finance' && <FinancePage officer={officer} />}
    </Layout>
  );
}

function pageTitle(route: Route | undefined): string {
  switch (route?.page) {
    case 'queue':
      return route.scope === 'all' ? '全局督察' : '待办队列';
    case 'case':
      return '案件详情';
    case 'appointments':
      return '预约到号';
    case 'statistics':
      return '办件统计';
    case 'followUps':
      return '好差评整改';
    case 'calendar':
      return '节假日安排';
    case 'finance':
      return '财务核查';
    default:
      return '登录';
  }
}
