import { useEffect, useState } from 'react';
import { isApiError, userMessageOf } from '../api/client';
import { fetchAppointments, fetchHalls, submitCheckIn } from '../api/officer';
import type { Officer } from '../api/session';
import { mayCheckIn } from '../app/permissions';
import {
  APPOINTMENT_STATUS_LABEL,
  type AppointmentStatus,
  type HallView,
  type OfficerAppointmentView,
} from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { chinaToday, departmentLabel } from '../ui/format';
import { AppointmentsTable } from './appointments-table';

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** By slot time, then booking number. The server sorts the same way; sorting again keeps the table right. */
const byTime = (a: OfficerAppointmentView, b: OfficerAppointmentView): number =>
  a.time === b.time ? a.id.localeCompare(b.id) : a.time.localeCompare(b.time);

type Notice = { kind: 'success' | 'error'; text: string };

/** The list on screen and the hall and date it was read for. */
interface DayList {
  hallId: string;
  date: string;
  items: OfficerAppointmentView[];
}

/**
 * 预约到号: one hall's window appointments on a day, by time. When the citizen is at the window
 * the officer marks today's booked appointment 到号; inspectors see every department's
 * appointments, read-only. The server enforces the same rules (own department, own date, once).
 */
export function AppointmentsPage({ officer }: { officer: Officer }) {
  const [halls, setHalls] = useState<HallView[]>();
  const [hallsError, setHallsError] = useState<string>();
  const [hallReloads, setHallReloads] = useState(0);
  const [hallId, setHallId] = useState<string>();
  const [date, setDate] = useState(chinaToday);
  const [list, setList] = useState<DayList>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<Notice>();
  const [busyId, setBusyId] = useState<string>();
  const checkInAllowed = mayCheckIn(officer.role);
  const inspector = officer.role === 'inspector';

  // `hallReloads` is the retry button's trigger.
  useEffect(() => {
    let current = true;
    setHallsError(undefined);
    fetchHalls().then(
      (fetched) => {
        if (!current) return;
        setHalls(fetched);
        setHallId((chosen) => (chosen && fetched.some((h) => h.id === chosen) ? chosen : fetched[0]?.id));
      },
      (e: unknown) => current && setHallsError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [hallReloads]);

  // `reloads` is the refresh button's trigger.
  useEffect(() => {
    if (!hallId || !isDate(date)) return;
    let current = true;
    setError(undefined);
    fetchAppointments(hallId, date).then(
      (items) => current && setList({ hallId, date, items: [...items].sort(byTime) }),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [hallId, date, reloads]);

  const items = list && list.hallId === hallId && list.date === date ? list.items : undefined;
  const hall = halls?.find((h) => h.id === hallId);
  const today = chinaToday();

  async function checkIn(row: OfficerAppointmentView) {
    if (busyId) return;
    setBusyId(row.id);
    setNotice(undefined);
    try {
      const updated = await submitCheckIn(row.id);
      setList(
        (shown) =>
          shown && {
            ...shown,
            items: shown.items.map((item) => (item.id === updated.id ? { ...item, ...updated } : item)),
          },
      );
      setNotice({
        kind: 'success',
        text: `预约号 ${row.id}（${row.applicantNameMasked}）${APPOINTMENT_STATUS_LABEL[updated.status]}`,
      });
    } catch (e) {
      setNotice({ kind: 'error', text: `预约号 ${row.id}：${userMessageOf(e)}` });
      // Already closed or no longer today: show the appointment as it now stands.
      if (isApiError(e) && e.status === 409) setReloads((n) => n + 1);
    } finally {
      setBusyId(undefined);
    }
  }

  const pick = (change: () => void) => {
    setNotice(undefined);
    change();
  };

  return (
    <div data-testid="appointments-page">
      <div className="page-header">
        <PageHeading testId="page-title">预约到号</PageHeading>
        <p className="page-subtitle">
          {inspector
            ? '各办事大厅全部警种的窗口预约（督察视图，只读）'
            : `${departmentLabel(officer.department)}的窗口预约。申请人到窗口出示预约号后，核对无误点“到号”。`}
        </p>
      </div>

      {hallsError && (
        <ErrorNotice testId="appointments-error" message={hallsError} onRetry={() => setHallReloads((n) => n + 1)} />
      )}
      {!halls && !hallsError && <Loading testId="appointments-loading" />}
      {halls?.length === 0 && (
        <p className="card empty" data-testid="appointments-no-halls">
          您所在警种暂无开通窗口预约的办事大厅
        </p>
      )}

      {hall && (
        <>
          <div className="toolbar">
            <div className="filters">
              <div className="field-inline">
                <label htmlFor="appointments-hall">办事大厅</label>
                <select
                  id="appointments-hall"
                  data-testid="appointments-hall"
                  value={hall.id}
                  onChange={(e) => pick(() => setHallId(e.target.value))}
                >
                  {halls?.map((h) => (
                    <option key={h.id} value={h.id}>
                      {h.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field-inline">
                <label htmlFor="appointments-date">日期</label>
                <input
                  id="appointments-date"
                  data-testid="appointments-date"
                  type="date"
                  value={date}
                  onChange={(e) => pick(() => setDate(e.target.value))}
                  aria-invalid={isDate(date) ? undefined : true}
                />
                {date !== today && (
                  <button
                    type="button"
                    className="button button-secondary button-small"
                    data-testid="appointments-today"
                    onClick={() => pick(() => setDate(today))}
                  >
                    今天
                  </button>
                )}
              </div>
            </div>
            <button
              type="button"
              className="button button-secondary"
              data-testid="appointments-refresh"
              disabled={!isDate(date)}
              onClick={() => setReloads((n) => n + 1)}
            >
              刷新
            </button>
          </div>
          <p className="hint" data-testid="appointments-hall-address">
            {hall.name}：{hall.address}
            {checkInAllowed && date !== today && isDate(date) && '。只能为当天的预约到号。'}
          </p>
          {inspector && (
            <p className="muted" data-testid="appointments-readonly">
              督察岗位仅可查阅预约，不能到号。
            </p>
          )}

          {notice && (
            <div
              className={`notice ${notice.kind === 'success' ? 'notice-success' : 'notice-error'}`}
              role={notice.kind === 'success' ? 'status' : 'alert'}
              data-testid={notice.kind === 'success' ? 'appointments-notice' : 'appointments-action-error'}
            >
              {notice.text}
            </div>
          )}
          {!isDate(date) && (
            <p className="notice notice-warning" role="alert" data-testid="appointments-date-invalid">
              请选择日期
            </p>
          )}
          {error && (
            <ErrorNotice testId="appointments-error" message={error} onRetry={() => setReloads((n) => n + 1)} />
          )}
          {isDate(date) && !items && !error && <Loading testId="appointments-loading" />}
          {items && (
            <>
              <AppointmentCounts items={items} />
              <AppointmentsTable
                items={items}
                hall={hall}
                date={date}
                showDepartment={inspector}
                showAction={checkInAllowed}
                canCheckIn={(row) => checkInAllowed && row.status === 'booked' && row.date === today}
                busyId={busyId}
                onCheckIn={checkIn}
              />
            </>
          )}
        </>
      )}
    </div>
  );
}

const COUNTED: readonly AppointmentStatus[] = ['booked', 'checked-in', 'no-show', 'cancelled'];

function AppointmentCounts({ items }: { items: readonly OfficerAppointmentView[] }) {
  const counts: Record<AppointmentStatus, number> = { booked: 0, 'checked-in': 0, 'no-show': 0, cancelled: 0 };
  for (const item of items) if (item.status in counts) counts[item.status] += 1;
  return (
    <p className="queue-counts" data-testid="appointments-summary">
      共 <strong data-testid="appointments-count-total">{items.length}</strong> 个预约：
      {COUNTED.map((status, i) => (
        <span key={status}>
          {i > 0 && '、'}
          {APPOINTMENT_STATUS_LABEL[status]}{' '}
          <strong data-testid={`appointments-count-${status}`}>{counts[status]}</strong> 个
        </span>
      ))}
    </p>
  );
}
