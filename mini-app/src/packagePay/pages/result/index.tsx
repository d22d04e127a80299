import { Button, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Notice } from '../../../components/Notice';
import { readReturnParam } from '../../../platform/return-params';
import { type ClientPayResult, fetchPayment, payFor } from '../../../services/payments';
import { isApiError, userMessageOf } from '../../../services/request';
import { clearSession, isLoggedIn } from '../../../services/session';
import { PAYMENT_STATUS_LABEL, type PaymentStatus, type PaymentView } from '../../../shared';
import { formatDateTime, formatYuan } from '../../../utils/format';
import { casePage, goHome, goToLogin, payResultPage, TRAFFIC_PAGE } from '../../../utils/navigation';
import '../../pay.css';

/** How often to ask the server, and when to ask it to query WeChat Pay itself (`?refresh=1`). */
const POLL_INTERVAL_MS = 1500;
const REFRESH_AFTER_MS = 5000;
/** After this long without a final status, stop and let the citizen refresh by hand. */
const GIVE_UP_AFTER_MS = 60_000;

type Phase =
  | { kind: 'waiting' }
  | { kind: 'success'; payment: PaymentView }
  | { kind: 'cancelled'; payment: PaymentView }
  | { kind: 'not-completed'; payment: PaymentView; reason: 'closed' | 'failed' | 'client'; message?: string }
  | { kind: 'flagged'; payment: PaymentView }
  | { kind: 'refund'; payment: PaymentView }
  | { kind: 'unknown'; payment?: PaymentView; message?: string }
  | { kind: 'need-login'; message?: string }
  | { kind: 'not-found'; message: string };

/** Statuses the payment can still leave by being paid (the server has not settled it). */
const OPEN_STATUSES: readonly PaymentStatus[] = ['created', 'prepay_requested', 'awaiting_payment'];
const REFUND_STATUSES: readonly PaymentStatus[] = ['refund_requested', 'refunded', 'refund_failed'];

/**
 * The settled outcome for a status, or null while the payment is still open. The cashier's
 * answer (`payResult`) only decides what to say about an open payment; it never makes one paid.
 */
function settle(payment: PaymentView, hint: ClientPayResult | undefined, hintMessage?: string): Phase | null {
  const { status } = payment;
  if (status === 'paid') return { kind: 'success', payment };
  if (REFUND_STATUSES.includes(status)) return { kind: 'refund', payment };
  if (status === 'flagged') return { kind: 'flagged', payment };
  if (status === 'closed' || status === 'failed') return { kind: 'not-completed', payment, reason: status };
  if (OPEN_STATUSES.includes(status)) {
    if (hint === 'cancel') return { kind: 'cancelled', payment };
    if (hint === 'fail') return { kind: 'not-completed', payment, reason: 'client', message: hintMessage };
  }
  return null;
}

/** Where the payment was started: 我的车辆与违法 for a fine, the case page for an application fee. */
function originOf(payment: PaymentView): { page: string; label: string } {
  return payment.purpose === 'violation'
    ? { page: TRAFFIC_PAGE, label: '返回我的车辆与违法' }
    : { page: casePage(payment.subjectId), label: '返回办件详情' };
}

/**
 * 支付结果: shown after the WeChat cashier closes (paid or cancelled), and where the h5
 * stand-in returns to. Asks the server until the payment is settled; only the server's
 * `paid` shows 支付成功.
 */
