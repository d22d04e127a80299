import { Button, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { Notice } from '../../../components/Notice';
import {
  fetchApplication,
  rateApplication,
  supplyMaterials,
  withdrawApplication,
} from '../../../services/applications';
import { fetchServiceItem } from '../../../services/catalogue';
import { applicationFeeOf, PAID_STATUSES, payFor } from '../../../services/payments';
import { isApiError, userMessageOf } from '../../../services/request';
import { clearSession, isLoggedIn } from '../../../services/session';
import {
  APPLICATION_STATUS_LABEL,
  type ApplicationView,
  caseNumberLabel,
  DELIVERY_METHOD_LABEL,
  type FieldValue,
  type FormField,
  hallsFor,
  LICENCE_LABEL,
  type Material,
  type MaterialRef,
  PAYMENT_STATUS_LABEL,
  type PaymentStatus,
  type ServiceItem,
  type TimelineEntry,
} from '../../../shared';
import { formatDate, formatDateTime, formatYuan } from '../../../utils/format';
import { applyPage, bookAppointmentPage, casePage, goToLogin, LIST_PAGE } from '../../../utils/navigation';
import { FilePicker } from '../../components/FilePicker';
import { heldLicences, preferredLicence, rowLabel, usesLicence } from '../../form/model';
import { checkFile, type PickedFile, uploadMaterial } from '../../services/upload';
import '../../apply.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'need-login'; message?: string }
  | { kind: 'failed'; message: string; notFound: boolean }
  | { kind: 'ready'; view: ApplicationView; item: ServiceItem | null };

interface PageNotice {
  kind: 'error' | 'info' | 'success';
  testId: string;
  text: string;
}

/** 好差评: five levels, 非常满意 = 5 … 非常不满意 = 1. */
const RATING_LEVELS = [
  { score: 5, label: '非常满意' },
  { score: 4, label: '满意' },
  { score: 3, label: '基本满意' },
  { score: 2, label: '不满意' },
  { score: 1, label: '非常不满意' },
] as const;

const ratingLabel = (score: number) => RATING_LEVELS.find((level) => level.score === score)?.label ?? `${score} 分`;

const ACTOR_LABEL: Record<TimelineEntry['actor'], string> = {
  citizen: '申请人',
  officer: '公安机关',
  system: '系统',
};

const OUTCOME_LABEL = { approved: '准予办理', refused: '不予许可', not_accepted: '不予受理' } as const;

/** 缴费状态 as the citizen reads it. */
const FEE_STATUS_LABEL: Partial<Record<PaymentStatus, string>> = {
  created: '待缴费',
  prepay_requested: '待缴费',
  awaiting_payment: '待缴费',
  paid: '已缴费',
  closed: '未缴费',
  failed: '未缴费',
  flagged: '金额异常，请联系窗口',
  refund_requested: '退款中',
  refund_failed: '退款中',
  refunded: '已退款',
};

/** One material the officer asked for, matched to the item's materials where possible. */
interface SupplementNeed {
  label: string;
  material?: Material;
  materialKey: string;
}

/**
 * The officer lists missing materials by name (or key); an entry that names no material of
 * the item is supplied under the item's first uploadable material.
 */
function resolveNeeds(missing: readonly string[], item: ServiceItem | null): SupplementNeed[] {
  const materials = item?.materials ?? [];
  const fallbackKey = materials.find((m) => m.uploadable)?.key ?? 'supplement';
  return missing.map((entry) => {
    const material =
      materials.find((m) => m.key === entry || m.name === entry) ??
      materials.find((m) => entry.includes(m.name) || m.name.includes(entry));
    return {
      label: material && material.key === entry ? material.name : entry,
      material,
      materialKey: material?.key ?? fallbackKey,
    };
  });
}

/** 办件详情: status, deadline, timeline, decision, 补正, 撤回 and 好差评. */
export default function CasePage() {
  const { params } = useRouter();
  const id = params.id ? decodeURIComponent(params.id) : '';
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [notice, setNotice] = useState<PageNotice | null>(null);
  const [busy, setBusy] = useState(false);
  // Withdraw
  const [confirming, setConfirming] = useState(false);
  const [withdrawReason, setWithdrawReason] = useState('');
  // Supplement
  const [supplied, setSupplied] = useState<Record<number, MaterialRef | undefined>>({});
  const [supplyUploading, setSupplyUploading] = useState<Record<number, boolean>>({});
  const [supplyErrors, setSupplyErrors] = useState<Record<number, string>>({});
  const [supplyNote, setSupplyNote] = useState('');
  // Rating
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [ratingError, setRatingError] = useState('');
  // Fee
  const [paying, setPaying] = useState(false);
  const itemRef = useRef<ServiceItem | null>(null);

  const load = async (): Promise<ApplicationView | null> => {
    if (!id) {
      setPhase({ kind: 'failed', message: '没有找到该办件', notFound: true });
      return null;
    }
    if (!isLoggedIn()) {
      setPhase({ kind: 'need-login' });
      return null;
    }
    try {
      const view = await fetchApplication(id);
      let item = itemRef.current?.code === view.itemCode ? itemRef.current : null;
      if (!item) {
        // The case is shown even if the guide cannot be fetched (only labels come from it).
        item = await fetchServiceItem(view.itemCode).catch(() => null);
        itemRef.current = item;
      }
      setPhase({ kind: 'ready', view, item });
      return view;
    } catch (error) {
      if (isApiError(error) && error.status === 401) {
        clearSession();
        setPhase({ kind: 'need-login', message: error.message });
      } else {
        setPhase({
          kind: 'failed',
          message: userMessageOf(error),
          notFound: isApiError(error) && error.status === 404,
        });
      }
      return null;
    }
  };

  useDidShow(() => {
    void load();
  });

  /** 409: someone (an officer) changed the case first; show the latest and say so. */
  const handleError = async (error: unknown, testId = 'case-error') => {
    if (isApiError(error) && ['VERSION_CONFLICT', 'ACTION_NOT_ALLOWED', 'RATING_ALREADY_GIVEN'].includes(error.code)) {
      await load();
      const what =
        error.code === 'VERSION_CONFLICT'
          ? '该办件刚刚有了新进展（例如窗口已处理）'
          : error.message.replace(/[。.]$/, '');
      setNotice({ kind: 'info', testId: 'case-conflict', text: `${what}，已为您刷新为最新状态，请查看后再操作。` });
      return;
    }
    if (isApiError(error) && error.status === 401) {
      clearSession();
      setPhase({ kind: 'need-login', message: error.message });
      return;
    }
    setNotice({ kind: 'error', testId, text: userMessageOf(error) });
  };

  const apply = (view: ApplicationView, message: PageNotice) => {
    setPhase((current) => (current.kind === 'ready' ? { ...current, view } : current));
    setNotice(message);
  };

  if (phase.kind !== 'ready') {
    return (
      <View className="page">
        <View className="page-title">办件详情</View>
        {phase.kind === 'loading' && (
          <View className="text-secondary" data-testid="case-loading">
            正在加载…
          </View>
        )}
        {phase.kind === 'need-login' && (
          <View data-testid="case-need-login">
            <Notice kind="info" testId="case-login-required">
              {phase.message ?? '请先登录。'}
            </Notice>
            <Button className="btn btn-primary" data-testid="case-login" onClick={() => goToLogin(casePage(id))}>
              去登录
            </Button>
          </View>
        )}
        {phase.kind === 'failed' && (
          <View>
            <Notice kind="error" testId={phase.notFound ? 'case-not-found' : 'case-load-error'}>
              {phase.message}
            </Notice>
            {!phase.notFound && (
              <Button className="btn btn-primary" data-testid="case-retry" onClick={() => void load()}>
                重新加载
              </Button>
            )}
          </View>
        )}
        {phase.kind !== 'loading' && renderGoList()}
      </View>
    );
  }

  const { view, item } = phase;
  const needs =
    view.status === 'supplement_requested' && view.supplement
      ? resolveNeeds(view.supplement.missingMaterials, item)
      : [];

  const uploadingAny = Object.values(supplyUploading).some(Boolean);

  const onWithdraw = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const updated = await withdrawApplication(id, view.version, withdrawReason.trim() || undefined);
      setConfirming(false);
      setWithdrawReason('');
      apply(updated, { kind: 'success', testId: 'case-withdrawn', text: '申请已撤回。' });
    } catch (error) {
      setConfirming(false);
      await handleError(error);
    } finally {
      setBusy(false);
    }
  };

  const onSupplyPicked = async (index: number, need: SupplementNeed, file: PickedFile) => {
    const problem = checkFile(file);
    if (problem) {
      setSupplyErrors((current) => ({ ...current, [index]: problem }));
      return;
    }
    setSupplyErrors(({ [index]: _removed, ...rest }) => rest);
    setSupplyUploading((current) => ({ ...current, [index]: true }));
    try {
      const ref = await uploadMaterial(id, need.materialKey, file);
      setSupplied((current) => ({ ...current, [index]: ref }));
    } catch (error) {
      setSupplyErrors((current) => ({ ...current, [index]: userMessageOf(error) }));
    } finally {
      setSupplyUploading((current) => ({ ...current, [index]: false }));
    }
  };

  /** A need the police can meet from an e-licence is referenced, never asked for as an upload. */
  const licenceRef = (need: SupplementNeed): MaterialRef | undefined => {
    const licence =
      need.material && usesLicence(need.material)
        ? preferredLicence(need.material, heldLicences(Boolean(view.organisation)))
        : undefined;
    return licence ? { materialKey: need.materialKey, kind: 'licence', licenceType: licence } : undefined;
  };

  const onSupply = async () => {
    if (busy || uploadingAny) return;
    const errors: Record<number, string> = {};
    const refs: MaterialRef[] = [];
    needs.forEach((need, index) => {
      const ref = supplied[index] ?? licenceRef(need);
      if (ref) refs.push(ref);
      else errors[index] = `请上传${need.label}`;
    });
    setSupplyErrors(errors);
    if (Object.keys(errors).length > 0 || refs.length === 0) {
      setNotice({ kind: 'error', testId: 'case-error', text: '请为每一项需补正的材料上传文件后再提交。' });
      return;
    }
    setBusy(true);
    try {
      const note = supplyNote.trim();
      const updated = await supplyMaterials(id, {
        expectedVersion: view.version,
        materials: refs,
        ...(note ? { note } : {}),
      });
      setSupplied({});
      setSupplyNote('');
      apply(updated, { kind: 'success', testId: 'case-supplied', text: '补正材料已提交，请等待窗口审核。' });
    } catch (error) {
      await handleError(error);
    } finally {
      setBusy(false);
    }
  };

  const onRate = async () => {
    if (busy) return;
    if (score === null) {
      setRatingError('请选择一个评价等级');
      return;
    }
    setRatingError('');
    setBusy(true);
    try {
      const text = comment.trim();
      const updated = await rateApplication(id, { score, ...(text ? { comment: text } : {}) });
      apply(updated, { kind: 'success', testId: 'case-rated', text: '感谢您的评价！' });
    } catch (error) {
      await handleError(error);
    } finally {
      setBusy(false);
    }
  };

  /** 缴纳费用: creates (or reopens) the fee order, opens the cashier, then the waiting page. */
  const onPay = async () => {
    if (paying) return;
    setNotice(null);
    setPaying(true);
    try {
      await payFor('application', id);
    } catch (error) {
      if (isApiError(error) && error.status === 409) {
        // Already paid, or no fee due in the current status: show the latest.
        await load();
        setNotice({ kind: 'info', testId: 'case-pay-error', text: error.message });
      } else if (isApiError(error) && error.status === 401) {
        clearSession();
        setPhase({ kind: 'need-login', message: error.message });
      } else {
        setNotice({ kind: 'error', testId: 'case-pay-error', text: userMessageOf(error) });
      }
    } finally {
      setPaying(false);
    }
  };

  const timeline = [...view.timeline]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => Date.parse(a.entry.at) - Date.parse(b.entry.at) || a.index - b.index)
    .map(({ entry }) => entry);

  return (
    <View className="page case" data-testid="case-page" data-status={view.status} data-version={view.version}>
      <View className="page-title" data-testid="case-item-name">
        {view.itemName}
      </View>

      <View className="card">
        <View className="case-fact">
          <View className="case-fact-label">办理状态</View>
          <View
            className={`case-fact-value status status-${view.status}`}
            data-testid="case-status"
            data-status={view.status}
          >
            {view.statusLabel || APPLICATION_STATUS_LABEL[view.status]}
          </View>
        </View>
        {renderDue()}
        <View className="case-fact">
          <View className="case-fact-label">办件编号</View>
          <View className="case-fact-value case-id" data-testid="case-id" data-id={view.id}>
            {caseNumberLabel(view.caseNumber)}
          </View>
        </View>
        {view.organisation && (
          <View className="case-fact">
            <View className="case-fact-label">申请单位</View>
            <View
              className="case-fact-value"
              data-testid="case-organisation"
              data-credit-code={view.organisation.creditCode}
            >
              {view.organisation.name}（统一社会信用代码 {view.organisation.creditCode}）
            </View>
          </View>
        )}
        {view.submittedAt && (
          <View className="case-fact">
            <View className="case-fact-label">提交时间</View>
            <View className="case-fact-value" data-testid="case-submitted-at">
              {formatDateTime(view.submittedAt)}
            </View>
          </View>
        )}
      </View>

      {notice && (
        <Notice kind={notice.kind} testId={notice.testId}>
          {notice.text}
        </Notice>
      )}

      {renderFee()}

      {view.status === 'draft' && (
        <View className="card" data-testid="case-draft">
          <View>这是尚未提交的草稿。</View>
          <Button
            className="btn btn-primary"
            data-testid="case-continue"
            onClick={() => void Taro.redirectTo({ url: `/${applyPage(id)}` })}
          >
            继续填写
          </Button>
        </View>
      )}

      {view.decision && (
        <View
          className={`card case-decision case-decision-${view.decision.outcome}`}
          data-testid="case-decision"
          data-outcome={view.decision.outcome}
        >
          <View className="apply-section-title">
            办理结果：{OUTCOME_LABEL[view.decision.outcome]}
            {view.decision.automatic ? '（系统自动审批）' : ''}
          </View>
          {view.decision.reason && (
            <View data-testid="case-decision-reason">
              <View className="case-label">理由</View>
              <View>{view.decision.reason}</View>
            </View>
          )}
          {view.decision.legalBasis && (
            <View data-testid="case-decision-legal-basis">
              <View className="case-label">法律依据</View>
              <View>{view.decision.legalBasis}</View>
            </View>
          )}
          <View className="text-secondary">决定时间：{formatDateTime(view.decision.decidedAt)}</View>
          {view.decision.outcome !== 'approved' && (
            <View className="text-secondary case-remedy">
              如对结果有异议，可依法申请行政复议或者提起行政诉讼，也可拨打 12345 咨询。
            </View>
          )}
        </View>
      )}

      {view.status === 'approved' &&
        view.deliveryMethod === 'window' &&
        item &&
        hallsFor(item.department).length > 0 && (
          <View className="card" data-testid="case-pickup">
            <View className="apply-section-title">窗口领取</View>
            <View>办件已准予办理，请到窗口领取。可先预约时段，凭预约号到窗口领取，免排队取号。</View>
            <Button
              className="btn btn-primary"
              data-testid="case-appointment"
              onClick={() => void Taro.navigateTo({ url: `/${bookAppointmentPage(view.itemCode, view.id)}` })}
            >
              预约到窗口领取
            </Button>
          </View>
        )}

      {view.delivery && (
        <View className="card" data-testid="case-delivery">
          <View className="apply-section-title">送达</View>
          <View>
            {DELIVERY_METHOD_LABEL[view.delivery.method]}，{formatDateTime(view.delivery.deliveredAt)}
          </View>
          {view.delivery.trackingNumber && (
            <View data-testid="case-tracking-number">快递单号：{view.delivery.trackingNumber}</View>
          )}
        </View>
      )}

      {view.status === 'supplement_requested' && view.supplement && renderSupplement(view.supplement)}

      {view.status === 'completed' && renderRating()}

      <View className="card" data-testid="case-timeline" data-count={timeline.length}>
        <View className="apply-section-title">办理进度</View>
        {timeline.map((entry, index) => (
          <View
            key={`${entry.at}-${entry.action}-${index}`}
            className="timeline-entry"
            data-testid={`case-timeline-${index}`}
            data-action={entry.action}
          >
            <View className="timeline-dot" />
            <View className="timeline-body">
              <View className="timeline-label">{entry.label}</View>
              <View className="text-secondary">
                {formatDateTime(entry.at)} · {ACTOR_LABEL[entry.actor]}
              </View>
              {entry.note && <View className="timeline-note">{entry.note}</View>}
            </View>
          </View>
        ))}
      </View>

      {renderSubmitted()}

      {view.allowedActions.includes('withdraw') && renderWithdraw()}

      {renderGoList()}
    </View>
  );

  function renderFee() {
    const fee = applicationFeeOf(view);
    // The server's own figure when it sends one (ApplicationView.fee), else the catalogue's.
    const feeFen = view.fee?.amountFen ?? item?.feeFen ?? 0;
    const paidOrRefunded = fee !== undefined && PAID_STATUSES.includes(fee.status);
    // The server decides whether the fee is payable (isFeePayable); the order's state only hides the button.
    const canPay = view.feePayable && !paidOrRefunded && fee?.status !== 'flagged';
    if (!fee && !canPay) return null;
    const amountFen = fee?.amountFen ?? feeFen;
    const statusText = fee
      ? (FEE_STATUS_LABEL[fee.status] ?? (fee.statusLabel || PAYMENT_STATUS_LABEL[fee.status] || fee.status))
      : '待缴费';
    return (
      <View className="card" data-testid="case-fee">
        <View className="case-fact">
          <View className="case-fact-label">办理费用</View>
          <View className="case-fact-value" data-testid="case-fee-amount">
            {formatYuan(amountFen)}
          </View>
        </View>
        <View className="case-fact">
          <View className="case-fact-label">缴费状态</View>
          <View
            className={`case-fact-value fee-status fee-status-${fee?.status ?? 'none'}`}
            data-testid="case-fee-status"
            data-status={fee?.status ?? 'none'}
          >
            {statusText}
          </View>
        </View>
        {canPay && (
          <View>
            <Button
              className="btn btn-primary"
              data-testid="case-pay"
              disabled={paying || busy}
              onClick={() => void onPay()}
            >
              {paying ? '正在打开微信支付…' : `缴纳费用 ${formatYuan(amountFen)}`}
            </Button>
            <View className="text-secondary case-fee-hint">
              使用微信支付缴纳。如申请最终未获办理，已缴费用将原路退回。
            </View>
          </View>
        )}
      </View>
    );
  }

  function renderDue() {
    const paused = view.status === 'supplement_requested';
    if (paused) {
      return (
        <View className="case-fact">
          <View className="case-fact-label">办结期限</View>
          <View className="case-fact-value case-paused" data-testid="case-due" data-paused="true">
            补正中计时暂停
            {view.pausedWorkingDaysLeft !== undefined ? `（补正后剩余 ${view.pausedWorkingDaysLeft} 个工作日）` : ''}
          </View>
        </View>
      );
    }
    if (!view.dueDate) return null;
    return (
      <View className="case-fact">
        <View className="case-fact-label">{view.status === 'completed' ? '承诺期限' : '办结期限'}</View>
        <View className="case-fact-value" data-testid="case-due" data-paused="false">
          {formatDate(view.dueDate)}前
        </View>
      </View>
    );
  }

  function renderSupplement(supplement: NonNullable<ApplicationView['supplement']>) {
    return (
      <View className="card case-supplement" data-testid="case-supplement">
        <View className="apply-section-title">需要补正的材料</View>
        <View className="text-secondary">
          窗口于 {formatDateTime(supplement.requestedAt)} 一次性告知以下材料需补正，请全部补齐后提交：
        </View>
        {supplement.note && (
          <View className="notice notice-info" data-testid="supplement-note">
            {supplement.note}
          </View>
        )}
        {needs.map((need, index) => {
          const licence = licenceRef(need);
          const ref = supplied[index];
          return (
            <View
              key={`${need.label}-${index}`}
              className="material"
              data-testid={`supplement-material-${index}`}
              data-material-key={need.materialKey}
              data-state={licence ? 'licence' : ref ? 'uploaded' : 'missing'}
            >
              <View className="material-name">
                {index + 1}. {need.label}
              </View>
              {licence?.kind === 'licence' ? (
                <View className="material-licence">✓ 使用电子证照：{LICENCE_LABEL[licence.licenceType]}</View>
              ) : (
                <View>
                  {ref?.kind === 'upload' && (
                    <View className="material-file-name" data-testid={`supplement-file-${index}`}>
                      已上传：{ref.fileName}
                    </View>
                  )}
                  {supplyUploading[index] && <View className="text-secondary">正在上传，请稍候…</View>}
                  <FilePicker
                    testId={`supplement-upload-${index}`}
                    label={ref ? '重新上传' : '上传'}
                    disabled={busy || uploadingAny}
                    onPicked={(file) => void onSupplyPicked(index, need, file)}
                  />
                </View>
              )}
              {supplyErrors[index] && (
                <View className="field-error" data-testid={`supplement-error-${index}`} role="alert">
                  {supplyErrors[index]}
                </View>
              )}
            </View>
          );
        })}
        <View className="field">
          <View className="field-label">
            补充说明<View className="field-optional">（选填）</View>
          </View>
          <Textarea
            className="field-textarea"
            data-testid="supplement-note-input"
            value={supplyNote}
            maxlength={500}
            autoHeight
            placeholder="可向窗口说明补正情况"
            onInput={(event) => setSupplyNote(event.detail.value)}
          />
        </View>
        <Button
          className="btn btn-primary"
          data-testid="supplement-submit"
          disabled={busy || uploadingAny}
          onClick={() => void onSupply()}
        >
          提交补正材料
        </Button>
      </View>
    );
  }

  function renderRating() {
    if (view.rating) {
      return (
        <View className="card" data-testid="case-rating" data-score={view.rating.score}>
          <View className="apply-section-title">您的评价</View>
          <View className="rating-given">
            {ratingLabel(view.rating.score)}（{view.rating.score} 分）
          </View>
          {view.rating.comment && <View data-testid="case-rating-comment">{view.rating.comment}</View>}
          <View className="text-secondary">评价时间：{formatDateTime(view.rating.ratedAt)}</View>
        </View>
      );
    }
    return (
      <View className="card" data-testid="case-rating-form">
        <View className="apply-section-title">请对本次办理进行评价</View>
        <View role="radiogroup">
          {RATING_LEVELS.map((level) => (
            <View
              key={level.score}
              className={`choice${score === level.score ? ' choice-selected' : ''}`}
              data-testid={`rating-${level.score}`}
              role="radio"
              aria-checked={score === level.score}
              data-checked={score === level.score ? 'true' : 'false'}
              onClick={() => {
                setScore(level.score);
                setRatingError('');
              }}
            >
              <View className={`choice-dot${score === level.score ? ' choice-dot-checked' : ''}`} />
              <View className="choice-text">{level.label}</View>
            </View>
          ))}
        </View>
        {ratingError && (
          <View className="field-error" data-testid="rating-error" role="alert">
            {ratingError}
          </View>
        )}
        <View className="field">
          <View className="field-label">
            意见建议<View className="field-optional">（选填）</View>
          </View>
          <Textarea
            className="field-textarea"
            data-testid="rating-comment"
            value={comment}
            maxlength={500}
            autoHeight
            placeholder="您的意见将帮助我们改进服务"
            onInput={(event) => setComment(event.detail.value)}
          />
        </View>
        <Button className="btn btn-primary" data-testid="rating-submit" disabled={busy} onClick={() => void onRate()}>
          提交评价
        </Button>
      </View>
    );
  }

  function renderSubmitted() {
    const sections = item?.form.sections ?? [];
    return (
      <View className="card" data-testid="case-submitted">
        <View className="apply-section-title">申请信息</View>
        {sections.map((section) => {
          const raw = view.formData[section.key];
          const rows = Array.isArray(raw) ? raw : raw && typeof raw === 'object' ? [raw] : [];
          return rows.map((row, index) => (
            <View key={`${section.key}-${index}`} className="case-summary-section">
              <View className="case-label">
                {section.repeat ? `${section.title} · ${rowLabel(section, index)}` : section.title}
              </View>
              {section.fields.map((field) => {
                const value = (row as Record<string, unknown>)[field.key];
                if (value === undefined || value === null || value === '') return null;
                return (
                  <View key={field.key} className="case-summary-row">
                    <View className="case-summary-label">{field.label}</View>
                    <View className="case-summary-value">{displayValue(field, value as FieldValue)}</View>
                  </View>
                );
              })}
            </View>
          ));
        })}
        <View className="case-label">申请材料</View>
        <View data-testid="case-materials">
          {view.materials.length === 0 && <View className="text-secondary">无</View>}
          {view.materials.map((ref, index) => (
            <View key={`${ref.materialKey}-${index}`} className="case-summary-row">
              <View className="case-summary-label">
                {item?.materials.find((m) => m.key === ref.materialKey)?.name ?? ref.materialKey}
              </View>
              <View className="case-summary-value">
                {ref.kind === 'licence' ? `电子证照：${LICENCE_LABEL[ref.licenceType]}` : ref.fileName}
              </View>
            </View>
          ))}
        </View>
        {view.deliveryMethod && (
          <View className="case-summary-row" data-testid="case-delivery-method">
            <View className="case-summary-label">送达方式</View>
            <View className="case-summary-value">
              {DELIVERY_METHOD_LABEL[view.deliveryMethod]}
              {view.postalAddress ? `（${view.postalAddress.recipient}，${view.postalAddress.address}）` : ''}
            </View>
          </View>
        )}
      </View>
    );
  }

  function renderWithdraw() {
    return (
      <View>
        <Button
          className="btn btn-danger"
          data-testid="case-withdraw"
          disabled={busy}
          onClick={() => {
            setNotice(null);
            setConfirming(true);
          }}
        >
          撤回申请
        </Button>
        {confirming && (
          <View className="dialog-mask">
            <View className="dialog" data-testid="case-withdraw-dialog" role="dialog" aria-modal="true">
              <View className="dialog-title">确定撤回申请吗？</View>
              <View>撤回后本申请将终止办理，如需办理须重新申请。</View>
              <View className="field">
                <View className="field-label">
                  撤回原因<View className="field-optional">（选填）</View>
                </View>
                <Textarea
                  className="field-textarea"
                  data-testid="case-withdraw-reason"
                  value={withdrawReason}
                  maxlength={200}
                  autoHeight
                  onInput={(event) => setWithdrawReason(event.detail.value)}
                />
              </View>
              <Button
                className="btn btn-danger"
                data-testid="case-withdraw-confirm"
                disabled={busy}
                onClick={() => void onWithdraw()}
              >
                {busy ? '正在撤回…' : '确定撤回'}
              </Button>
              <Button
                className="btn btn-secondary"
                data-testid="case-withdraw-cancel"
                disabled={busy}
                onClick={() => setConfirming(false)}
              >
                暂不撤回
              </Button>
            </View>
          </View>
        )}
      </View>
    );
  }
}

function renderGoList() {
  return (
    <Button
      className="btn btn-secondary"
      data-testid="case-go-list"
      onClick={() => {
        // Back to the list if it is underneath, else open it.
        const pages = Taro.getCurrentPages();
        const below = pages[pages.length - 2];
        if (below?.route?.replace(/^\//, '').startsWith(LIST_PAGE)) void Taro.navigateBack();
        else void Taro.redirectTo({ url: `/${LIST_PAGE}` });
      }}
    >
      查看我的办件
    </Button>
  );
}

function displayValue(field: FormField, value: FieldValue): string {
  if (field.type === 'checkbox') return value === true ? '是' : '否';
  if (field.type === 'select' || field.type === 'radio') {
    return field.options?.find((option) => option.value === value)?.label ?? String(value);
  }
  if (field.type === 'date' && typeof value === 'string') return formatDate(value);
  return String(value);
}
