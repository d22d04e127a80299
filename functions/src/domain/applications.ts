import { randomUUID } from 'node:crypto';
import {
  ANONYMOUS_REPORTER_LABEL,
  AppError,
  type ApplicationSummary,
  type ApplicationView,
  addWorkingDays,
  type CreateApplicationRequest,
  chinaDateOf,
  draftShapeProblems,
  findServiceItem,
  formDataSchema,
  isAnonymousReport,
  isBadReview,
  isFeePayable,
  type LicenceType,
  type MaterialRef,
  type PaymentView,
  type Prefill,
  type RatingRequest,
  type SaveDraftRequest,
  type ServiceItem,
  type SupplyRequest,
} from '@minsheng/shared';
import { describeObject, readObjectStart } from '../adapters/storage';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import {
  type ApplicationRecord,
  getApplication,
  insertApplication,
  listCitizenApplications,
} from '../repositories/applications';
import { chainEntry, GENESIS_HASH } from '../repositories/audit';
import { followUpPut } from '../repositories/follow-ups';
import { getIdentity } from '../repositories/identities';
import { isMonthlyLimitReached, monthlySubmissionWrite } from '../repositories/submission-limits';
import { getUpload } from '../repositories/uploads';
import { evaluateAutoDecision } from './auto-decision';
import { workingDayCalendar } from './calendar';
import { withNextCaseNumber } from './case-numbers';
import { citizenView, summaryView } from './case-views';
import { resumeClock, startClock, stopClock } from './deadlines';
import { heldLicences } from './licences';
import { contentMatchesType, SIGNATURE_BYTES } from './material-content';
import { actingFor } from './organisations';
import { openOrder, refundRequestItem, sendRefundAfterCommit } from './payments';
import { openFormData, sealFormData, sealText } from './sensitive-fields';
import { ratingFact } from './statistics';
import { type Actor, applyTransition, assertAllowed, assertVersion, writeAudited } from './transitions';

/** Bad reviews (isBadReview) open a follow-up due within this many working days. */
const FOLLOW_UP_WORKING_DAYS = 5;

const citizen = (userId: string): Actor => ({ type: 'citizen', id: userId });
const formContext = (id: string) => `application:${id}`;

function serviceItem(code: string): ServiceItem {
  const item = findServiceItem(code);
  if (!item) throw new AppError('SERVICE_ITEM_NOT_FOUND');
  return item;
}

/** A case the citizen owns; others' cases do not exist for them (404, not 403). */
/**
 * One of the citizen's own cases. A case in an organisation's name also needs the authority to
 * act for it now (a revoked agent can no longer read, supply, withdraw, pay or submit).
 */
async function ownedCase(userId: string, id: string): Promise<ApplicationRecord> {
  const record = await getApplication(id);
  if (!record || record.userId !== userId) throw new AppError('APPLICATION_NOT_FOUND');
  if (record.organisation) await actingFor(userId, record.organisation.creditCode);
  return record;
}

/** Values for prefilled fields: the verified identity (masked) and, for an organisation, the register entry. */
type PrefillSource = {
  nameMasked: string;
  idMasked: string;
  organisation?: { name: string; creditCode: string; legalRep: string };
};

/**
 * The new draft's form: prefilled fields from the source, the rest copied from the last case of
 * the same item in the same name, its sensitive values opened (the caller seals them for the new case).
 */
async function prefill(userId: string, item: ServiceItem, source: PrefillSource): Promise<Record<string, unknown>> {
  // The last case of the same item in the same name (the citizen's own, or this organisation's).
  const candidates = (await listCitizenApplications(userId, 20)).filter((a) => a.itemCode === item.code);
  let previous: ApplicationRecord | undefined;
  for (const row of candidates.slice(0, 3)) {
    const record = await getApplication(row.id);
    if (record && record.organisation?.creditCode === source.organisation?.creditCode) {
      previous = record;
      break;
    }
  }
  // Sensitive values were sealed for the earlier case: opened here, and sealed for the new case
  // with the rest of the draft (so a draft only ever holds values sealed for itself).
  const earlier = previous ? await openFormData(item.form, previous.formData, formContext(previous.id)) : {};
  const data: Record<string, unknown> = {};
  for (const section of item.form.sections) {
    const values: Record<string, unknown> = {};
    for (const field of section.fields) {
      if (field.prefill) values[field.key] = prefillValue(field.prefill, source);
    }
    const old = earlier[section.key];
    if (old && !section.repeat) {
      for (const [k, v] of Object.entries(old as Record<string, unknown>)) if (!(k in values)) values[k] = v;
    }
    data[section.key] = section.repeat ? (Array.isArray(old) ? old : []) : values;
  }
  return data;
}

