import {
  ANONYMOUS_REPORTER_LABEL,
  AppError,
  allowedActions,
  CASE_NUMBER_PATTERN,
  type ChinaCalendar,
  chinaDateOf,
  DEPARTMENTS,
  ErrorCatalog,
  FOLLOW_UP_STATUS_LABEL,
  type FollowUpStatus,
  findServiceItem,
  isAnonymousReport,
  LICENCE_LABEL,
  nextFollowUpStatus,
  type OfficerActionRequest,
  type OfficerCaseView,
  type QueueEntry,
  roleMayTake,
  type ServiceItem,
} from '@minsheng/shared';
import { presignDownload } from '../adapters/storage';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import {
  type ApplicationRecord,
  type ApplicationSummaryRecord,
  getApplication,
  pageDepartmentQueue,
} from '../repositories/applications';
import {
  type AuditEntry,
  appendAccessRecord,
  readAccessHead,
  readAccessTrail,
  readAuditTrail,
  verifyChain,
} from '../repositories/audit';
import { findCaseByNumber } from '../repositories/case-numbers';
import { closeFollowUp, type FollowUpRecord, getFollowUp, listFollowUps } from '../repositories/follow-ups';
import { getIdentity } from '../repositories/identities';
import { licencePut } from '../repositories/licences';
import { getUpload } from '../repositories/uploads';
import { workingDayCalendar } from './calendar';
import { citizenView, summaryView } from './case-views';
import { certificateFor } from './certificates';
import { dueMark, pauseClock, stopClock } from './deadlines';
import { licenceFields } from './licences';
import type { Officer } from './officer-auth';
import { organisationForOfficer } from './organisations';
import { refundRequestItem, sendRefundAfterCommit } from './payments';
import { openFormData } from './sensitive-fields';
import { type Actor, applyTransition, assertVersion } from './transitions';

const actorOf = (officer: Officer): Actor => ({ type: 'officer', id: officer.username, name: officer.name });
const isInspector = (officer: Officer) => officer.role === 'inspector';

/** A case the officer may see: their department's, or any for an inspector. Drafts are private. */
async function visibleCase(officer: Officer, id: string): Promise<ApplicationRecord> {
  const record = await getApplication(id);
  if (!record || record.status === 'draft' || (!isInspector(officer) && record.department !== officer.department)) {
    throw new AppError('APPLICATION_NOT_FOUND');
  }
  return record;
}

export interface QueueRequest {
  scope: 'department' | 'all';
  state: 'open' | 'closed';
  /** One department's queue (an inspector may pick any; others only their own). */
  department?: string;
  /** Continue after the previous page (one department only). */
  cursor?: string;
  limit: number;
}

function queueEntry(
  row: ApplicationSummaryRecord,
  state: 'open' | 'closed',
  today: string,
  calendar: ChinaCalendar,
): QueueEntry {
  const paused = row.status === 'supplement_requested';
  const mark = state === 'open' ? dueMark(today, row.dueDate, paused, calendar) : { mark: 'normal' as const };
  return {
    ...summaryView(row),
    applicantNameMasked: row.applicantNameMasked,
    submittedAt: row.submittedAt,
    dueMark: mark.mark,
    workingDaysLeft: mark.workingDaysLeft,
    ...provisionalMark(row.dueDate, calendar),
  };
}

/** A due date in a year whose holiday notice is not entered yet may still move (调休 unknown). */
const provisionalMark = (dueDate: string | undefined, calendar: ChinaCalendar) =>
  dueDate && calendar.isProvisional(dueDate) ? { dueDateProvisional: true as const } : {};

/**
 * The queue, ordered by due date, with electronic-supervision marks. `all` (every
 * department) is for inspectors only; it reads each department's index partition — no Scan.
 * One department's queue pages with a cursor; `all` returns the first page of each.
 * @throws AppError ROLE_NOT_ALLOWED | QUEUE_CURSOR_INVALID
 */
