import { Button, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { Notice } from '../../components/Notice';
import { PageState } from '../../components/PageState';
import { fetchApplication } from '../../services/applications';
import { fetchMe } from '../../services/auth';
import { fetchServiceItem } from '../../services/catalogue';
import { isApiError, userMessageOf } from '../../services/request';
import { clearSession, isLoggedIn, readSession, rememberVerified } from '../../services/session';
import {
  APPOINTMENT_RULES,
  type AppointmentView,
  caseNumberLabel,
  type HallDayView,
  type HallView,
  type ServiceItem,
  type SlotView,
} from '../../shared';
import { APPOINTMENTS_PAGE, bookAppointmentPage, goHome } from '../../utils/navigation';
import { Line } from '../components/Line';
import {
  bookAppointment,
  chinaToday,
  fetchHalls,
  fetchSchedule,
  longDate,
  shortDate,
  weekdayOf,
} from '../services/appointments';
import '../appointment.css';

type Gate =
  | { kind: 'loading' }
  | { kind: 'invalid' }
  | { kind: 'need-login'; message?: string }
  | { kind: 'need-verify'; message?: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; item: ServiceItem; halls: HallView[] }
  | { kind: 'done'; appointment: AppointmentView };

type Schedule =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; days: HallDayView[] };

/** What the server said about the last booking attempt, shown above the slots. */
interface BookProblem {
  code: string;
  message: string;
}

/** Refusals after which the slots are fetched again (someone took the last place, or time moved on). */
const REFRESH_ON: readonly string[] = ['APPOINTMENT_SLOT_FULL', 'APPOINTMENT_SLOT_UNAVAILABLE'];
/** Refusals that concern the citizen's existing appointments: offer 我的预约. */
const SEE_MINE_ON: readonly string[] = ['APPOINTMENT_TIME_TAKEN', 'APPOINTMENT_LIMIT_REACHED'];

const ITEM_CODE = /^[A-Z]{2}-\d{3}$/;
const APPLICATION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const safeDecode = (value: string | undefined): string => {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return '';
  }
};

const hasBookable = (day: HallDayView) => day.slots.some((slot) => slot.bookable);

/** The day to show first: the one kept if still offered, else the first with a free place. */
const pickDay = (days: HallDayView[], keep: string | null): string | null =>
  (keep && days.some((d) => d.date === keep) ? keep : null) ?? days.find(hasBookable)?.date ?? days[0]?.date ?? null;

const slotLabel = (slot: SlotView): string =>
  slot.bookable ? `余 ${slot.remaining}` : slot.remaining === 0 ? '已约满' : '不可约';

/**
 * 预约办理: a verified citizen picks a hall that handles the item, a working day and a slot
 * with free places, confirms, and gets the booking number (预约号) to show at the window.
 * Opened with `?itemCode=` (and `&applicationId=` when the visit is for one of their cases).
 */