export default function PayResultPage() {
  const { params } = useRouter();
  const [outTradeNo] = useState(() => readReturnParam(params, 'outTradeNo') ?? '');
  const [hint] = useState(() => {
    const value = readReturnParam(params, 'payResult');
    return value === 'ok' || value === 'cancel' || value === 'fail' ? (value as ClientPayResult) : undefined;
  });
  const [hintMessage] = useState(() => readReturnParam(params, 'payError'));
  const [phase, setPhase] = useState<Phase>({ kind: 'waiting' });
  const [payment, setPayment] = useState<PaymentView | null>(null);
  /** Bumped to start asking again (刷新). */
  const [round, setRound] = useState(0);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState('');

  // biome-ignore lint/correctness/useExhaustiveDependencies: polls once per round; the hint belongs to the page load
  useEffect(() => {
    if (!outTradeNo) {
      setPhase({ kind: 'not-found', message: '没有找到该支付订单' });
      return;
    }
    if (!isLoggedIn()) {
      setPhase({ kind: 'need-login' });
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const startedAt = Date.now();
    let lastError = '';
    setPhase({ kind: 'waiting' });

    const tick = async () => {
      const elapsed = Date.now() - startedAt;
      try {
        const latest = await fetchPayment(outTradeNo, elapsed >= REFRESH_AFTER_MS);
        if (stopped) return;
        setPayment(latest);
        lastError = '';
        const settled = settle(latest, hint, hintMessage);
        if (settled) {
          setPhase(settled);
          return;
        }
      } catch (error) {
        if (stopped) return;
        if (isApiError(error) && error.status === 401) {
          clearSession();
          setPhase({ kind: 'need-login', message: error.message });
          return;
        }
        if (isApiError(error) && error.status === 404) {
          setPhase({ kind: 'not-found', message: error.message });
          return;
        }
        // Anything else (network, 5xx): keep asking; the money may well have arrived.
        lastError = userMessageOf(error);
      }
      if (Date.now() - startedAt >= GIVE_UP_AFTER_MS) {
        setPhase((current) => ({
          kind: 'unknown',
          payment: 'payment' in current ? current.payment : undefined,
          message: lastError || undefined,
        }));
        return;
      }
      timer = setTimeout(() => void tick(), POLL_INTERVAL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [outTradeNo, round]);

  /** 重新支付: the same create-payment route again, which returns the same open order. */
  const onRetry = async () => {
    if (!payment || retrying) return;
    setRetrying(true);
    setRetryError('');
    try {
      await payFor(payment.purpose, payment.subjectId, true);
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setPhase({ kind: 'need-login', message: error.message });
      } else {
        setRetryError(userMessageOf(error));
        // 409 (already paid, or no longer payable): show what the server says now.
        if (isApiError(error) && error.status === 409) setRound((n) => n + 1);
      }
    } finally {
      setRetrying(false);
    }
  };

  const goBack = () => {
    if (!payment) {
      if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
      else goHome();
      return;
    }
    const target = originOf(payment).page;
    const [path, query] = target.split('?');
    const pages = Taro.getCurrentPages();
    const below = pages[pages.length - 2] as (Taro.Page & { options?: Record<string, string> }) | undefined;
    const belowPath = below?.route?.replace(/^\//, '').split('?')[0];
    const sameSubject = !query || below?.options?.id === payment.subjectId;
    // Back to the page underneath if it is where the payment started (it reloads on show), else open it.
    if (below && belowPath === path && sameSubject) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/${target}` });
  };

  const shown = 'payment' in phase && phase.payment ? phase.payment : payment;

  return (
    <View className="page pay" data-testid="pay-page" data-state={phase.kind} data-status={shown?.status ?? ''}>
      <View className="page-title">支付结果</View>
      {renderPhase()}
      {shown && renderSummary(shown)}
      {retryError && (
        <Notice kind="error" testId="pay-retry-error">
          {retryError}
        </Notice>
      )}
      <Button className="btn btn-secondary" data-testid="pay-back" onClick={goBack}>
        {shown ? originOf(shown).label : '返回'}
      </Button>
    </View>
  );

  function renderRetry() {
    if (!payment) return null;
    return (
      <Button className="btn btn-primary" data-testid="pay-retry" disabled={retrying} onClick={() => void onRetry()}>
        {retrying ? '正在打开微信支付…' : '重新支付'}
      </Button>
    );
  }

  function renderPhase() {
    switch (phase.kind) {
      case 'waiting':
        return (
          <View data-testid="pay-waiting">
            <View className="pay-status pay-status-waiting">正在确认支付结果…</View>
            <View className="text-secondary">
              请稍候，正在向微信支付核实本笔款项。支付结果以公安机关收到的微信支付通知为准，请勿重复支付。
            </View>
          </View>
        );
      case 'success':
        return (
          <View data-testid="pay-success">
            <View className="pay-status pay-status-success">支付成功</View>
            <View data-testid="pay-success-detail">
              已缴纳{phase.payment.description ? `「${phase.payment.description}」` : ''}
              {formatYuan(phase.payment.amountFen)}，公安机关已确认收到。
            </View>
          </View>
        );
      case 'cancelled':
        return (
          <View data-testid="pay-cancelled">
            <View className="pay-status pay-status-warn">您已取消支付</View>
            <View className="text-secondary">本笔款项尚未缴纳。如需缴纳，请点击“重新支付”。</View>
            {renderRetry()}
          </View>
        );
      case 'not-completed':
        return (
          <View data-testid="pay-not-completed" data-reason={phase.reason}>
            <View className="pay-status pay-status-warn">支付未完成</View>
            <View className="text-secondary">
              {phase.reason === 'closed'
                ? '该支付订单已关闭（超时未支付或已撤销），本笔款项未扣款。'
                : phase.reason === 'failed'
                  ? '微信支付下单未成功，本笔款项未扣款。'
                  : (phase.message ?? '微信支付未能完成。')}
              如需缴纳，请重新支付。
            </View>
            {renderRetry()}
          </View>
        );
      case 'flagged':
        return (
          <View data-testid="pay-flagged">
            <View className="pay-status pay-status-error">金额异常，请联系窗口</View>
            <View className="text-secondary">
              收到的支付金额与应缴金额不一致，已转人工核查。请勿重复支付，可携带支付凭证到窗口咨询，或拨打 12345。
            </View>
          </View>
        );
      case 'refund':
        return (
          <View data-testid="pay-refund" data-status={phase.payment.status}>
            <View className="pay-status pay-status-warn">
              {phase.payment.statusLabel || PAYMENT_STATUS_LABEL[phase.payment.status]}
            </View>
            <View className="text-secondary">本笔款项已支付，因办件未获办理等原因将原路退回。</View>
          </View>
        );
      case 'unknown':
        return (
          <View data-testid="pay-unknown">
            <View className="pay-status pay-status-warn">暂未确认支付结果</View>
            <View className="text-secondary">
              {phase.message ? `${phase.message}。` : ''}
              如您已完成支付，款项不会丢失，结果确认后将自动更新；请勿重复支付。可稍后点击“刷新”查看。
            </View>
            <Button className="btn btn-primary" data-testid="pay-refresh" onClick={() => setRound((n) => n + 1)}>
              刷新
            </Button>
          </View>
        );
      case 'need-login':
        return (
          <View data-testid="pay-need-login">
            <Notice kind="info" testId="pay-login-required">
              {phase.message ?? '请先登录后查看支付结果。'}
            </Notice>
            <Button
              className="btn btn-primary"
              data-testid="pay-login"
              onClick={() => goToLogin(payResultPage(outTradeNo))}
            >
              去登录
            </Button>
          </View>
        );
      case 'not-found':
        return (
          <Notice kind="error" testId="pay-not-found">
            {phase.message}
          </Notice>
        );
    }
  }
}

function renderSummary(payment: PaymentView) {
  return (
    <View className="card pay-summary" data-testid="pay-summary">
      <View className="pay-line">
        <View className="pay-line-label">缴纳事项</View>
        <View className="pay-line-value" data-testid="pay-description">
          {payment.description}
        </View>
      </View>
      <View className="pay-line">
        <View className="pay-line-label">金额</View>
        <View className="pay-line-value pay-amount" data-testid="pay-amount" data-amount-fen={payment.amountFen}>
          {formatYuan(payment.amountFen)}
        </View>
      </View>
      {payment.status === 'paid' && payment.paidAt && (
        <View className="pay-line">
          <View className="pay-line-label">支付时间</View>
          <View className="pay-line-value" data-testid="pay-paid-at">
            {formatDateTime(payment.paidAt)}
          </View>
        </View>
      )}
      {payment.refund && (
        <View className="pay-line">
          <View className="pay-line-label">退款</View>
          <View className="pay-line-value" data-testid="pay-refund-amount">
            {formatYuan(payment.refund.amountFen)}（{PAYMENT_STATUS_LABEL[payment.refund.status]}）
          </View>
        </View>
      )}
      <View className="pay-line">
        <View className="pay-line-label">订单号</View>
        <View className="pay-line-value pay-trade-no" data-testid="pay-out-trade-no">
          {payment.outTradeNo}
        </View>
      </View>
    </View>
  );
}