function prefillValue(prefill: Prefill, source: PrefillSource): string | undefined {
  switch (prefill) {
    case 'identity.name':
      return source.nameMasked;
    case 'identity.idNumber':
      return source.idMasked;
    case 'applicant.kind':
      return source.organisation ? 'organisation' : 'person';
    case 'organisation.name':
      return source.organisation?.name;
    case 'organisation.creditCode':
      return source.organisation?.creditCode;
    case 'organisation.legalRep':
      return source.organisation?.legalRep;
  }
}

/**
 * Licences that can stand in for materials of this case: the applicant's own and, for a case in
 * an organisation's name, the organisation's business licence from the register.
 */
async function heldFor(record: Pick<ApplicationRecord, 'userId' | 'organisation'>): Promise<LicenceType[]> {
  const own = await heldLicences(record.userId);
  return record.organisation ? [...own, 'business-licence'] : own;
}

/**
 * Starts a draft for an item, in the citizen's own name or an organisation's they act for.
 * Requires a verified identity (real-name services).
 * @throws AppError IDENTITY_REQUIRED | SERVICE_ITEM_NOT_FOUND | ORGANISATION_REQUIRED |
 *   ORGANISATION_NOT_ACCEPTED | ORGANISATION_NOT_AUTHORISED | ORGANISATION_NOT_FOUND | ORGANISATION_INACTIVE
 */
export async function createDraft(userId: string, request: CreateApplicationRequest): Promise<ApplicationView> {
  const { itemCode, organisationCreditCode } = request;
  const item = serviceItem(itemCode);
  const identity = await getIdentity(userId);
  if (!identity) throw new AppError('IDENTITY_REQUIRED');
  if (organisationCreditCode && !item.applicantTypes.includes('organisation')) {
    throw new AppError('ORGANISATION_NOT_ACCEPTED');
  }
  if (!organisationCreditCode && !item.applicantTypes.includes('person')) throw new AppError('ORGANISATION_REQUIRED');
  const acting = organisationCreditCode ? await actingFor(userId, organisationCreditCode) : undefined;
  const organisation = acting
    ? { creditCode: acting.org.creditCode, name: acting.org.name, role: acting.role }
    : undefined;
  const id = randomUUID();
  const at = nowIso();
  const held = await heldFor({ userId, organisation });
  const materials: MaterialRef[] = item.materials
    .map((m) => ({ m, licence: m.acceptedLicences.find((l) => held.includes(l)) }))
    .filter(({ licence }) => licence)
    .map(({ m, licence }) => ({
      materialKey: m.key,
      kind: 'licence' as const,
      licenceType: licence as NonNullable<typeof licence>,
    }));
  const audit = chainEntry(GENESIS_HASH, {
    seq: 1,
    at,
    action: 'create',
    actorType: 'citizen',
    actorId: userId,
    details: { itemCode, ...(organisation ? { organisation: organisation.creditCode } : {}) },
  });
  const record: ApplicationRecord = {
    id,
    userId,
    itemCode: item.code,
    itemName: item.name,
    department: item.department,
    status: 'draft',
    version: 0,
    formData: await sealFormData(
      item.form,
      await prefill(userId, item, {
        nameMasked: identity.nameMasked,
        idMasked: identity.idNumberMasked,
        organisation: acting && {
          name: acting.org.name,
          creditCode: acting.org.creditCode,
          legalRep: acting.org.legalRepName,
        },
      }),
      formContext(id),
    ),
    materials,
    deliveryMethod: item.deliveryMethods.length === 1 ? item.deliveryMethods[0] : undefined,
    applicantNameMasked: organisation ? `${organisation.name}（经办人 ${identity.nameMasked}）` : identity.nameMasked,
    ...(organisation ? { organisation } : {}),
    createdAt: at,
    updatedAt: at,
    timeline: [{ at, action: 'create', label: '创建申请', actor: 'citizen' }],
    auditSeq: 1,
    auditHead: audit.hash,
  };
  await insertApplication(record, audit);
  log.info('application draft created', { applicationId: id, itemCode });
  return citizenView(record);
}

export async function listMyApplications(userId: string): Promise<ApplicationSummary[]> {
  return (await listCitizenApplications(userId)).map(summaryView);
}

