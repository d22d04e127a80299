import { type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import {
  beijingTime,
  encryptResource,
  epochSeconds,
  headerNonce,
  PROBE_PREFIX,
  responseMessage,
  rsaSign,
  strangerPrivateKey,
} from './crypto';
import type {
  AttemptVariant,
  NotificationAttempt,
  NotificationDelivery,
  PayStandInState,
  PendingMisbehaviour,
} from './state';

/**
 * Sends WeChat Pay's result notifications: a POST of the encrypted resource, signed with the
 * active platform identity, answered 2xx within the time limit = delivered; anything else is
 * retried on the schedule, then given up. Every attempt is recorded in the state.
 */
export interface Signer {
  serial: string;
  privateKey: KeyObject;
}

export interface NotificationInput {
  eventType: NotificationAttempt['eventType'];
  summary: string;
  originalType: 'transaction' | 'refund';
  url: string;
  outTradeNo: string;
  outRefundNo?: string;
  /** The resource plaintext; `amountDelta` shifts amount.total (tampered-amount). */
  plaintext: (amountDelta: number) => Record<string, unknown>;
}

interface Prepared {
  id: string;
  input: NotificationInput;
  body: string;
  tampered: boolean;
}

/** How old a stale-timestamp notification claims to be. */
const STALE_SECONDS = 600;
const DEFECTS = ['forged-signature', 'probe-signature', 'stale-timestamp'] as const;

export class Notifier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<AbortController>();
  private readonly last = new Map<string, Prepared>();
  private stopped = false;

  constructor(
    private readonly state: PayStandInState,
    private readonly options: {
      apiV3Key: string;
      retryDelaysMs: number[];
      timeoutMs: number;
      signer: () => Signer;
    },
  ) {}

  /** Sends a notification (asynchronously), applying whatever misbehaviour is pending for it. */
  notify(input: NotificationInput): void {
    const { outTradeNo } = input;
    const tampered = Boolean(this.state.take('tampered-amount', outTradeNo));
    const prepared = this.prepare(input, tampered);
    this.last.set(outTradeNo, prepared);
    if (this.state.take('drop-notifications', outTradeNo)) {
      this.newDelivery(prepared, 1).state = 'dropped';
      return;
    }
    const copies = this.state.take('duplicate-notifications', outTradeNo)?.count ?? 1;
    let defect: PendingMisbehaviour | undefined;
    for (const mode of DEFECTS) {
      defect ??= this.state.take(mode, outTradeNo);
    }
    const variant: AttemptVariant = (defect?.mode as AttemptVariant | undefined) ?? 'genuine';
    // Copies go out at once (concurrently), each with its own retries.
    for (let copy = 1; copy <= copies; copy++) {
      void this.attempt(prepared, this.newDelivery(prepared, copy), 1, variant, {
        retry: true,
        defectOnRetries: defect?.allAttempts ?? false,
      });
    }
  }

  /** Sends the order's last notification once more, one attempt, genuinely signed. */
  async resend(outTradeNo: string): Promise<NotificationAttempt | undefined> {
    const prepared = this.last.get(outTradeNo);
    if (!prepared) return undefined;
    return this.attempt(prepared, this.newDelivery(prepared, 1), 1, 'resend', {
      retry: false,
      defectOnRetries: false,
    });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.inFlight) c.abort();
  }

  private prepare(input: NotificationInput, tampered: boolean): Prepared {
    const id = randomUUID();
    const resource = encryptResource(
      JSON.stringify(input.plaintext(tampered ? 1 : 0)),
      this.options.apiV3Key,
      input.originalType,
      input.originalType,
    );
    const body = JSON.stringify({
      id,
      create_time: beijingTime(),
      resource_type: 'encrypt-resource',
      event_type: input.eventType,
      summary: input.summary,
      resource,
    });
    return { id, input, body, tampered };
  }

  private newDelivery(p: Prepared, copy: number): NotificationDelivery {
    const delivery: NotificationDelivery = {
      notificationId: p.id,
      copy,
      eventType: p.input.eventType,
      outTradeNo: p.input.outTradeNo,
      ...(p.input.outRefundNo ? { outRefundNo: p.input.outRefundNo } : {}),
      state: 'pending',
      attempts: 0,
    };
    this.state.deliveries.push(delivery);
    return delivery;
  }

  private headers(body: string, variant: AttemptVariant): Record<string, string> {
    const signer = this.options.signer();
    const timestamp = String(epochSeconds() - (variant === 'stale-timestamp' ? STALE_SECONDS : 0));
    const nonce = headerNonce();
    const message = responseMessage(timestamp, nonce, body);
    const signature =
      variant === 'probe-signature'
        ? `${PROBE_PREFIX}${randomBytes(192).toString('base64')}`
        : rsaSign(message, variant === 'forged-signature' ? strangerPrivateKey() : signer.privateKey);
    return {
      'content-type': 'application/json',
      'user-agent': 'Mozilla/4.0',
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Signature': signature,
      'Wechatpay-Serial': signer.serial,
      'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
    };
  }

  private async attempt(
    p: Prepared,
    delivery: NotificationDelivery,
    attemptNo: number,
    variant: AttemptVariant,
    plan: { retry: boolean; defectOnRetries: boolean },
  ): Promise<NotificationAttempt | undefined> {
    if (this.stopped) return undefined;
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const started = performance.now();
    const sentAt = new Date().toISOString();
    let status: number | null = null;
    let error: NotificationAttempt['error'];
    try {
      const res = await fetch(p.input.url, {
        method: 'POST',
        headers: this.headers(p.body, variant),
        body: p.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      error = controller.signal.aborted ? 'timeout' : 'network';
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    if (this.stopped) return undefined;
    const delivered = status !== null && status >= 200 && status < 300;
    const record: NotificationAttempt = {
      notificationId: p.id,
      eventType: p.input.eventType,
      outTradeNo: p.input.outTradeNo,
      ...(p.input.outRefundNo ? { outRefundNo: p.input.outRefundNo } : {}),
      copy: delivery.copy,
      attempt: attemptNo,
      variant,
      tampered: p.tampered,
      status,
      ...(error ? { error } : {}),
      durationMs: Math.round(performance.now() - started),
      sentAt,
      delivered,
    };
    this.state.attempts.push(record);
    delivery.attempts++;
    const delay = this.options.retryDelaysMs[attemptNo - 1];
    if (delivered) delivery.state = 'delivered';
    else if (!plan.retry || delay === undefined) delivery.state = 'gave-up';
    else {
      const next = plan.defectOnRetries ? variant : 'genuine';
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.attempt(p, delivery, attemptNo + 1, next, plan);
      }, delay);
      this.timers.add(t);
    }
    return record;
  }
}
