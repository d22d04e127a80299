import { hrefOf } from '../app/routes';
import {
  APPOINTMENT_STATUS_LABEL,
  type AppointmentStatus,
  type HallView,
  type OfficerAppointmentView,
} from '../shared';
import { departmentLabel } from '../ui/format';

/** A word and a colour per status; the word alone carries the meaning. */
const STATUS_BADGE: Record<AppointmentStatus, string> = {
  booked: 'badge badge-info',
  'checked-in': 'badge badge-ok',
  'no-show': 'badge badge-danger',
  cancelled: 'badge badge-muted',
};

export function AppointmentsTable({
  items,
  hall,
  date,
  showDepartment,
  showAction,
  canCheckIn,
  busyId,
  onCheckIn,
}: {
  items: readonly OfficerAppointmentView[];
  hall: HallView;
  date: string;
  showDepartment: boolean;
  showAction: boolean;
  canCheckIn: (row: OfficerAppointmentView) => boolean;
  busyId: string | undefined;
  onCheckIn: (row: OfficerAppointmentView) => void;
}) {
  const columns = 5 + (showDepartment ? 1 : 0) + (showAction ? 1 : 0);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="appointments-table" data-hall={hall.id} data-date={date}>
        <caption className="visually-hidden">
          {hall.name} {date} 的窗口预约，按时段排列
        </caption>
        <thead>
          <tr>
            <th scope="col">时段</th>
            <th scope="col">预约号</th>
            <th scope="col">申请人</th>
            <th scope="col">事项</th>
            {showDepartment && <th scope="col">警种</th>}
            <th scope="col">状态</th>
            {showAction && (
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columns} className="empty" data-testid="appointments-empty">
                该日暂无预约
              </td>
            </tr>
          )}
          {items.map((item) => (
            <tr key={item.id} data-testid={`appointment-row-${item.id}`} data-status={item.status}>
              <td data-testid={`appointment-time-${item.id}`}>{item.time}</td>
              <td className="booking-number" data-testid={`appointment-number-${item.id}`}>
                {item.id}
              </td>
              <td data-testid={`appointment-applicant-${item.id}`}>{item.applicantNameMasked}</td>
              <td data-testid={`appointment-item-${item.id}`}>
                {item.applicationId ? (
                  <a
                    href={hrefOf({ page: 'case', id: item.applicationId })}
                    data-testid={`appointment-case-${item.id}`}
                  >
                    {item.itemName}
                  </a>
                ) : (
                  item.itemName
                )}
                <div className="cell-sub">
                  {item.itemCode}
                  {item.applicationId && ' · 关联网上申请'}
                </div>
              </td>
              {showDepartment && (
                <td data-testid={`appointment-department-${item.id}`}>{departmentLabel(item.department)}</td>
              )}
              <td>
                <span
                  className={STATUS_BADGE[item.status] ?? 'badge'}
                  data-testid={`appointment-status-${item.id}`}
                  data-status={item.status}
                >
                  {APPOINTMENT_STATUS_LABEL[item.status] ?? item.status}
                </span>
              </td>
              {showAction && (
                <td>
                  {canCheckIn(item) && (
                    <button
                      type="button"
                      className="button button-primary button-small"
                      data-testid={`appointment-check-in-${item.id}`}
                      disabled={busyId !== undefined}
                      aria-label={`到号：${item.time} ${item.applicantNameMasked}（预约号 ${item.id}）`}
                      onClick={() => onCheckIn(item)}
                    >
                      {busyId === item.id ? '正在到号…' : '到号'}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
