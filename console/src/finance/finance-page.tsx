import { type FormEvent, useEffect, useState } from 'react';
import { userMessageOf } from '../api/client';
import { fetchFinanceQueue, resolveFinanceItem } from '../api/officer';
import type { Officer } from '../api/session';
import { type FinanceAction, type FinanceQueueEntry, FinanceResolveRequest } from '../shared';
import { ErrorNotice, Loading, PageHeading } from '../ui/common';
import { formatDateTime } from '../ui/format';

const ACTION_LABEL: Record<FinanceAction, string> = {
  finance_confirm_paid: '查单核实后确认收款',
  finance_refund: '原路退款',
  finance_refunded_offline: '登记线下退款',
};

const PURPOSE_LABEL: Record<FinanceQueueEntry['purpose'], string> = {
  violation: '交通违法罚款',
  application: '办件费用',
};

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/**
 * 财务: payments the automatic flow cannot settle — amounts that did not match their order
 * (flagged) and refunds WeChat Pay answered ABNORMAL. Finance officers resolve each with a
 * note; the server checks WeChat Pay before confirming and records who did what.
 */
export function FinancePage({ officer }: { officer: Officer }) {
  const [items, setItems] = useState<FinanceQueueEntry[]>();
  const [error, setError] = useState<string>();
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    setError(undefined);
    fetchFinanceQueue().then(
      (fetched) => current && setItems(fetched),
      (e: unknown) => current && setError(userMessageOf(e)),
    );
    return () => {
      current = false;
    };
  }, [reloads]);

  const resolved = (updated: FinanceQueueEntry) =>
    setItems((list) => list?.map((item) => (item.outTradeNo === updated.outTradeNo ? updated : item)));

  return (
    <div data-testid="finance-page">
      <div className="page-header">
        <PageHeading testId="page-title">财务核查</PageHeading>
        <p className="page-subtitle">
          金额与订单不符的支付、微信支付答复“退款异常”的退款，须由财务人员逐笔核实处理。
          {officer.role !== 'finance' && '处理由财务岗位进行。'}
        </p>
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="button button-secondary"
          data-testid="finance-refresh"
          onClick={() => setReloads((n) => n + 1)}
        >
          刷新
        </button>
      </div>
      {error && <ErrorNotice testId="finance-error" message={error} onRetry={() => setReloads((n) => n + 1)} />}
      {!items && !error && <Loading testId="finance-loading" />}
      {items?.length === 0 && (
        <p className="card empty" data-testid="finance-empty">
          暂无待核查的款项
        </p>
      )}
      <ul className="followup-list">
        {items?.map((item) => (
          <FinanceCard key={item.outTradeNo} item={item} onResolved={resolved} />
        ))}
      </ul>
    </div>
  );
}

function FinanceCard({ item, onResolved }: { item: FinanceQueueEntry; onResolved: (item: FinanceQueueEntry) => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState<FinanceAction>();
  const fieldId = `finance-note-${item.outTradeNo}`;
  const errorId = `finance-error-${item.outTradeNo}`;

  async function submit(event: FormEvent, action: FinanceAction) {
    event.preventDefault();
    if (busy) return;
    const parsed = FinanceResolveRequest.safeParse({ action, expectedVersion: item.version, note });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('；'));
      return;
    }
    setBusy(action);
    setError(undefined);
    try {
      onResolved(await resolveFinanceItem(item.outTradeNo, parsed.data));
    } catch (e) {
      setError(userMessageOf(e));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <li className="card followup" data-testid={`finance-row-${item.outTradeNo}`} data-status={item.status}>
      <div className="card-header">
        <h2>
          {PURPOSE_LABEL[item.purpose]}：{item.description}
        </h2>
        <span className="badge badge-warning" data-testid="finance-status">
          {item.statusLabel}
        </span>
      </div>
      <dl className="facts">
        <div className="fact">
          <dt>商户订单号</dt>
          <dd>
            <code>{item.outTradeNo}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>订单金额</dt>
          <dd>{yuan(item.amountFen)}</dd>
        </div>
        {item.receivedFen !== undefined && item.receivedFen !== item.amountFen && (
          <div className="fact">
            <dt>微信支付到账</dt>
            <dd>{yuan(item.receivedFen)}</dd>
          </div>
        )}
        <div className="fact">
          <dt>原因</dt>
          <dd data-testid="finance-reason">{item.reason ?? '—'}</dd>
        </div>
        <div className="fact">
          <dt>更新时间</dt>
          <dd>{formatDateTime(item.updatedAt)}</dd>
        </div>
      </dl>
      <details>
        <summary>处理记录（{item.history.length}）</summary>
        <ol data-testid="finance-history">
          {item.history.map((h) => (
            <li key={`${h.at}-${h.event}`}>
              {formatDateTime(h.at)} {h.event}（{h.from} → {h.to}）{h.actor ? ` · ${h.actor}` : ''}
              {h.note ? ` · ${h.note}` : ''}
            </li>
          ))}
        </ol>
      </details>
      {item.allowedActions.length > 0 && (
        <form className="followup-form" onSubmit={(e) => e.preventDefault()} noValidate>
          <label htmlFor={fieldId}>核查或处理情况（如查单结果、线下退款凭证号）</label>
          <textarea
            id={fieldId}
            data-testid="finance-note"
            rows={2}
            maxLength={200}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p id={errorId} className="notice notice-error" role="alert" data-testid="finance-action-error">
              {error}
            </p>
          )}
          <div className="toolbar">
            {item.allowedActions.map((action) => (
              <button
                key={action}
                type="button"
                className="button button-primary"
                data-testid={`finance-${action}`}
                disabled={Boolean(busy)}
                onClick={(e) => submit(e, action)}
              >
                {busy === action ? '正在提交…' : ACTION_LABEL[action]}
              </button>
            ))}
          </div>
        </form>
      )}
    </li>
  );
}
