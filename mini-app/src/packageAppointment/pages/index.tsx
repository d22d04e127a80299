import { Button, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { type NotLoaded, PageState } from '../../components/PageState';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn } from '../../services/session';
import { APPOINTMENT_STATUS_LABEL, type AppointmentView } from '../../shared';
import { APPOINTMENTS_PAGE, casePage, goHome } from '../../utils/navigation';
import { Line } from '../components/Line';
import { cancelAppointment, fetchMyAppointments, longDate } from '../services/appointments';
import '../appointment.css';

type State = NotLoaded | { kind: 'loaded'; items: AppointmentView[] };

interface PageNotice {
  kind: 'error' | 'info' | 'success';
  testId: string;
  text: string;
}

/**
 * 我的预约: the citizen's window appointments, latest date first, each with its booking number
 * (预约号) and status; one still ahead can be cancelled (after an in-page confirmation),
 * which frees its place at once.
 */
export default function MyAppointmentsPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [cancelling, setCancelling] = useState<AppointmentView | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const latestLoad = useRef(0);

  const load = async () => {
    if (!isLoggedIn()) {
      setState({ kind: 'need-login' });
      return;
    }
    const requestNumber = ++latestLoad.current;
    setState((s) => (s.kind === 'loaded' ? s : { kind: 'loading' }));
    try {
      const items = await fetchMyAppointments();
      if (requestNumber === latestLoad.current) setState({ kind: 'loaded', items });
    } catch (error) {
      if (requestNumber !== latestLoad.current) return;
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: error.message });
      } else {
        setState({ kind: 'failed', message: userMessageOf(error) });
      }
    }
  };

  useDidShow(() => {
    void load();
  });

  const onCancel = async (appointment: AppointmentView) => {
    if (busy) return;
    setBusy(true);
    try {
      const updated = await cancelAppointment(appointment.id);
      setCancelling(null);
      setState((s) =>
        s.kind === 'loaded' ? { ...s, items: s.items.map((a) => (a.id === updated.id ? updated : a)) } : s,
      );
      setNotice({
        kind: 'success',
        testId: 'appt-cancelled',
        text: `已取消预约 ${updated.id}（${longDate(updated.date)} ${updated.time}）。`,
      });
    } catch (error) {
      setCancelling(null);
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setState({ kind: 'need-login', message: error.message });
        return;
      }
      setNotice({ kind: 'error', testId: 'appt-cancel-error', text: userMessageOf(error) });
      // 409 / 404: it has started, been handled or cancelled meanwhile; show the latest.
      if (isApiError(error) && (error.status === 409 || error.status === 404)) await load();
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page appt" data-testid="appts-page" data-state={state.kind}>
      <View className="page-title">我的预约</View>
      {notice && (
        <Notice kind={notice.kind} testId={notice.testId}>
          {notice.text}
        </Notice>
      )}
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="appts-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (state.kind) {
      case 'loading':
      case 'need-login':
      case 'failed':
        return (
          <PageState
            state={state}
            testIdPrefix="appts"
            loginHint="登录后可查看您的预约。"
            loginReturnTo={APPOINTMENTS_PAGE}
            onRetry={load}
          />
        );
      case 'loaded':
        if (state.items.length === 0) {
          return (
            <View className="card" data-testid="appts-empty">
              您还没有预约。可在首页选择事项，进入办事指南后点击“预约到窗口办理”。
            </View>
          );
        }
        return (
          <View data-testid="appts-list" data-count={state.items.length}>
            {state.items.map(renderRow)}
            {cancelling && renderCancelDialog(cancelling)}
          </View>
        );
    }
  }

  function renderRow(appointment: AppointmentView) {
    const id = appointment.id;
    return (
      <View
        key={id}
        className={`card appt-row appt-row-${appointment.status}`}
        data-testid={`appt-row-${id}`}
        data-status={appointment.status}
        data-cancellable={appointment.cancellable ? 'true' : 'false'}
      >
        <View className="appt-row-head">
          <View className="appt-row-item" data-testid={`appt-row-${id}-item`}>
            {appointment.itemName}
          </View>
          <View
            className={`appt-status appt-status-${appointment.status}`}
            data-testid={`appt-row-${id}-status`}
            data-status={appointment.status}
          >
            {APPOINTMENT_STATUS_LABEL[appointment.status] ?? appointment.status}
          </View>
        </View>
        <Line label="预约号" testId={`appt-row-${id}-number`} strong>
          {id}
        </Line>
        <Line label="日期" testId={`appt-row-${id}-date`}>
          {longDate(appointment.date)}
        </Line>
        <Line label="时段" testId={`appt-row-${id}-time`}>
          {appointment.time} 起
        </Line>
        <Line label="办事大厅" testId={`appt-row-${id}-hall`}>
          {appointment.hallName}
          {appointment.hallAddress && <View className="appt-sub">{appointment.hallAddress}</View>}
        </Line>
        {appointment.applicationId && (
          <View
            className="appt-link"
            data-testid={`appt-row-${id}-case`}
            role="link"
            onClick={() => void Taro.navigateTo({ url: `/${casePage(appointment.applicationId ?? '')}` })}
          >
            查看关联办件 ›
          </View>
        )}
        {appointment.status === 'booked' && (
          <View className="text-secondary appt-hint">请携带本人居民身份证原件，按时到窗口出示预约号。</View>
        )}
        {appointment.cancellable && (
          <Button
            className="btn appt-btn-danger"
            data-testid={`appt-cancel-${id}`}
            disabled={busy}
            onClick={() => {
              setNotice(null);
              setCancelling(appointment);
            }}
          >
            取消预约
          </Button>
        )}
      </View>
    );
  }

  function renderCancelDialog(appointment: AppointmentView) {
    return (
      <View className="appt-dialog-mask">
        <View className="appt-dialog" data-testid="appt-cancel-dialog" role="dialog" aria-modal="true">
          <View className="appt-dialog-title">确定取消预约 {appointment.id} 吗？</View>
          <View>
            {longDate(appointment.date)} {appointment.time}，{appointment.hallName}，{appointment.itemName}。
          </View>
          <View className="text-secondary appt-hint">取消后该时段名额将释放给他人，如需办理可重新预约。</View>
          <Button
            className="btn appt-btn-danger"
            data-testid="appt-cancel-confirm"
            disabled={busy}
            onClick={() => void onCancel(appointment)}
          >
            {busy ? '正在取消…' : '确定取消'}
          </Button>
          <Button
            className="btn btn-secondary"
            data-testid="appt-cancel-keep"
            disabled={busy}
            onClick={() => setCancelling(null)}
          >
            暂不取消
          </Button>
        </View>
      </View>
    );
  }
}