export async function getMyApplication(userId: string, id: string): Promise<ApplicationView> {
  return citizenView(await ownedCase(userId, id));
}

/**
 * Saves a draft as typed (validated only on submit). Prefilled identity fields cannot be changed.
 * @throws AppError APPLICATION_NOT_FOUND | ACTION_NOT_ALLOWED | VERSION_CONFLICT | VALIDATION_FAILED
 */
export async function saveDraft(userId: string, id: string, request: SaveDraftRequest): Promise<ApplicationView> {
  const record = await ownedCase(userId, id);
  if (record.status !== 'draft') assertAllowed(record, 'submit');
  assertVersion(record, request.expectedVersion);
  const item = serviceItem(record.itemCode);
  if (request.deliveryMethod && !item.deliveryMethods.includes(request.deliveryMethod)) {
    throw new AppError(
      'VALIDATION_FAILED',
      [{ path: 'deliveryMethod', message: '该事项不支持所选送达方式' }],
      '该事项不支持所选送达方式',
    );
  }
  const unknown = draftShapeProblems(item.form, request.formData);
  if (unknown.length) {
    throw new AppError(
      'FORM_FIELD_UNKNOWN',
      unknown.slice(0, 10).map((path) => ({ path: `formData.${path}`, message: '申请表中没有该项' })),
    );
  }
  const incoming = keepPrefilled(item, request.formData, record.formData);
  const formData = await sealFormData(item.form, incoming, formContext(id), record.formData);
  const postalAddress = request.postalAddress
    ? { ...request.postalAddress, phone: await postalPhone(request.postalAddress.phone, record, id) }
    : undefined;
  const next = await writeAudited(
    record,
    { formData, materials: request.materials, deliveryMethod: request.deliveryMethod, postalAddress },
    'save_draft',
    citizen(userId),
    {},
    true,
  );
  return citizenView(next);
}

/** A masked phone means "keep the stored one"; anything else is a new number, sealed. */
async function postalPhone(phone: string, record: ApplicationRecord, id: string) {
  const stored = record.postalAddress?.phone;
  if (stored && phone === stored.masked) return stored;
  if (phone.includes('*')) {
    throw new AppError(
      'VALIDATION_FAILED',
      [{ path: 'postalAddress.phone', message: '请重新填写收件人电话' }],
      '请重新填写收件人电话',
    );
  }
  return sealText(phone, 'phone', formContext(id));
}

function keepPrefilled(
  item: ServiceItem,
  incoming: Record<string, unknown>,
  stored: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...incoming };
  for (const section of item.form.sections) {
    const prefilled = section.fields.filter((f) => f.prefill);
    if (!prefilled.length || section.repeat) continue;
    const values = { ...((incoming[section.key] as Record<string, unknown>) ?? {}) };
    for (const field of prefilled)
      values[field.key] = (stored[section.key] as Record<string, unknown> | undefined)?.[field.key];
    out[section.key] = values;
  }
  return out;
}

/**
 * Why an uploaded file cannot be attached to the case, or undefined: it must be this case's
 * own ticket, stored with the size and checksum the ticket was signed for, and its first
 * bytes must be the declared type's (read back from storage, not taken from the client).
 */
async function uploadProblem(
  record: ApplicationRecord,
  ref: Extract<MaterialRef, { kind: 'upload' }>,
): Promise<string | undefined> {
  const upload = await getUpload(ref.uploadId);
  const ours =
    upload &&
    upload.userId === record.userId &&
    upload.applicationId === record.id &&
    upload.materialKey === ref.materialKey;
  const stored = ours ? await describeObject(upload.objectKey) : undefined;
  if (!upload || !stored || stored.size !== upload.size || stored.sha256 !== upload.sha256) {
    return '文件未上传成功，请重新上传';
  }
  const start = await readObjectStart(upload.objectKey, SIGNATURE_BYTES);
  if (!start || !contentMatchesType(start, upload.contentType)) {
    return '文件内容与文件类型不符（仅支持 JPG、PNG 图片或 PDF 文件），请重新上传';
  }
  return undefined;
}

