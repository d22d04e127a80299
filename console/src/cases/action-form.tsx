import { type FormEvent, useState } from 'react';
import { isApiError, userMessageOf } from '../api/client';
import { submitOfficerAction } from '../api/officer';
import type { OfficerAction } from '../app/permissions';
import {
  ACTION_LABEL,
  DELIVERY_METHOD_LABEL,
  DeliveryMethod,
  OfficerActionRequest,
  type OfficerCaseView,
  type ServiceItem,
} from '../shared';

const INTRO: Record<OfficerAction, string> = {
  accept: '确认申请材料齐全、符合法定形式，予以受理。受理后开始计算办结时限。',
  not_accept: '申请事项不属于本机关职权范围或不符合受理条件的，不予受理，并书面说明理由。',
  request_supplement: '材料不齐全或不符合法定形式的，须一次性告知申请人需要补正的全部内容。补正期间暂停计时。',
  start_review: '开始审批，案件进入审批环节。',
  approve: '经审查符合法定条件、标准，准予许可。批准后由窗口送达。',
  refuse:
    '经审查不符合法定条件的，不予许可，须说明理由并注明法律依据，告知申请人依法申请行政复议或提起行政诉讼的权利。',
  deliver: '将办理结果送达申请人，案件办结。',
};

const REASON_LABEL: Partial<Record<OfficerAction, string>> = {
  not_accept: '不予受理理由',
  refuse: '不予许可理由',
  request_supplement: '补正说明（可选）',
};

const blankToUndefined = (text: string): string | undefined => (text.trim() ? text.trim() : undefined);

