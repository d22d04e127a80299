import type { ReactNode } from 'react';
import type { Officer } from '../api/session';
import { OFFICER_ROLE_LABEL } from '../shared';
import { departmentLabel } from '../ui/format';
import { mayManageCalendar, maySupervise, mayViewFinance } from './permissions';
import { hrefOf, type Route } from './routes';

type NavKey = 'queue' | 'supervision' | 'appointments' | 'statistics' | 'followUps' | 'calendar' | 'finance';

function activeNav(route: Route): NavKey | undefined {
  if (route.page === 'queue') return route.scope === 'all' ? 'supervision' : 'queue';
  if (route.page === 'appointments') return 'appointments';
  if (route.page === 'statistics') return 'statistics';
  if (route.page === 'followUps') return 'followUps';
  if (route.page === 'calendar') return 'calendar';
  if (route.page === 'finance') return 'finance';
  return undefined;
}

export function Layout({
  officer,
  route,
  onLogout,
  children,
}: {
  officer: Officer;
  route: Route;
  onLogout: () => void;
  children: ReactNode;
}) {
  const active = activeNav(route);
  const caseLinks: { key: NavKey; testId: string; label: string; href: string }[] = [
    {
      key: 'queue',
      testId: 'nav-queue',
      label: '待办队列',
      href: hrefOf({ page: 'queue', scope: 'department', state: 'open' }),
    },
    ...(maySupervise(officer.role)
      ? [
          {
            key: 'supervision' as const,
            testId: 'nav-supervision',
            label: '全局督察',
            href: hrefOf({ page: 'queue', scope: 'all', state: 'open' }),
          },
        ]
      : []),
    {
      key: 'appointments',
      testId: 'nav-appointments',
      label: '预约到号',
      href: hrefOf({ page: 'appointments' }),
    },
    { key: 'statistics', testId: 'nav-statistics', label: '办件统计', href: hrefOf({ page: 'statistics' }) },
    { key: 'followUps', testId: 'nav-followups', label: '好差评整改', href: hrefOf({ page: 'followUps' }) },
    ...(mayViewFinance(officer.role)
      ? [{ key: 'finance' as const, testId: 'nav-finance', label: '财务核查', href: hrefOf({ page: 'finance' }) }]
      : []),
  ];
  const links = mayManageCalendar(officer.role)
    ? [{ key: 'calendar' as const, testId: 'nav-calendar', label: '节假日安排', href: hrefOf({ page: 'calendar' }) }]
    : caseLinks;

  return (
    <>
      <button type="button" className="skip-link" onClick={skipToMain}>
        跳到主要内容
      </button>
      <header className="top-bar">
        <div className="brand">
          民生警务 <span aria-hidden="true">·</span> 民警工作台
        </div>
        <nav aria-label="主导航" className="main-nav">
          <ul>
            {links.map((link) => (
              <li key={link.key}>
                <a href={link.href} data-testid={link.testId} aria-current={active === link.key ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="officer" data-testid="header-officer">
          <span data-testid="header-officer-name">{officer.name}</span>
          <span className="officer-meta">
            {departmentLabel(officer.department)} · {OFFICER_ROLE_LABEL[officer.role]}
          </span>
          <button type="button" className="button button-on-dark" data-testid="logout" onClick={onLogout}>
            退出登录
          </button>
        </div>
      </header>
      <main id="main" className="page">
        {children}
      </main>
    </>
  );
}

/** A button, not an `#main` link: the hash belongs to the router. */
function skipToMain() {
  const heading = document.querySelector<HTMLElement>('#main h1');
  heading?.focus();
}