/** Every required material present, and each reference genuine: a held licence or this case's own upload. */
async function checkMaterials(
  record: ApplicationRecord,
  item: ServiceItem,
  materials: MaterialRef[],
  requireAll: boolean,
): Promise<void> {
  const held = await heldFor(record);
  const problems: { path: string; message: string }[] = [];
  for (const ref of materials) {
    const material = item.materials.find((m) => m.key === ref.materialKey);
    if (!material) {
      problems.push({ path: `materials.${ref.materialKey}`, message: '该事项没有这项材料' });
    } else if (ref.kind === 'licence') {
      if (!material.acceptedLicences.includes(ref.licenceType) || !held.includes(ref.licenceType)) {
        problems.push({ path: `materials.${ref.materialKey}`, message: `${material.name}：不能使用该电子证照` });
      }
    } else {
      const problem = await uploadProblem(record, ref);
      if (problem) problems.push({ path: `materials.${ref.materialKey}`, message: `${material.name}：${problem}` });
    }
  }
  if (problems.length) throw new AppError('MATERIAL_INVALID', problems);
  if (!requireAll) return;
  const missing = item.materials.filter((m) => m.required && !materials.some((r) => r.materialKey === m.key));
  if (missing.length) {
    throw new AppError(
      'MATERIALS_MISSING',
      missing.map((m) => ({ path: `materials.${m.key}`, message: `缺少${m.name}` })),
      `申请材料不齐全：缺少${missing.map((m) => m.name).join('、')}`,
    );
  }
}

