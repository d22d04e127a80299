/**
 * The shared domain package, imported module by module rather than through
 * `@minsheng/shared`'s index: the index also pulls in the whole service-item catalogue
 * (data the app fetches from the API anyway) and parses it at start-up, which would cost
 * main-package size (WeChat's 2 MB limit) and launch time. This file is the only place
 * that knows shared's file layout.
 */

export { CASE_NUMBER_PATTERN, caseNumberLabel } from '@minsheng/shared/applications/case-number';
export { normaliseFileName } from '@minsheng/shared/applications/file-names';
export {
  type ApplicationSummary,
  type ApplicationView,
  MAX_UPLOAD_BYTES,
  type MaterialRef,
  PostalAddress,
  type RatingRequest,
  type SaveDraftRequest,
  type SupplyRequest,
  type TimelineEntry,
  UPLOAD_CONTENT_TYPES,
  UploadRequest,
  type UploadTicket,
} from '@minsheng/shared/applications/schemas';
export { sha256, toBase64 } from '@minsheng/shared/applications/sha256';
export {
  APPLICATION_STATUS_LABEL,
  type ApplicationAction,
  type ApplicationStatus,
} from '@minsheng/shared/applications/status';
export { APPOINTMENT_RULES, hallsFor } from '@minsheng/shared/appointments/halls';
export {
  APPOINTMENT_STATUS_LABEL,
  type AppointmentStatus,
  type AppointmentView,
  type BookAppointmentRequest,
  type HallDayView,
  type HallView,
  type SlotView,
} from '@minsheng/shared/appointments/schemas';
export {
  DEPARTMENTS,
  type Department,
  type DepartmentCode,
  departmentName,
} from '@minsheng/shared/catalogue/departments';
export {
  type FieldValue,
  type FormData,
  type FormDefinition,
  type FormField,
  type FormSection,
  formDataSchema,
  type Prefill,
  type SectionValues,
} from '@minsheng/shared/catalogue/forms';
export { LICENCE_LABEL, type LicenceType } from '@minsheng/shared/catalogue/licences';
export {
  APPLICANT_TYPE_LABEL,
  type ApplicantType,
  DELIVERY_METHOD_LABEL,
  type DeliveryMethod,
  ITEM_CATEGORY_LABEL,
  type Material,
  type ServiceItem,
  type ServiceItemSummary,
} from '@minsheng/shared/catalogue/service-item';
export { type ErrorBody, ErrorCatalog, type ErrorCode } from '@minsheng/shared/errors';
export { findIdNumberProblem, normaliseIdNumber } from '@minsheng/shared/idcard';
export { maskIdNumber, maskName } from '@minsheng/shared/mask';
export type { MessageListView, MessageView, SubscriptionTemplateView } from '@minsheng/shared/notifications/schemas';
export { findCreditCodeProblem, normaliseCreditCode } from '@minsheng/shared/organisations/credit-code';
export {
  type AgentView,
  AuthoriseAgentRequest,
  ORGANISATION_ROLE_LABEL,
  type OrganisationRole,
  type OrganisationView,
} from '@minsheng/shared/organisations/schemas';
export {
  PAYMENT_STATUS_LABEL,
  type PaymentPurpose,
  type PaymentStatus,
  type PaymentView,
  type RequestPaymentParams,
} from '@minsheng/shared/payments/status';
export type { LoginRequest, RefreshRequest, SessionResponse } from '@minsheng/shared/schemas/auth';
export type { CatalogueQuery } from '@minsheng/shared/schemas/catalogue';
export {
  type CompleteFaceVerificationRequest,
  type Me,
  StartVerificationRequest,
  type StartVerificationResponse,
  type VerifiedIdentity,
} from '@minsheng/shared/schemas/identity';
export {
  BindVehicleRequest,
  type DrivingLicenceView,
  PLATE_TYPE_LABEL,
  PlateNumber,
  PlateType,
  type VehicleView,
  VIOLATION_STATUS_LABEL,
  type ViolationStatus,
  type ViolationView,
} from '@minsheng/shared/traffic/schemas';
export {
  SHARE_PURPOSE_LABEL,
  SHARE_PURPOSES,
  type SharePurpose,
  type ShareTokenResponse,
  sharePurposesFor,
  VALIDITY_UNKNOWN,
  type WalletItem,
} from '@minsheng/shared/wallet/schemas';
