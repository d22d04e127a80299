import { z } from 'zod';
import { CreditCode, type OrganisationRole } from '../organisations/schemas';
import '../zod-chinese';
import { LicenceType } from '../catalogue/licences';
import { DeliveryMethod } from '../catalogue/service-item';
import { CatalogueKey, DraftFormData, EntityId, Version } from '../schemas/bounds';
import { normaliseFileName } from './file-names';
import { ApplicationAction, type ApplicationStatus } from './status';

/** HTTP contracts of the application engine, shared by the mini-app, the console and the API. */

export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Accepts any reasonable name and stores it normalised (see file-names.ts). */
const FileName = z.string().min(1).max(1000).transform(normaliseFileName);

/** SHA-256 of the file's bytes, base64 (as S3's `x-amz-checksum-sha256` carries it). */
export const Sha256Base64 = z
  .string({ required_error: '缺少文件校验值（SHA-256）' })
  .regex(/^[A-Za-z0-9+/]{43}=$/, '文件校验值应为 SHA-256（Base64）');

export const UploadedMaterial = z.object({
  materialKey: CatalogueKey,
  kind: z.literal('upload'),
  uploadId: EntityId,
  fileName: FileName,
});
export const LicenceMaterial = z.object({
  materialKey: CatalogueKey,
  kind: z.literal('licence'),
  licenceType: LicenceType,
});
export const MaterialRef = z.discriminatedUnion('kind', [UploadedMaterial, LicenceMaterial]);
export type MaterialRef = z.infer<typeof MaterialRef>;

