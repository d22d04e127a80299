import type { QueueState } from '../api/officer';
import { DEPARTMENTS, type QueueEntry } from '../shared';
import { DUE_MARK_LABEL } from '../ui/due-mark';
import { departmentLabel } from '../ui/format';
import { countMarks, DUE_MARKS } from './marks';

// Departments in the catalogue's order, then any the catalogue does not know.
const CATALOGUE_ORDER = DEPARTMENTS.map((d) => d.code as string);
const inCatalogueOrder = (departments: Iterable<string>): string[] =>
  [...new Set(departments)].sort((a, b) => {
    const ia = CATALOGUE_ORDER.indexOf(a);
    const ib = CATALOGUE_ORDER.indexOf(b);
    return (ia < 0 ? CATALOGUE_ORDER.length : ia) - (ib < 0 ? CATALOGUE_ORDER.length : ib) || a.localeCompare(b);
  });

/**
 * 全局督察: how many cases each department has, and how many carry each mark. Choosing a
 * department reads that department's queue alone (so it can be paged); with 全部警种 each
 * department's first page is loaded, and the counts say so when a department may have more.
 */
export function SupervisionSummary({
  items,
  unfinished,
  state,
  selected,
  onSelect,
}: {
  /** The cases loaded; undefined while the chosen department's first page is on its way. */
  items: readonly QueueEntry[] | undefined;
  /** Departments whose loaded cases may not be all of them. */
  unfinished: readonly string[];
  state: QueueState;
  selected: string | undefined;
  onSelect: (department: string | undefined) => void;
}) {
  const partial = unfinished.length > 0;
  return (
    <section className="card" aria-label="各警种办理统计" data-testid="supervision-summary">
      <div className="card-header">
        <h2 data-testid="supervision-title">
          各警种{state === 'open' ? '在办' : '已办结'}统计{partial && '（仅统计已加载的案件）'}
        </h2>
        <DepartmentFilter selected={selected} onSelect={onSelect} />
      </div>
      {partial && (
        <p className="hint" data-testid="supervision-partial">
          {unfinished.map(departmentLabel).join('、')}尚有案件未加载，合计带“+”的警种只计已加载的案件
          {selected ? '；点击列表下方的“加载更多”继续加载。' : '；按警种筛选后可分页加载全部案件。'}
        </p>
      )}
      {items && (
        <SupervisionCounts
          items={items}
          unfinished={unfinished}
          state={state}
          selected={selected}
          onSelect={onSelect}
        />
      )}
    </section>
  );
}

/** Every catalogue department, whether or not it has cases loaded. */
function DepartmentFilter({
  selected,
  onSelect,
}: {
  selected: string | undefined;
  onSelect: (department: string | undefined) => void;
}) {
  const departments = inCatalogueOrder(selected ? [...CATALOGUE_ORDER, selected] : CATALOGUE_ORDER);
  return (
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
  );
}

function SupervisionCounts({
  items,
  unfinished,
  state,
  selected,
  onSelect,
}: {
  items: readonly QueueEntry[];
  unfinished: readonly string[];
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
  const departments = inCatalogueOrder(byDepartment.keys());
  const totals = countMarks(items);
  // Marks describe running clocks; closed cases are only counted.
  const marks = state === 'open' ? DUE_MARKS : [];

  return (
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
              <td data-testid={`supervision-count-${department}-total`}>
                {list.length}
                {unfinished.includes(department) && <MoreMark />}
              </td>
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
          <td data-testid="supervision-count-all-total">
            {items.length}
            {unfinished.length > 0 && <MoreMark />}
          </td>
          {marks.map((mark) => (
            <td key={mark} data-testid={`supervision-count-all-${mark}`}>
              {totals[mark]}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

/** After a count that is of the loaded cases only. */
const MoreMark = () => <span title="尚未全部加载，只计已加载的部分">+</span>;