export default function BookAppointmentPage() {
  const { params } = useRouter();
  const rawCode = safeDecode(params.itemCode);
  const itemCode = ITEM_CODE.test(rawCode) ? rawCode : '';
  const rawApplication = safeDecode(params.applicationId);
  const applicationId = APPLICATION_ID.test(rawApplication) ? rawApplication : undefined;
  const thisPage = bookAppointmentPage(itemCode, applicationId);

  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [hallId, setHallId] = useState<string | null>(null);
  const [schedule, setSchedule] = useState<Schedule>({ kind: 'idle' });
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [booking, setBooking] = useState(false);
  const [problem, setProblem] = useState<BookProblem | null>(null);
  const settled = useRef(false);
  const latestSchedule = useRef(0);
  // The linked case by its 办件编号, as the citizen knows it (the id stays in the URL).
  const [linkedCase, setLinkedCase] = useState<string>();
  useEffect(() => {
    if (!applicationId || !isLoggedIn()) return;
    fetchApplication(applicationId).then(
      (view) => setLinkedCase(caseNumberLabel(view.caseNumber)),
      // The booking still names the case (the server checks it); only the label is missing.
      () => setLinkedCase('（编号暂未加载）'),
    );
  }, [applicationId]);

  /** 401 → log in again; 403 IDENTITY_REQUIRED → verify. True when the error was one of those. */
  const gateFor = (error: unknown): boolean => {
    if (isApiError(error) && error.status === 401) {
      clearSession();
      settled.current = false;
      setGate({ kind: 'need-login', message: error.message });
      return true;
    }
    if (isApiError(error) && error.code === 'IDENTITY_REQUIRED') {
      settled.current = false;
      setGate({ kind: 'need-verify', message: error.message });
      return true;
    }
    return false;
  };

  const loadSchedule = async (hall: string, keepDate: string | null = null) => {
    const requestNumber = ++latestSchedule.current;
    setSchedule({ kind: 'loading' });
    try {
      const days = await fetchSchedule(hall);
      if (requestNumber !== latestSchedule.current) return;
      setSchedule({ kind: 'loaded', days });
      setDate(pickDay(days, keepDate));
    } catch (error) {
      if (requestNumber !== latestSchedule.current) return;
      setSchedule({ kind: 'failed', message: userMessageOf(error) });
    }
  };

  const selectHall = (hall: string) => {
    if (hall === hallId && schedule.kind !== 'failed') return;
    setHallId(hall);
    setDate(null);
    setTime(null);
    setProblem(null);
    void loadSchedule(hall);
  };

  const load = async () => {
    if (!itemCode) {
      setGate({ kind: 'invalid' });
      return;
    }
    if (!isLoggedIn()) {
      setGate({ kind: 'need-login' });
      return;
    }
    setGate({ kind: 'loading' });
    try {
      if (!readSession()?.verified) {
        const me = await fetchMe();
        if (!me.verified) {
          setGate({ kind: 'need-verify' });
          return;
        }
        rememberVerified();
      }
      const [item, halls] = await Promise.all([fetchServiceItem(itemCode), fetchHalls(itemCode)]);
      settled.current = true;
      setGate({ kind: 'ready', item, halls });
      // One hall: nothing to choose.
      const only = halls.length === 1 ? halls[0] : undefined;
      if (only) {
        setHallId(only.id);
        void loadSchedule(only.id);
      }
    } catch (error) {
      if (gateFor(error)) return;
      if (isApiError(error) && error.status === 404) setGate({ kind: 'not-found', message: error.message });
      else setGate({ kind: 'failed', message: userMessageOf(error) });
    }
  };

  // Also when coming back from logging in or verifying; a page already showing halls keeps its choices.
  useDidShow(() => {
    if (!settled.current) void load();
  });

  const onConfirm = async () => {
    if (booking || !hallId || !date || !time) return;
    setBooking(true);
    try {
      const appointment = await bookAppointment({
        hallId,
        date,
        time,
        itemCode,
        ...(applicationId ? { applicationId } : {}),
      });
      setConfirming(false);
      setGate({ kind: 'done', appointment });
      void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
    } catch (error) {
      setConfirming(false);
      if (gateFor(error)) return;
      const code = isApiError(error) ? error.code : 'INTERNAL';
      setProblem({ code, message: userMessageOf(error) });
      if (REFRESH_ON.includes(code)) {
        setTime(null);
        await loadSchedule(hallId, date);
      }
    } finally {
      setBooking(false);
    }
  };

  return (
    <View className="page appt" data-testid="book-page" data-state={gate.kind}>
      <View className="page-title">预约办理</View>
      {renderBody()}
      <Button className="btn btn-secondary" data-testid="book-go-home" onClick={goHome}>
        返回首页
      </Button>
    </View>
  );

  function renderBody() {
    switch (gate.kind) {
      case 'loading':
      case 'need-login':
        return (
          <PageState
            state={gate}
            testIdPrefix="book"
            loginHint="预约到窗口办理需先登录。"
            loginReturnTo={thisPage}
            onRetry={load}
          />
        );
      case 'invalid':
        return (
          <Notice kind="error" testId="book-invalid">
            没有指定要预约办理的事项，请从办事指南进入。
          </Notice>
        );
      case 'need-verify':
        return (
          <View data-testid="book-need-verify">
            <Notice kind="info" testId="book-verify-required">
              预约到窗口办理需先完成实名认证，窗口凭预约号和您本人的居民身份证办理。认证通过后，返回本页即可继续预约。
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="book-verify"
              onClick={() => void Taro.navigateTo({ url: '/pages/verify/index' })}
            >
              去实名认证
            </Button>
          </View>
        );
      case 'not-found':
        return (
          <Notice kind="error" testId="book-not-found">
            {gate.message}
          </Notice>
        );
      case 'failed':
        return (
          <View>
            <Notice kind="error" testId="book-load-error">
              {gate.message}
            </Notice>
            <Button className="btn btn-primary" data-testid="book-retry" onClick={() => void load()}>
              重新加载
            </Button>
          </View>
        );
      case 'done':
        return renderDone(gate.appointment);
      case 'ready':
        return renderChoices(gate.item, gate.halls);
    }
  }

  function renderChoices(item: ServiceItem, halls: HallView[]) {
    const hall = halls.find((h) => h.id === hallId);
    const days = schedule.kind === 'loaded' ? schedule.days : [];
    const day = days.find((d) => d.date === date);
    const slot = day?.slots.find((s) => s.time === time);
    return (
      <View>
        <View className="card">
          <View className="appt-label">办理事项</View>
          <View className="appt-item-name" data-testid="book-item-name">
            {item.name}
          </View>
          {applicationId && (
            <View className="text-secondary" data-testid="book-application">
              关联办件：{linkedCase ?? '加载中…'}
            </View>
          )}
          <View className="text-secondary appt-hint" data-testid="book-rules">
            可预约今天起 {APPOINTMENT_RULES.horizonWorkingDays} 个工作日内的时段，开始前{' '}
            {APPOINTMENT_RULES.bookingLeadMinutes} 分钟停止预约；每人最多同时保留{' '}
            {APPOINTMENT_RULES.maxActivePerCitizen} 个待办理的预约。
          </View>
        </View>

        <View className="card" data-testid="book-halls" data-count={halls.length}>
          <View className="appt-card-title">1. 选择办事大厅</View>
          {halls.length === 0 && (
            <Notice kind="info" testId="book-no-hall">
              暂无可预约办理该事项的大厅，请直接到窗口办理，或拨打 12345 咨询。
            </Notice>
          )}
          {halls.map((h) => {
            const selected = h.id === hallId;
            return (
              <View
                key={h.id}
                className={`appt-hall${selected ? ' appt-hall-selected' : ''}`}
                data-testid={`book-hall-${h.id}`}
                data-selected={selected ? 'true' : 'false'}
                role="radio"
                aria-checked={selected}
                onClick={() => selectHall(h.id)}
              >
                <View className="appt-hall-name">{h.name}</View>
                <View className="appt-hall-address">{h.address}</View>
              </View>
            );
          })}
        </View>

        {hall && (
          <View className="card" data-testid="book-schedule">
            <View className="appt-card-title">2. 选择日期和时段</View>
            {renderSchedule(days)}
            {problem && (
              <View>
                <Notice kind="error" testId="book-error">
                  <View data-code={problem.code}>{problem.message}</View>
                </Notice>
                {SEE_MINE_ON.includes(problem.code) && (
                  <Button
                    className="btn btn-secondary"
                    data-testid="book-see-mine"
                    onClick={() => void Taro.navigateTo({ url: `/${APPOINTMENTS_PAGE}` })}
                  >
                    查看我的预约
                  </Button>
                )}
              </View>
            )}
            {day && renderSlots(day)}
          </View>
        )}

        {confirming && hall && day && slot && (
          <View className="appt-dialog-mask">
            <View className="appt-dialog" data-testid="book-confirm-dialog" role="dialog" aria-modal="true">
              <View className="appt-dialog-title">请确认预约信息</View>
              <Line label="办理事项" testId="book-confirm-item">
                {item.name}
              </Line>
              <Line label="办事大厅" testId="book-confirm-hall">
                {hall.name}
                <View className="appt-sub">{hall.address}</View>
              </Line>
              <Line label="日期" testId="book-confirm-date">
                {longDate(day.date)}
              </Line>
              <Line label="时段" testId="book-confirm-time">
                {slot.time} 起
              </Line>
              <View className="text-secondary appt-hint">请携带本人居民身份证原件按时到窗口办理。</View>
              <Button
                className="btn btn-primary"
                data-testid="book-confirm"
                disabled={booking}
                onClick={() => void onConfirm()}
              >
                {booking ? '正在预约…' : '确认预约'}
              </Button>
              <Button
                className="btn btn-secondary"
                data-testid="book-confirm-back"
                disabled={booking}
                onClick={() => setConfirming(false)}
              >
                返回修改
              </Button>
            </View>
          </View>
        )}
      </View>
    );
  }

  function renderSchedule(days: HallDayView[]) {
    if (schedule.kind === 'loading' || schedule.kind === 'idle') {
      return (
        <View className="text-secondary" data-testid="book-slots-loading">
          正在查询可预约时段…
        </View>
      );
    }
    if (schedule.kind === 'failed') {
      return (
        <View>
          <Notice kind="error" testId="book-slots-error">
            {schedule.message}
          </Notice>
          <Button
            className="btn btn-secondary"
            data-testid="book-slots-retry"
            onClick={() => hallId && void loadSchedule(hallId, date)}
          >
            重新查询
          </Button>
        </View>
      );
    }
    if (!days.some(hasBookable)) {
      return (
        <Notice kind="info" testId="book-no-slot">
          近期各时段均已约满或不可预约，请换一个大厅或稍后再查看（有人取消后会空出名额）。
        </Notice>
      );
    }
    const today = chinaToday();
    return (
      <View className="appt-dates" data-testid="book-dates" data-count={days.length}>
        {days.map((d) => {
          const selected = d.date === date;
          const open = hasBookable(d);
          return (
            <View
              key={d.date}
              className={`appt-date${selected ? ' appt-date-selected' : ''}${open ? '' : ' appt-date-closed'}`}
              data-testid={`book-date-${d.date}`}
              data-selected={selected ? 'true' : 'false'}
              data-bookable={open ? 'true' : 'false'}
              role="tab"
              aria-selected={selected}
              onClick={() => {
                setDate(d.date);
                setTime(null);
              }}
            >
              <View>{shortDate(d.date)}</View>
              <View className="appt-date-weekday">
                {d.date === today ? '今天' : weekdayOf(d.date)}
                {open ? '' : ' · 无号'}
              </View>
            </View>
          );
        })}
      </View>
    );
  }

  function renderSlots(day: HallDayView) {
    return (
      <View data-testid="book-slots" data-date={day.date}>
        <View className="appt-label">{longDate(day.date)} 的时段</View>
        <View className="appt-slots">
          {day.slots.map((slot) => {
            const selected = slot.time === time;
            return (
              <View
                key={slot.time}
                className={`appt-slot${slot.bookable ? '' : ' appt-slot-closed'}${selected ? ' appt-slot-selected' : ''}`}
                data-testid={`book-slot-${slot.time}`}
                data-remaining={slot.remaining}
                data-capacity={slot.capacity}
                data-bookable={slot.bookable ? 'true' : 'false'}
                role="button"
                aria-disabled={!slot.bookable}
                onClick={() => {
                  if (!slot.bookable) return;
                  setProblem(null);
                  setTime(slot.time);
                  setConfirming(true);
                }}
              >
                <View className="appt-slot-time">{slot.time}</View>
                <View className="appt-slot-left">{slotLabel(slot)}</View>
              </View>
            );
          })}
        </View>
      </View>
    );
  }

  function renderDone(appointment: AppointmentView) {
    return (
      <View data-testid="book-done">
        <Notice kind="success" testId="book-success">
          预约成功
        </Notice>
        <View className="card appt-number-card">
          <View className="appt-label">预约号</View>
          <View className="appt-number" data-testid="book-number">
            {appointment.id}
          </View>
          <View className="text-secondary">到窗口时出示预约号即可</View>
        </View>
        <View className="card">
          <Line label="办理事项" testId="book-done-item">
            {appointment.itemName}
          </Line>
          <Line label="办事大厅" testId="book-done-hall">
            {appointment.hallName}
            <View className="appt-sub">{appointment.hallAddress}</View>
          </Line>
          <Line label="时间" testId="book-done-when">
            {longDate(appointment.date)} {appointment.time}
          </Line>
        </View>
        <Notice kind="info" testId="book-bring-id">
          请携带本人居民身份证原件，按预约时间到窗口办理。不能前往的，请在开始前到“我的预约”中取消；近{' '}
          {APPOINTMENT_RULES.noShowWindowDays} 天内爽约 {APPOINTMENT_RULES.noShowLimit} 次将暂停网上预约。
        </Notice>
        <Button
          className="btn btn-primary"
          data-testid="book-go-mine"
          onClick={() => void Taro.redirectTo({ url: `/${APPOINTMENTS_PAGE}` })}
        >
          查看我的预约
        </Button>
      </View>
    );
  }
}