/** The free-text line may list several items, separated by semicolons (either width) or line breaks. */
const splitExtra = (text: string): string[] =>
  text
    .split(/[；;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function ActionForm({
  action,
  view,
  guide,
  onCancel,
  onDone,
  onStale,
  versionConflictMessage,
}: {
  action: OfficerAction;
  view: OfficerCaseView;
  guide: ServiceItem | undefined;
  onCancel: () => void;
  onDone: (view: OfficerCaseView, message: string) => void;
  onStale: (message: string) => void;
  versionConflictMessage: string;
}) {
  const deliveryOptions: readonly DeliveryMethod[] = guide?.deliveryMethods ?? DeliveryMethod.options;
  const [reason, setReason] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const [missingExtra, setMissingExtra] = useState('');
  const [deliveryMethod, setDeliveryMethod] = useState<DeliveryMethod | undefined>(
    view.deliveryMethod && deliveryOptions.includes(view.deliveryMethod) ? view.deliveryMethod : undefined,
  );
  const [originalsChecked, setOriginalsChecked] = useState(false);
  const [trackingNumber, setTrackingNumber] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);

  const materials = guide?.materials ?? [];
  /** Everything the notice will list: ticked materials in the guide's order, then the free text. */
  const missingMaterials = [
    ...materials.filter((m) => missing.includes(m.key)).map((m) => m.name),
    ...splitExtra(missingExtra),
  ];

  function buildRequest(): Record<string, unknown> {
    const base = { action, expectedVersion: view.version };
    switch (action) {
      case 'not_accept':
        return { ...base, reason: blankToUndefined(reason) };
      case 'refuse':
        return { ...base, reason: blankToUndefined(reason), legalBasis: blankToUndefined(legalBasis) };
      case 'request_supplement':
        return { ...base, missingMaterials, reason: blankToUndefined(reason) };
      case 'deliver':
        return {
          ...base,
          deliveryMethod,
          originalsChecked: deliveryMethod === 'window' ? originalsChecked : undefined,
          trackingNumber: deliveryMethod === 'post' ? blankToUndefined(trackingNumber) : undefined,
        };
      default:
        return base;
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const parsed = OfficerActionRequest.safeParse(buildRequest());
    if (!parsed.success) {
      setErrors([...new Set(parsed.error.issues.map((issue) => issue.message))]);
      setInvalid(new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? ''))));
      return;
    }
    setErrors([]);
    setInvalid(new Set());
    setBusy(true);
    try {
      const updated = await submitOfficerAction(view.id, parsed.data);
      onDone(updated, `已${ACTION_LABEL[action]}。当前状态：${updated.statusLabel}`);
    } catch (e) {
      setBusy(false);
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') return onStale(versionConflictMessage);
      // The case moved on (e.g. the citizen withdrew it): show why and the case as it is now.
      if (isApiError(e) && e.code === 'ACTION_NOT_ALLOWED') return onStale(e.message);
      const details = isApiError(e) ? e.details.map((d) => d.message) : [];
      setErrors([userMessageOf(e), ...details]);
    }
  }

  const invalidProps = (field: string) =>
    invalid.has(field) ? { 'aria-invalid': true, 'aria-describedby': 'action-error' } : {};

  return (
    <form
      id="action-form"
      className="action-form"
      data-testid="action-form"
      data-action={action}
      onSubmit={submit}
      noValidate
    >
      <h3>{ACTION_LABEL[action]}</h3>
      <p className="hint">{INTRO[action]}</p>

      {action === 'request_supplement' && (
        <fieldset className="field" {...invalidProps('missingMaterials')}>
          <legend>需补正的材料（请一次性全部列明）</legend>
          {materials.length === 0 && <p className="muted">{guide ? '本事项未列明材料。' : '正在加载事项材料…'}</p>}
          {materials.map((m) => (
            <div className="check" key={m.key}>
              <input
                type="checkbox"
                id={`action-missing-${m.key}`}
                data-testid={`action-missing-${m.key}`}
                checked={missing.includes(m.key)}
                onChange={(e) =>
                  setMissing((keys) => (e.target.checked ? [...keys, m.key] : keys.filter((k) => k !== m.key)))
                }
              />
              <label htmlFor={`action-missing-${m.key}`}>
                {m.name}
                {m.required && <span className="tag">必需</span>}
              </label>
            </div>
          ))}
          <label htmlFor="action-missing-extra" className="sub-label">
            其他需补正的内容（多项请用分号分隔）
          </label>
          <input
            id="action-missing-extra"
            data-testid="action-missing-extra"
            value={missingExtra}
            maxLength={500}
            onChange={(e) => setMissingExtra(e.target.value)}
          />
          {missingMaterials.length > 0 && (
            <div className="preview" data-testid="action-missing-preview">
              将一次性告知申请人补正以下 {missingMaterials.length} 项：
              <ol>
                {missingMaterials.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ol>
            </div>
          )}
        </fieldset>
      )}

      {REASON_LABEL[action] && (
        <div className="field">
          <label htmlFor="action-reason">{REASON_LABEL[action]}</label>
          <textarea
            id="action-reason"
            data-testid="action-reason"
            rows={4}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...invalidProps('reason')}
          />
        </div>
      )}

      {action === 'refuse' && (
        <div className="field">
          <label htmlFor="action-legal-basis">法律依据</label>
          <input
            id="action-legal-basis"
            data-testid="action-legal-basis"
            list="action-legal-basis-options"
            maxLength={300}
            value={legalBasis}
            onChange={(e) => setLegalBasis(e.target.value)}
            {...invalidProps('legalBasis')}
          />
          <datalist id="action-legal-basis-options">
            {(guide?.legalBasis ?? []).map((basis) => (
              <option key={basis} value={basis} />
            ))}
          </datalist>
          {guide && guide.legalBasis.length > 0 && <p className="hint">可从本事项的设定依据中选择，或直接填写条款。</p>}
        </div>
      )}

      {action === 'deliver' && (
        <>
          <fieldset className="field" {...invalidProps('deliveryMethod')}>
            <legend>送达方式</legend>
            {deliveryOptions.map((method) => (
              <div className="check" key={method}>
                <input
                  type="radio"
                  name="deliveryMethod"
                  id={`action-delivery-${method}`}
                  data-testid={`action-delivery-${method}`}
                  value={method}
                  checked={deliveryMethod === method}
                  onChange={() => setDeliveryMethod(method)}
                />
                <label htmlFor={`action-delivery-${method}`}>
                  {DELIVERY_METHOD_LABEL[method]}
                  {view.deliveryMethod === method && <span className="tag">申请人选择</span>}
                </label>
              </div>
            ))}
          </fieldset>
          {deliveryMethod === 'window' && (
            <div className="field">
              <div className="check">
                <input
                  type="checkbox"
                  id="action-originals-checked"
                  data-testid="action-originals-checked"
                  checked={originalsChecked}
                  onChange={(e) => setOriginalsChecked(e.target.checked)}
                  {...invalidProps('originalsChecked')}
                />
                <label htmlFor="action-originals-checked">已当场核验申请人出示的原件</label>
              </div>
              {materials.some((m) => m.originalCheckedAtPickup) && (
                <p className="hint">
                  须核验原件：
                  {materials
                    .filter((m) => m.originalCheckedAtPickup)
                    .map((m) => m.name)
                    .join('、')}
                </p>
              )}
            </div>
          )}
          {deliveryMethod === 'post' && (
            <div className="field">
              <label htmlFor="action-tracking">快递单号</label>
              <input
                id="action-tracking"
                data-testid="action-tracking"
                maxLength={40}
                autoComplete="off"
                value={trackingNumber}
                onChange={(e) => setTrackingNumber(e.target.value)}
                {...invalidProps('trackingNumber')}
              />
              {view.postalAddress && (
                <p className="hint">
                  寄往：{view.postalAddress.recipient}，{view.postalAddress.phone}，{view.postalAddress.address}
                </p>
              )}
            </div>
          )}
          {deliveryMethod === 'electronic' && <p className="hint">电子证照将发送至申请人的“民生警务”账户。</p>}
        </>
      )}

      {errors.length > 0 && (
        <div id="action-error" className="notice notice-error" role="alert" data-testid="action-error">
          {errors.length === 1 ? (
            <p>{errors[0]}</p>
          ) : (
            <ul>
              {errors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="form-actions">
        <button
          type="submit"
          className={`button ${action === 'not_accept' || action === 'refuse' ? 'button-danger' : 'button-primary'}`}
          data-testid="action-submit"
          disabled={busy}
        >
          {busy ? '正在提交…' : `确认${ACTION_LABEL[action]}`}
        </button>
        <button type="button" className="button button-secondary" data-testid="action-cancel" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  );
}
