import { useEffect, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchStatistics } from '../api/officer';
import type { Officer } from '../api/session';
import { statisticsScope } from '../app/permissions';
import { DEPARTMENTS, type DepartmentStatistics } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { chinaMonth, departmentLabel, shiftMonth } from '../ui/format';
import { StatisticsTable } from './statistics-table';

const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** Departments in the catalogue's order, then any the catalogue does not know. */
function inCatalogueOrder(items: readonly DepartmentStatistics[]): DepartmentStatistics[] {
  const order = DEPARTMENTS.map((d) => d.code as string);
  const rank = (department: string) => {
    const i = order.indexOf(department);
    return i < 0 ? order.length : i;
  };
  return [...items].sort((a, b) => rank(a.department) - rank(b.department) || a.department.localeCompare(b.department));
}

/** `2026-03` → `2026 年 3 月`. */
const monthText = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`;

const isEmpty = (d: DepartmentStatistics) => d.received === 0 && d.ended === 0 && d.ratings.count === 0;

/** The report on screen and the month it was read for. */
interface MonthReport {
  month: string;
  items: DepartmentStatistics[];
}

/**
 * 办件统计: a China month's cases received and ended (by outcome), on-time rate, working days
 * taken and 好差评, for the officer's department; inspectors see every department and the totals.
 */
export function StatisticsPage({ officer }: { officer: Officer }) {
  const scope = statisticsScope(officer.role);
  const allDepartments = scope === 'all';
  const [month, setMonth] = useState(chinaMonth);
  const [report, setReport] = useState<MonthReport>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);

  // `reloads` is the refresh button's trigger.
  useEffect(() => {
    if (!isMonth(month)) return;
    let current = true;
    setError(undefined);
    fetchStatistics(month, scope).then(
      (items) => current && setReport({ month, items: inCatalogueOrder(items) }),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [month, scope, reloads]);

  const valid = isMonth(month);
  const items = report && report.month === month ? report.items : undefined;
  const thisMonth = chinaMonth();
  const lastMonth = shiftMonth(thisMonth, -1);
  const shortcuts = [
    { month: lastMonth, label: '上月', testId: 'statistics-last-month' },
    { month: thisMonth, label: '本月', testId: 'statistics-this-month' },
  ];

  return (
    <div data-testid="statistics-page">
      <div className="page-header">
        <PageHeading testId="page-title">办件统计</PageHeading>
        <p className="page-subtitle">
          {allDepartments
            ? '全部警种的月度办件情况（督察视图）'
            : `${departmentLabel(officer.department)}的月度办件情况`}
        </p>
      </div>

      <div className="toolbar">
        <div className="filters">
          <div className="field-inline">
            <label htmlFor="statistics-month">统计月份</label>
            <input
              id="statistics-month"
              data-testid="statistics-month"
              type="month"
              value={month}
              max={thisMonth}
              onChange={(e) => setMonth(e.target.value)}
              aria-invalid={valid ? undefined : true}
            />
            {shortcuts.map((shortcut) => (
              <button
                key={shortcut.testId}
                type="button"
                className="button button-secondary button-small"
                data-testid={shortcut.testId}
                aria-pressed={month === shortcut.month}
                onClick={() => setMonth(shortcut.month)}
              >
                {shortcut.label}
              </button>
            ))}
          </div>
        </div>
        <button
          type="button"
          className="button button-secondary"
          data-testid="statistics-refresh"
          disabled={!valid}
          onClick={() => setReloads((n) => n + 1)}
        >
          刷新
        </button>
      </div>

      {!valid && (
        <p className="notice notice-warning" role="alert" data-testid="statistics-month-invalid">
          请选择统计月份
        </p>
      )}
      {valid && error && (
        <ErrorNotice testId="statistics-error" message={error} onRetry={() => setReloads((n) => n + 1)} />
      )}
      {valid && !items && !error && <Loading testId="statistics-loading" />}
      {valid && items && (
        <>
          {items.length > 0 && items.every(isEmpty) && (
            <p className="muted" data-testid="statistics-empty">
              {monthText(month)}暂无受理、办结或评价记录。
            </p>
          )}
          <StatisticsTable items={items} month={month} caption={monthText(month)} showTotals={allDepartments} />
          <ul className="hint statistics-notes" data-testid="statistics-notes">
            <li>受理：当月提交的网上申请；办结：当月结束的案件（含不予许可、不予受理和申请人撤回）。</li>
            <li>
              按时办结率：当月办结的案件中（不含撤回），在承诺期限内办结的比例，补正期间不计入办理时限；平均用时：这些案件自提交至办结的平均工作日数。
            </li>
            <li>好差评按评价时间计入当月：4–5 分为好评，1–2 分为差评。</li>
            {allDepartments && (
              <li>合计行的按时办结率、平均用时和平均分不能由各警种数据精确汇总，不予显示；好评率按评价数合计计算。</li>
            )}
          </ul>
        </>
      )}
    </div>
  );
}
