import { APPLICATION_STATUS_LABEL, type ApplicationStatus, type DepartmentStatistics } from '../shared';
import { departmentLabel } from '../ui/format';

/** The ways a case ends, in the order officers read them. */
const OUTCOMES: readonly ApplicationStatus[] = ['completed', 'refused', 'not_accepted', 'withdrawn'];

const NONE = '—';
const percent = (rate: number | null): string => (rate === null ? NONE : `${rate}%`);
const days = (value: number | null): string => (value === null ? NONE : String(value));
const score = (value: number | null): string => (value === null ? NONE : value.toFixed(1));
const round1 = (n: number) => Math.round(n * 10) / 10;

/** One table row's figures; the totals row leaves out what the rows cannot give exactly. */
interface Row {
  key: string;
  received: number;
  ended: number;
  outcomes: Record<string, number>;
  onTimeRate: string;
  averageWorkingDays: string;
  ratingCount: number;
  averageScore: string;
  satisfactionRate: string;
  bad: number;
}

const rowOf = (d: DepartmentStatistics): Row => ({
  key: d.department,
  received: d.received,
  ended: d.ended,
  outcomes: d.outcomes,
  onTimeRate: percent(d.onTimeRate),
  averageWorkingDays: days(d.averageWorkingDays),
  ratingCount: d.ratings.count,
  averageScore: score(d.ratings.average),
  satisfactionRate: percent(d.ratings.satisfactionRate),
  bad: d.ratings.bad,
});

/**
 * Counts add up; 好评率 is good ÷ rated, both counts, so it is exact too. The on-time rate, the
 * average working days and the average score come rounded and without their denominators, so
 * the totals show none rather than a figure that may be off.
 */
function totalsOf(items: readonly DepartmentStatistics[]): Row {
  const sum = (pick: (d: DepartmentStatistics) => number) => items.reduce((n, d) => n + pick(d), 0);
  const outcomes: Record<string, number> = {};
  for (const d of items) {
    for (const [status, n] of Object.entries(d.outcomes)) outcomes[status] = (outcomes[status] ?? 0) + n;
  }
  const ratingCount = sum((d) => d.ratings.count);
  const good = sum((d) => d.ratings.good);
  return {
    key: 'all',
    received: sum((d) => d.received),
    ended: sum((d) => d.ended),
    outcomes,
    onTimeRate: NONE,
    averageWorkingDays: NONE,
    ratingCount,
    averageScore: NONE,
    satisfactionRate: ratingCount ? percent(round1((100 * good) / ratingCount)) : NONE,
    bad: sum((d) => d.ratings.bad),
  };
}

function Cells({ row }: { row: Row }) {
  const id = (column: string) => `statistics-${row.key}-${column}`;
  return (
    <>
      <td className="num" data-testid={id('received')}>
        {row.received}
      </td>
      <td className="num" data-testid={id('ended')}>
        {row.ended}
      </td>
      {OUTCOMES.map((status) => (
        <td key={status} className="num" data-testid={id(`outcome-${status}`)}>
          {row.outcomes[status] ?? 0}
        </td>
      ))}
      <td className="num" data-testid={id('on-time-rate')}>
        {row.onTimeRate}
      </td>
      <td className="num" data-testid={id('average-days')}>
        {row.averageWorkingDays}
      </td>
      <td className="num" data-testid={id('rating-count')}>
        {row.ratingCount}
      </td>
      <td className="num" data-testid={id('rating-average')}>
        {row.averageScore}
      </td>
      <td className="num" data-testid={id('satisfaction-rate')}>
        {row.satisfactionRate}
      </td>
      <td className={row.bad > 0 ? 'num count-red' : 'num'} data-testid={id('bad')}>
        {row.bad}
      </td>
    </>
  );
}

export function StatisticsTable({
  items,
  month,
  caption,
  showTotals,
}: {
  items: readonly DepartmentStatistics[];
  month: string;
  caption: string;
  showTotals: boolean;
}) {
  const columns = 2 + (1 + OUTCOMES.length) + 2 + 4;
  return (
    <div className="table-wrap">
      <table className="data-table statistics-table" data-testid="statistics-table" data-month={month}>
        <caption className="visually-hidden">{caption}各警种办件统计</caption>
        <colgroup>
          <col />
          <col />
        </colgroup>
        <colgroup span={1 + OUTCOMES.length} />
        <colgroup>
          <col />
          <col />
        </colgroup>
        <colgroup span={4} />
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              警种
            </th>
            <th scope="col" rowSpan={2} className="num">
              受理
            </th>
            <th scope="colgroup" colSpan={1 + OUTCOMES.length} className="group">
              办结
            </th>
            <th scope="col" rowSpan={2} className="num">
              按时办结率
            </th>
            <th scope="col" rowSpan={2} className="num">
              平均用时（工作日）
            </th>
            <th scope="colgroup" colSpan={4} className="group">
              好差评
            </th>
          </tr>
          <tr>
            <th scope="col" className="num">
              合计
            </th>
            {OUTCOMES.map((status) => (
              <th scope="col" key={status} className="num">
                {APPLICATION_STATUS_LABEL[status]}
              </th>
            ))}
            <th scope="col" className="num">
              评价数
            </th>
            <th scope="col" className="num">
              平均分
            </th>
            <th scope="col" className="num">
              好评率
            </th>
            <th scope="col" className="num">
              差评数
            </th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns} className="empty" data-testid="statistics-no-rows">
                暂无数据
              </td>
            </tr>
          )}
          {items.map((d) => (
            <tr key={d.department} data-testid={`statistics-row-${d.department}`}>
              <th scope="row" data-testid={`statistics-${d.department}-name`}>
                {departmentLabel(d.department)}
              </th>
              <Cells row={rowOf(d)} />
            </tr>
          ))}
        </tbody>
        {showTotals && items.length > 0 && (
          <tfoot>
            <tr data-testid="statistics-row-all">
              <th scope="row">合计</th>
              <Cells row={totalsOf(items)} />
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