export async function officerQueue(
  officer: Officer,
  request: QueueRequest,
): Promise<{ items: QueueEntry[]; nextCursor?: string }> {
  const { state, limit } = request;
  const inspector = isInspector(officer);
  if (request.scope === 'all' && !inspector) throw new AppError('ROLE_NOT_ALLOWED');
  if (request.department && !inspector && request.department !== officer.department) {
    throw new AppError('ROLE_NOT_ALLOWED');
  }
  const departments = request.department
    ? [request.department]
    : inspector
      ? DEPARTMENTS.map((d) => d.code as string)
      : [officer.department];
  const single = departments.length === 1 ? departments[0] : undefined;
  if (request.cursor && !single) throw new AppError('QUEUE_CURSOR_INVALID');
  const cursor = (single && request.cursor) || undefined;
  const pages = await Promise.all(departments.map((d) => pageDepartmentQueue(d, state, limit, cursor)));
  const today = chinaDateOf(nowIso());
  const calendar = await workingDayCalendar();
  const entries = pages.flatMap((p) => p.rows).map((row) => queueEntry(row, state, today, calendar));
  const nextCursor = single ? pages[0]?.nextCursor : undefined;
  const items =
    state === 'open'
      ? entries.sort((a, b) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999'))
      : entries.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return nextCursor ? { items, nextCursor } : { items };
}

const auditLine = (chain: 'case' | 'access', e: AuditEntry): OfficerCaseView['audit'][number] => ({
  chain,
  seq: e.seq,
  at: e.at,
  action: e.action,
  actor: `${e.actorType}:${e.actorId}`,
  hash: e.hash,
});

/**
 * An anonymous report (the item's declared anonymity chosen) as officers may see it: without
 * the sections that identify the reporter, nor their identity or organisation.
 */
function withoutReporter(view: OfficerCaseView, item: ServiceItem): OfficerCaseView {
  const hidden = new Set(item.anonymity?.identifyingSections ?? []);
  return {
    ...view,
    formData: Object.fromEntries(Object.entries(view.formData).filter(([section]) => !hidden.has(section))),
    applicant: { nameMasked: ANONYMOUS_REPORTER_LABEL, idNumberMasked: ANONYMOUS_REPORTER_LABEL },
    organisation: undefined,
    postalAddress: undefined,
    licences: [],
    // The citizen's account id would link this report to their named cases' audit trails.
    audit: view.audit.map((e) => (e.actor.startsWith('citizen:') ? { ...e, actor: 'citizen:anonymous' } : e)),
  };
}

/**
 * The officer's view of a case. Each chain is verified against a head read before its records
 * (`record.auditHead`, and `accessHead` — the view just recorded, or read here first).
 */
async function caseView(officer: Officer, record: ApplicationRecord, accessHead?: string): Promise<OfficerCaseView> {
  const item = findServiceItem(record.itemCode);
  const view = await fullCaseView(officer, record, item, accessHead);
  return item && isAnonymousReport(item, record.formData) ? withoutReporter(view, item) : view;
}

async function fullCaseView(
  officer: Officer,
  record: ApplicationRecord,
  item: ServiceItem | undefined,
  accessHead: string | undefined,
): Promise<OfficerCaseView> {
  const accessHeadHash = accessHead ?? (await readAccessHead(record.id))?.hash;
  const [base, identity, audit, access, organisation, calendar] = await Promise.all([
    citizenView(record),
    getIdentity(record.userId),
    readAuditTrail(record.id),
    readAccessTrail(record.id),
    record.organisation ? organisationForOfficer(record.organisation) : undefined,
    workingDayCalendar(),
  ]);
  const uploads = await Promise.all(
    record.materials
      .filter((m) => m.kind === 'upload')
      .map(async (m) => {
        const upload = await getUpload(m.uploadId);
        return {
          uploadId: m.uploadId,
          sha256: upload?.sha256 ?? '',
          size: upload?.size ?? 0,
          contentType: upload?.contentType ?? '',
        };
      }),
  );
  const licences = await Promise.all(
    record.materials
      .filter((m) => m.kind === 'licence')
      .map(async (m) => ({
        materialKey: m.materialKey,
        licenceType: m.licenceType,
        label: LICENCE_LABEL[m.licenceType],
        fields:
          (m.licenceType === 'business-licence' && organisation
            ? organisation.businessLicence
            : await licenceFields(record.userId, m.licenceType)) ?? {},
      })),
  );
  return {
    ...base,
    formData: item ? await openFormData(item.form, record.formData, `application:${record.id}`) : record.formData,
    allowedActions: allowedActions(record.status, 'officer').filter((a) => roleMayTake(officer.role, a)),
    timeline: record.timeline,
    applicant: {
      nameMasked: identity?.nameMasked ?? record.applicantNameMasked,
      idNumberMasked: identity?.idNumberMasked ?? '',
    },
    organisation: organisation?.summary,
    licences,
    uploads,
    audit: [...audit.map((e) => auditLine('case', e)), ...access.map((e) => auditLine('access', e))].sort((a, b) =>
      a.at.localeCompare(b.at),
    ),
    auditChainValid: verifyChain(audit, record.auditHead) && verifyChain(access, accessHeadHash),
    ...provisionalMark(record.dueDate, calendar),
    ...(record.statutoryDueDate && calendar.isProvisional(record.statutoryDueDate)
      ? { statutoryDueDateProvisional: true as const }
      : {}),
  };
}

/** Records one read of a case (who saw whose data, when) in its access chain, off the write path. */
export async function recordCaseAccess(
  officer: Officer,
  record: ApplicationRecord,
  action: 'view' | 'download_material',
  details: Record<string, unknown> = {},
): Promise<AuditEntry> {
  return appendAccessRecord(record.id, {
    at: nowIso(),
    action,
    actorType: 'officer',
    actorId: officer.username,
    details: { status: record.status, version: record.version, ...details },
  });
}

/**
 * Finds a case by its number (办件编号), for an officer to open: one GetItem on the lookup entry.
 * A case of another department does not exist for them (inspectors see every department).
 * @throws AppError CASE_NUMBER_INVALID | APPLICATION_NOT_FOUND
 */
export async function findCaseByNumberFor(
  officer: Officer,
  typed: string,
): Promise<{ id: string; caseNumber: string }> {
  const caseNumber = typed.trim().toUpperCase();
  if (!CASE_NUMBER_PATTERN.test(caseNumber)) throw new AppError('CASE_NUMBER_INVALID');
  const found = await findCaseByNumber(caseNumber);
  if (!found || (!isInspector(officer) && found.department !== officer.department)) {
    throw new AppError('APPLICATION_NOT_FOUND');
  }
  return { id: found.applicationId, caseNumber };
}

/**
 * Opens a case. Every opening is audited before the data is returned; the record goes to the
 * case's access chain, so looking at a case never makes a concurrent decision conflict.
 * @throws AppError APPLICATION_NOT_FOUND
 */
export async function openCase(officer: Officer, id: string): Promise<OfficerCaseView> {
  const record = await visibleCase(officer, id);
  const viewed = await recordCaseAccess(officer, record, 'view');
  return caseView(officer, record, viewed.hash);
}

/**
 * An officer's decision on a case, allowed by the state machine and the officer's post.
 * Exactly one of two concurrent decisions wins; the other gets VERSION_CONFLICT.
 * @throws AppError APPLICATION_NOT_FOUND | ROLE_NOT_ALLOWED | ACTION_NOT_ALLOWED | VERSION_CONFLICT | VALIDATION_FAILED
 */
export async function decide(officer: Officer, id: string, request: OfficerActionRequest): Promise<OfficerCaseView> {
  const record = await visibleCase(officer, id);
  if (!roleMayTake(officer.role, request.action)) throw new AppError('ROLE_NOT_ALLOWED');
  assertVersion(record, request.expectedVersion);
  const item = findServiceItem(record.itemCode);
  const at = nowIso();
  const today = chinaDateOf(at);
  let changes: Partial<ApplicationRecord> = {};
  let note = request.reason;
  switch (request.action) {
    case 'not_accept':
      changes = {
        decision: { outcome: 'not_accepted', reason: request.reason, decidedAt: at, automatic: false },
        ...stopClock(),
      };
      break;
    case 'request_supplement':
      changes = {
        supplement: { missingMaterials: request.missingMaterials ?? [], note: request.reason, requestedAt: at },
        ...pauseClock(today, record, await workingDayCalendar()),
      };
      note = `需补正：${(request.missingMaterials ?? []).join('、')}${request.reason ? `（${request.reason}）` : ''}`;
      break;
    case 'approve':
      changes = { decision: { outcome: 'approved', reason: request.reason, decidedAt: at, automatic: false } };
      break;
    case 'refuse':
      changes = {
        decision: {
          outcome: 'refused',
          reason: request.reason,
          legalBasis: request.legalBasis,
          decidedAt: at,
          automatic: false,
        },
        ...stopClock(),
      };
      note = `${request.reason}（依据：${request.legalBasis}）`;
      break;
    case 'deliver': {
      const method = request.deliveryMethod as NonNullable<OfficerActionRequest['deliveryMethod']>;
      if (item && !item.deliveryMethods.includes(method)) {
        throw new AppError(
          'VALIDATION_FAILED',
          [{ path: 'deliveryMethod', message: '该事项不支持所选送达方式' }],
          '该事项不支持所选送达方式',
        );
      }
      changes = { delivery: { method, trackingNumber: request.trackingNumber, deliveredAt: at }, ...stopClock() };
      break;
    }
    default:
      break;
  }
  const { expectedVersion: _v, ...details } = request;
  // A refusal ends the case: a fee already paid is refunded, requested in the same transaction.
  const refund =
    request.action === 'not_accept' || request.action === 'refuse'
      ? await refundRequestItem('application', id)
      : undefined;
  // Delivering a case whose item issues a certificate (e.g. XZ-001 无犯罪记录证明) puts it in
  // the citizen's wallet in the same transaction: never a completed case without its
  // certificate, never a certificate for a case that did not complete.
  const certificate = request.action === 'deliver' ? await certificateFor(record, at) : undefined;
  const next = await applyTransition(
    record,
    request.action,
    actorOf(officer),
    changes,
    { ...details, refund: Boolean(refund) },
    note,
    [...(refund ? [refund.item] : []), ...(certificate ? [licencePut(certificate)] : [])],
  );
  if (refund) await sendRefundAfterCommit(refund.outTradeNo);
  log.info('officer decision', { applicationId: id, action: request.action, officer: officer.username });
  return caseView(officer, next);
}

/**
 * A short-lived download link for a material of a case the officer may see. Every download
 * is recorded in the case's access chain before the link is handed out.
 */
export async function materialDownloadUrl(officer: Officer, uploadId: string): Promise<string> {
  const upload = await getUpload(uploadId);
  if (!upload) throw new AppError('NOT_FOUND');
  const record = await visibleCase(officer, upload.applicationId);
  await recordCaseAccess(officer, record, 'download_material', {
    uploadId,
    materialKey: upload.materialKey,
    sha256: upload.sha256,
  });
  return presignDownload(upload.objectKey);
}

export async function officerFollowUps(officer: Officer): Promise<FollowUpRecord[]> {
  const departments = isInspector(officer) ? DEPARTMENTS.map((d) => d.code) : [officer.department];
  return (await Promise.all(departments.map(listFollowUps)))
    .flat()
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const followUpClosed = (status: FollowUpStatus) =>
  new AppError(
    'FOLLOW_UP_CLOSED',
    undefined,
    `${ErrorCatalog.FOLLOW_UP_CLOSED.message}（当前状态：${FOLLOW_UP_STATUS_LABEL[status]}）`,
  );

/** @throws AppError ROLE_NOT_ALLOWED | FOLLOW_UP_NOT_FOUND | FOLLOW_UP_CLOSED */
export async function closeBadReviewFollowUp(
  officer: Officer,
  id: string,
  resolution: string,
): Promise<FollowUpRecord> {
  if (officer.role !== 'head' && !isInspector(officer)) throw new AppError('ROLE_NOT_ALLOWED');
  const followUp = await getFollowUp(id);
  if (!followUp || (!isInspector(officer) && followUp.department !== officer.department))
    throw new AppError('FOLLOW_UP_NOT_FOUND');
  if (!nextFollowUpStatus(followUp.status, 'close')) throw followUpClosed(followUp.status);
  // The write is conditional too: a concurrent close got there first.
  const closed = await closeFollowUp(id, resolution, officer.username, nowIso());
  if (!closed) throw followUpClosed('closed');
  return closed;
}
