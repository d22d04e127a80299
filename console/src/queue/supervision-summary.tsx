import type { QueueState } from '../api/officer';
import { DEPARTMENTS, type QueueEntry } from '../shared';
import { DUE_MARK_LABEL } from '../ui/due-mark';
import { departmentLabel } from '../ui/format';
import { countMarks, DUE_MARKS } from './marks';

/**
 * 全局督察: how many cases each department has, and how many carry each mark. Choosing a
 * department filters the table below.
 */
export function SupervisionSummary({
  items,
  state,
  selected,
  onSelect,
}: {
  items: readonly QueueEntry[];
  state: QueueState;
  selected: string | undefined;
  onSelect: (department: string | undefined) => void;
}) {
  const byDepartment = new Map<string, QueueEntry[]>();
  for (const item of items) {
    const list = byDepartment.get(item.department) ?? [];
    list.push(item);
    byDepartment.set(item.department, list);
  }
  // Departments in the catalogue's order, then any the catalogue does not know.
  const order = DEPARTMENTS.map((d) => d.code as string);
  const departments = [...byDepartment.keys()].sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? order.length : ia) - (ib < 0 ? order.length : ib) || a.localeCompare(b);
  });
  const totals = countMarks(items);
  // Marks describe running clocks; closed cases are only counted.
  const marks = state === 'open' ? DUE_MARKS : [];

  return (
    <section className="card" aria-label="各警种办理统计" data-testid="supervision-summary">
      <div className="card-header">
        <h2>各警种{state === 'open' ? '在办' : '已办结'}统计</h2>
        <div className="field-inline">
          <label htmlFor="supervision-filter">按警种筛选</label>
          <select
            id="supervision-filter"
            data-testid="supervision-filter"
            value={selected ?? ''}
            onChange={(e) => onSelect(e.target.value || undefined)}
          >
            <option value="">全部警种</option>
            {departments.map((d) => (
              <option key={d} value={d}>
                {departmentLabel(d)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">警种</th>
            <th scope="col">合计</th>
            {marks.map((mark) => (
              <th scope="col" key={mark}>
                {DUE_MARK_LABEL[mark]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {departments.length === 0 && (
            <tr>
              <td colSpan={2 + marks.length} className="empty">
                暂无数据
              </td>
            </tr>
          )}
          {departments.map((department) => {
            const list = byDepartment.get(department) ?? [];
            const counts = countMarks(list);
            return (
              <tr
                key={department}
                data-testid={`supervision-dept-${department}`}
                className={selected === department ? 'row-selected' : undefined}
              >
                <th scope="row">
                  <button
                    type="button"
                    className="link-button"
                    data-testid={`supervision-select-${department}`}
                    aria-pressed={selected === department}
                    onClick={() => onSelect(selected === department ? undefined : department)}
                  >
                    {departmentLabel(department)}
                  </button>
                </th>
                <td data-testid={`supervision-count-${department}-total`}>{list.length}</td>
                {marks.map((mark) => (
                  <td key={mark} data-testid={`supervision-count-${department}-${mark}`} className={`count-${mark}`}>
                    {counts[mark]}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">全部</th>
            <td data-testid="supervision-count-all-total">{items.length}</td>
            {marks.map((mark) => (
              <td key={mark} data-testid={`supervision-count-all-${mark}`}>
                {totals[mark]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