async function checkForm(record: ApplicationRecord, item: ServiceItem): Promise<void> {
  const clear = await openFormData(item.form, record.formData, formContext(record.id));
  const result = formDataSchema(item.form).safeParse(clear);
  if (!result.success) {
    throw new AppError(
      'FORM_INVALID',
      result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  if (!record.deliveryMethod)
    throw new AppError('FORM_INVALID', [{ path: 'deliveryMethod', message: '请选择结果送达方式' }]);
  if (record.deliveryMethod === 'post' && !record.postalAddress) {
    throw new AppError('FORM_INVALID', [{ path: 'postalAddress', message: '邮寄送达须填写收件地址' }]);
  }
}

/**
 * Submits a draft: validates the form against the item's definition and the materials,
 * starts the clock and, where the item has an auto-decision rule that approves, records
 * that decision like an officer's. Submitting twice fails (VERSION_CONFLICT / ACTION_NOT_ALLOWED).
 * @throws AppError FORM_INVALID | MATERIALS_MISSING | MATERIAL_INVALID | VERSION_CONFLICT | ACTION_NOT_ALLOWED |
 *   MONTHLY_LIMIT_REACHED (the item's monthly cap) | BUSY |
 *   ORGANISATION_NOT_AUTHORISED (authority for the case's organisation lapsed)
 */
export async function submitApplication(userId: string, id: string, expectedVersion: number): Promise<ApplicationView> {
  const record = await ownedCase(userId, id);
  assertAllowed(record, 'submit');
  assertVersion(record, expectedVersion);
  const item = serviceItem(record.itemCode);
  await checkForm(record, item);
  await checkMaterials(record, item, record.materials, true);
  const at = nowIso();
  // The case number (and a capped item's monthly count) is taken in the submission's own
  // transaction: a failed submission takes none.
  const capped = item.monthlyLimit
    ? [monthlySubmissionWrite(userId, item.code, chinaDateOf(at).slice(0, 7), item.monthlyLimit)]
    : [];
  const calendar = await workingDayCalendar();
  let next = await withNextCaseNumber(item.department, id, at, (caseNumber, writes) =>
    applyTransition(
      record,
      'submit',
      citizen(userId),
      {
        submittedAt: at,
        caseNumber,
        ...startClock(chinaDateOf(at), item.promisedDays, item.statutoryDays, calendar),
        // What the queue lists as the applicant: never an anonymous reporter's (masked) name.
        ...(isAnonymousReport(item, record.formData) ? { applicantNameMasked: ANONYMOUS_REPORTER_LABEL } : {}),
      },
      {},
      undefined,
      [...writes, ...capped],
    ),
  ).catch((error: unknown) => {
    if (!isMonthlyLimitReached(error)) throw error;
    throw new AppError(
      'MONTHLY_LIMIT_REACHED',
      undefined,
      `「${item.name}」每人每月最多申请 ${item.monthlyLimit} 次，本月次数已用完，请下月再申请`,
    );
  });
  const verdict = await evaluateAutoDecision(next, item);
  if (verdict?.approve) {
    next = await applyTransition(
      next,
      'auto_approve',
      { type: 'system', id: `rule:${verdict.rule}` },
      { decision: { outcome: 'approved', reason: verdict.explanation, decidedAt: nowIso(), automatic: true } },
      { rule: verdict.rule, explanation: verdict.explanation },
      verdict.explanation,
    );
  }
  log.info('application submitted', {
    applicationId: id,
    caseNumber: next.caseNumber,
    itemCode: item.code,
    automatic: Boolean(verdict?.approve),
  });
  return citizenView(next);
}

/**
 * Withdraws a case before decision; a fee already paid is refunded (the refund request is
 * written in the same transaction, then sent).
 * @throws AppError ACTION_NOT_ALLOWED (already decided) | VERSION_CONFLICT
 */
export async function withdrawApplication(
  userId: string,
  id: string,
  expectedVersion: number,
  reason?: string,
): Promise<ApplicationView> {
  const record = await ownedCase(userId, id);
  assertAllowed(record, 'withdraw');
  assertVersion(record, expectedVersion);
  const refund = await refundRequestItem('application', id);
  const next = await applyTransition(
    record,
    'withdraw',
    citizen(userId),
    stopClock(),
    { reason, refund: Boolean(refund) },
    reason,
    refund ? [refund.item] : [],
  );
  if (refund) await sendRefundAfterCommit(refund.outTradeNo);
  return citizenView(next);
}

/**
 * Opens the fee payment of a submitted case whose item charges one.
 * @throws AppError FEE_NOT_REQUIRED | PAYMENT_ALREADY_MADE | PAYMENT_PROVIDER_*
 */
export async function payApplicationFee(userId: string, id: string): Promise<PaymentView> {
  const record = await ownedCase(userId, id);
  const item = serviceItem(record.itemCode);
  // Asked without feePaidAt: a paid case answers PAYMENT_ALREADY_MADE, not FEE_NOT_REQUIRED.
  if (!isFeePayable(record.status, item.feeFen)) throw new AppError('FEE_NOT_REQUIRED');
  if (record.feePaidAt) throw new AppError('PAYMENT_ALREADY_MADE');
  return openOrder({ userId, purpose: 'application', subjectId: id, description: item.name, amountFen: item.feeFen });
}

/**
 * Supplies what the officer asked for; the clock resumes with the working days that were left.
 * @throws AppError ACTION_NOT_ALLOWED | VERSION_CONFLICT | MATERIAL_INVALID
 */
export async function supplyMaterials(userId: string, id: string, request: SupplyRequest): Promise<ApplicationView> {
  const record = await ownedCase(userId, id);
  assertAllowed(record, 'supply');
  assertVersion(record, request.expectedVersion);
  const item = serviceItem(record.itemCode);
  await checkMaterials(record, item, request.materials, false);
  const supplied = new Set(request.materials.map((m) => `${m.materialKey}`));
  const materials = [...record.materials.filter((m) => !supplied.has(m.materialKey)), ...request.materials];
  const next = await applyTransition(
    record,
    'supply',
    citizen(userId),
    { materials, ...resumeClock(chinaDateOf(nowIso()), record, await workingDayCalendar()) },
    { materialKeys: [...supplied] },
    request.note,
  );
  return citizenView(next);
}

/**
 * 好差评: one rating per completed case; a bad one (≤ 2) opens a follow-up in the same transaction.
 * @throws AppError ACTION_NOT_ALLOWED (not completed) | RATING_ALREADY_GIVEN | VERSION_CONFLICT
 */
export async function rateApplication(userId: string, id: string, request: RatingRequest): Promise<ApplicationView> {
  const record = await ownedCase(userId, id);
  if (record.status !== 'completed') {
    throw new AppError('ACTION_NOT_ALLOWED', undefined, '办结后才能评价');
  }
  if (record.rating) throw new AppError('RATING_ALREADY_GIVEN');
  const at = nowIso();
  const rating = { score: request.score, comment: request.comment, ratedAt: at };
  const bad = isBadReview(request.score);
  const extra = [ratingFact(record, request.score, at)];
  if (bad) {
    extra.push(
      followUpPut({
        id: randomUUID(),
        applicationId: id,
        itemName: record.itemName,
        department: record.department,
        score: request.score,
        comment: request.comment,
        createdAt: at,
        dueDate: addWorkingDays(chinaDateOf(at), FOLLOW_UP_WORKING_DAYS, await workingDayCalendar()),
        status: 'open',
      }),
    );
  }
  const next = await writeAudited(
    record,
    {
      rating,
      timeline: [
        ...record.timeline,
        { at, action: 'rate', label: `评价：${request.score} 星`, actor: 'citizen', note: request.comment },
      ],
    },
    'rate',
    citizen(userId),
    { score: request.score, followUp: bad },
    true,
    extra,
    at,
  );
  return citizenView(next);
}