export const PostalAddress = z.object({
  recipient: z.string().trim().min(2, '请填写收件人').max(30),
  /** 11 digits, or the mask the server showed (meaning "unchanged"). */
  phone: z.string().regex(/^1[3-9]\d(\d{4}|\*{4})\d{4}$/, '收件人电话应为 11 位手机号码'),
  address: z.string().trim().min(6, '请填写详细地址').max(120),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/** POST /applications — start a draft. */
export const CreateApplicationRequest = z.object({
  itemCode: z.string().regex(/^[A-Z]{2}-\d{3}$/, '事项编码无效'),
  /** Apply in the name of an organisation the citizen acts for (items open to 法人). */
  organisationCreditCode: CreditCode.optional(),
});
export type CreateApplicationRequest = z.infer<typeof CreateApplicationRequest>;

/**
 * PUT /applications/{id} — save the draft. Its shape is bounded here and checked against the
 * item's form on save (no field the form does not define); the values are validated on submit.
 */
export const SaveDraftRequest = z.object({
  expectedVersion: Version,
  formData: DraftFormData,
  materials: z.array(MaterialRef).max(50),
  deliveryMethod: DeliveryMethod.optional(),
  postalAddress: PostalAddress.optional(),
});
export type SaveDraftRequest = z.infer<typeof SaveDraftRequest>;

/** POST /applications/{id}/submit, /withdraw */
export const VersionedRequest = z.object({ expectedVersion: Version });
export const WithdrawRequest = VersionedRequest.extend({ reason: z.string().trim().max(200).optional() });

/** POST /applications/{id}/supplement — the citizen supplies everything asked for at once. */
export const SupplyRequest = VersionedRequest.extend({
  materials: z.array(MaterialRef).min(1, '请至少提供一项补正材料').max(50),
  note: z.string().trim().max(500).optional(),
});
export type SupplyRequest = z.infer<typeof SupplyRequest>;

/** POST /applications/{id}/rating — 好差评, five levels. */
export const RatingRequest = z.object({
  score: z.number().int().min(1, '评价为 1 至 5 分').max(5, '评价为 1 至 5 分'),
  comment: z.string().trim().max(500).optional(),
});
export type RatingRequest = z.infer<typeof RatingRequest>;

/** A bad review (差评): 1 or 2 of 5. Each opens a follow-up, and the monthly statistics count them. */
export const BAD_REVIEW_MAX_SCORE = 2;
export const isBadReview = (score: number): boolean => score <= BAD_REVIEW_MAX_SCORE;

/** POST /uploads — a presigned URL for one material file. */
export const UploadRequest = z.object({
  applicationId: EntityId,
  materialKey: CatalogueKey,
  fileName: FileName,
  /** Signed into the presigned PUT: storage refuses any other bytes, before or after submission. */
  sha256: Sha256Base64,
  contentType: z.enum(UPLOAD_CONTENT_TYPES, { errorMap: () => ({ message: '仅支持 JPG、PNG 图片或 PDF 文件' }) }),
  size: z
    .number()
    .int()
    .positive()
    .max(MAX_UPLOAD_BYTES, `单个文件不能超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`),
});
export type UploadRequest = z.infer<typeof UploadRequest>;

export const UploadTicket = z.object({
  uploadId: z.string(),
  url: z.string(),
  method: z.literal('PUT'),
  headers: z.record(z.string()),
  expiresAt: z.string(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;

/** Officers' decisions: POST /officer/applications/{id}/actions */
export const OfficerActionRequest = z
  .object({
    action: ApplicationAction.exclude(['submit', 'supply', 'withdraw', 'auto_approve']),
    expectedVersion: Version,
    reason: z.string().trim().max(1000).optional(),
    legalBasis: z.string().trim().max(300).optional(),
    /** For request_supplement: every missing or defective material, listed at once. */
    missingMaterials: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
    /** For deliver: how the result reached the applicant; window pickup needs the originals checked. */
    deliveryMethod: DeliveryMethod.optional(),
    originalsChecked: z.boolean().optional(),
    trackingNumber: z.string().trim().max(40).optional(),
  })
  .superRefine((req, ctx) => {
    const need = (field: 'reason' | 'legalBasis', message: string) => {
      if (!req[field]) ctx.addIssue({ code: 'custom', path: [field], message });
    };
    if (req.action === 'not_accept') need('reason', '不予受理须说明理由');
    if (req.action === 'refuse') {
      need('reason', '不予许可须说明理由');
      need('legalBasis', '不予许可须注明法律依据');
    }
    if (req.action === 'request_supplement' && !req.missingMaterials?.length) {
      ctx.addIssue({ code: 'custom', path: ['missingMaterials'], message: '补正告知须一次列明全部需补正的材料' });
    }
    if (req.action === 'deliver') {
      if (!req.deliveryMethod) ctx.addIssue({ code: 'custom', path: ['deliveryMethod'], message: '请选择送达方式' });
      if (req.deliveryMethod === 'window' && req.originalsChecked !== true) {
        ctx.addIssue({ code: 'custom', path: ['originalsChecked'], message: '窗口领取须当场核验原件' });
      }
      if (req.deliveryMethod === 'post' && !req.trackingNumber) {
        ctx.addIssue({ code: 'custom', path: ['trackingNumber'], message: '邮寄送达须填写快递单号' });
      }
    }
  });
export type OfficerActionRequest = z.infer<typeof OfficerActionRequest>;

export const OfficerRole = z.enum(['reception', 'approver', 'head', 'inspector', 'admin', 'finance']);
export type OfficerRole = z.infer<typeof OfficerRole>;
export const OFFICER_ROLE_LABEL: Record<OfficerRole, string> = {
  reception: '窗口受理',
  approver: '审批',
  head: '科室负责人',
  inspector: '督察',
  admin: '系统管理员',
  finance: '财务',
};

export const TotpCode = z.string().regex(/^\d{6}$/, '请输入验证器上显示的 6 位动态验证码');

export const OfficerLoginRequest = z.object({
  username: z.string().trim().min(3, '请输入警号或用户名').max(40),
  password: z.string().min(8, '密码至少 8 位').max(128),
  /** The TOTP code from the officer's authenticator app; absent only before enrolment. */
  code: TotpCode.optional(),
});

/** GET /officer/queue — one department's open or closed cases, a page at a time. */
export const OfficerQueueQuery = z.object({
  scope: z.enum(['department', 'all']).default('department'),
  state: z.enum(['open', 'closed']).default('open'),
  department: z.string().min(1).max(40).optional(),
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(200),
});

export const CloseFollowUpRequest = z.object({
  resolution: z.string().trim().min(10, '请写明整改情况（至少 10 个字）').max(1000),
});

/** One line of a case's history, as citizens and officers see it. */
export interface TimelineEntry {
  at: string;
  action: ApplicationAction | 'create' | 'save_draft' | 'view' | 'rate';
  label: string;
  actor: 'citizen' | 'officer' | 'system';
  /** Officer's display name (never shown to citizens beyond the role). */
  actorName?: string;
  note?: string;
}

/** 补正: everything missing, listed at once. */
export interface CaseSupplement {
  missingMaterials: string[];
  note?: string;
  requestedAt: string;
}

/** A decision, an officer's or an automatic rule's. */
export interface CaseDecision {
  outcome: 'approved' | 'refused' | 'not_accepted';
  reason?: string;
  legalBasis?: string;
  decidedAt: string;
  automatic: boolean;
}

export interface CaseDelivery {
  method: DeliveryMethod;
  trackingNumber?: string;
  deliveredAt: string;
}

export interface CaseRating {
  score: number;
  comment?: string;
  ratedAt: string;
}

export interface ApplicationView {
  id: string;
  /** 办件编号, e.g. `HZ20261208-0001`; absent on a draft (see case-number.ts). */
  caseNumber?: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: ApplicationStatus;
  statusLabel: string;
  version: number;
  formData: Record<string, unknown>;
  materials: MaterialRef[];
  deliveryMethod?: DeliveryMethod;
  postalAddress?: PostalAddress;
  /** The organisation the case is applied for in the name of, if any (法人办事). */
  organisation?: { creditCode: string; name: string; role: OrganisationRole };
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  /** Promised completion date (China date); absent while the clock is paused or not started. */
  dueDate?: string;
  statutoryDueDate?: string;
  /** Working days left when the clock was paused for a supplement. */
  pausedWorkingDaysLeft?: number;
  supplement?: CaseSupplement;
  decision?: CaseDecision;
  delivery?: CaseDelivery;
  rating?: CaseRating;
  /** The fee and its payment, for items that charge one. */
  fee?: { amountFen: number; paidAt?: string };
  /** Whether the fee can be paid now (isFeePayable): the client asks this, it does not re-decide. */
  feePayable: boolean;
  payment?: { outTradeNo: string; status: string; statusLabel: string; amountFen: number };
  allowedActions: ApplicationAction[];
  timeline: TimelineEntry[];
}

export interface ApplicationSummary {
  id: string;
  caseNumber?: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: ApplicationStatus;
  statusLabel: string;
  updatedAt: string;
  dueDate?: string;
}

export type DueMark = 'normal' | 'yellow' | 'red' | 'paused';

export interface QueueEntry extends ApplicationSummary {
  applicantNameMasked: string;
  submittedAt?: string;
  dueMark: DueMark;
  workingDaysLeft?: number;
  /** Set when dueDate falls in a year whose holiday notice is not entered yet: it may still move. */
  dueDateProvisional?: true;
}

export interface OfficerCaseView extends Omit<ApplicationView, 'organisation'> {
  applicant: { nameMasked: string; idNumberMasked: string };
  /** For a case in an organisation's name: the register entry and the 经办人's role. */
  organisation?: {
    creditCode: string;
    name: string;
    role: OrganisationRole;
    legalRepresentative: string;
    status: string;
    licenceValidUntil: string;
  };
  /** Data of e-licences referenced as materials (from the data-sharing adapter). */
  licences: { materialKey: string; licenceType: string; label: string; fields: Record<string, string> }[];
  /** Uploaded files as storage holds them: the SHA-256 (base64) the upload was signed with. */
  uploads: { uploadId: string; sha256: string; size: number; contentType: string }[];
  /** Both chains of the case in time order: `case` (every change), `access` (every view or download). */
  audit: { chain: 'case' | 'access'; seq: number; at: string; action: string; actor: string; hash: string }[];
  /** True when both chains verify up to their heads. */
  auditChainValid: boolean;
  /** Set when dueDate / statutoryDueDate fall in a year whose holiday notice is not entered yet. */
  dueDateProvisional?: true;
  statutoryDueDateProvisional?: true;
}

/** GET /officer/statistics?month=YYYY-MM — one department's month (办件统计). Rates are percentages. */
export const StatisticsQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
  scope: z.enum(['department', 'all']).default('department'),
});

export interface DepartmentStatistics {
  department: string;
  month: string;
  /** Cases submitted in the month. */
  received: number;
  /** Cases that ended in the month, by final status. */
  ended: number;
  outcomes: Record<string, number>;
  /** Of the cases decided (not withdrawn), how many ended within the promised limit; null when none. */
  onTimeRate: number | null;
  averageWorkingDays: number | null;
  ratings: { count: number; average: number | null; good: number; bad: number; satisfactionRate: number | null };
}
