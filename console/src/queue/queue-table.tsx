import type { QueueState } from '../api/officer';
import { hrefOf } from '../app/routes';
import { APPLICATION_STATUS_LABEL, type QueueEntry } from '../shared';
import { DueMarkBadge, ProvisionalMark } from '../ui/due-mark';
import { departmentLabel, formatDate, formatDateTime, workingDaysText } from '../ui/format';

export function QueueTable({
  items,
  state,
  showDepartment,
}: {
  items: readonly QueueEntry[];
  state: QueueState;
  showDepartment: boolean;
}) {
  // Closed cases have no running clock: the 办结 time replaces the deadline and the marks.
  const open = state === 'open';
  const columns = (showDepartment ? 1 : 0) + (open ? 9 : 7);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="queue-table">
        <caption className="visually-hidden">
          {state === 'open' ? '在办案件，按办结期限由近到远排列' : '已办结案件，最近办结的在前'}
        </caption>
        <thead>
          <tr>
            <th scope="col">办件编号</th>
            <th scope="col">事项</th>
            {showDepartment && <th scope="col">警种</th>}
            <th scope="col">申请人</th>
            <th scope="col">状态</th>
            <th scope="col">提交时间</th>
            {open ? (
              <>
                <th scope="col">办结期限</th>
                <th scope="col">剩余工作日</th>
                <th scope="col">电子监察</th>
              </>
            ) : (
              <th scope="col">办结时间</th>
            )}
            <th scope="col">
              <span className="visually-hidden">操作</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns} className="empty" data-testid="queue-empty">
                {open ? '暂无在办案件' : '暂无已办结案件'}
              </td>
            </tr>
          )}
          {items.map((item) => {
            const paused = item.dueMark === 'paused';
            const href = hrefOf({ page: 'case', id: item.id });
            return (
              <tr
                key={item.id}
                className={`row-${item.dueMark}`}
                data-testid={`queue-row-${item.id}`}
                data-mark={item.dueMark}
              >
                <td data-testid={`queue-number-${item.id}`}>{item.caseNumber}</td>
                <td>
                  <a href={href} data-testid={`queue-item-${item.id}`}>
                    {item.itemName}
                  </a>
                  <div className="cell-sub">{item.itemCode}</div>
                </td>
                {showDepartment && (
                  <td data-testid={`queue-department-${item.id}`}>{departmentLabel(item.department)}</td>
                )}
                <td data-testid={`queue-applicant-${item.id}`}>{item.applicantNameMasked}</td>
                <td data-testid={`queue-status-${item.id}`} data-status={item.status}>
                  {item.statusLabel || APPLICATION_STATUS_LABEL[item.status]}
                </td>
                <td>{formatDateTime(item.submittedAt)}</td>
                {open ? (
                  <>
                    <td data-testid={`queue-due-date-${item.id}`}>
                      {paused ? '计时暂停' : formatDate(item.dueDate)}
                      {!paused && item.dueDateProvisional && (
                        <>
                          {' '}
                          <ProvisionalMark testId={`queue-due-provisional-${item.id}`} />
                        </>
                      )}
                    </td>
                    <td data-testid={`queue-days-left-${item.id}`}>{workingDaysText(item.workingDaysLeft, paused)}</td>
                    <td>
                      <DueMarkBadge mark={item.dueMark} testId={`queue-due-mark-${item.id}`} />
                    </td>
                  </>
                ) : (
                  <td data-testid={`queue-closed-at-${item.id}`}>{formatDateTime(item.updatedAt)}</td>
                )}
                <td>
                  <a
                    href={href}
                    className="button button-secondary button-small"
                    data-testid={`queue-open-${item.id}`}
                    aria-label={`${open ? '办理' : '查看'} ${item.itemName}（${item.applicantNameMasked}）`}
                  >
                    {open ? '办理' : '查看'}
                  </a>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
