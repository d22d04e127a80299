/**
 * The shared domain package, imported module by module rather than through
 * `@minsheng/shared`'s index: the index also pulls in (and parses at start-up) the whole
 * service-item catalogue, which the console fetches from the API per case instead. This file
 * is the only place in the console that knows shared's file layout.
 */

export { CASE_NUMBER_PATTERN, caseNumberLabel } from '@minsheng/shared/applications/case-number';
export {
  BAD_REVIEW_MAX_SCORE,
  CloseFollowUpRequest,
  type DepartmentStatistics,
  type DueMark,
  type MaterialRef,
  OFFICER_ROLE_LABEL,
  OfficerActionRequest,
  type OfficerCaseView,
  OfficerLoginRequest,
  OfficerRole,
  type QueueEntry,
  type TimelineEntry,
  TotpCode,
} from '@minsheng/shared/applications/schemas';
export {
  ACTION_LABEL,
  APPLICATION_STATUS_LABEL,
  type ApplicationAction,
  type ApplicationStatus,
  ROLE_ACTIONS,
} from '@minsheng/shared/applications/status';
export {
  APPOINTMENT_STATUS_LABEL,
  type AppointmentStatus,
  type HallView,
  type OfficerAppointmentView,
} from '@minsheng/shared/appointments/schemas';
// Types only: the calendar module's runtime carries the lunar tables, which the console does not need.
export type {
  CalendarOverview,
  CalendarYearView,
  SaveArrangementRequest,
} from '@minsheng/shared/calendar/arrangements';
export { DEPARTMENTS, type DepartmentCode, departmentName } from '@minsheng/shared/catalogue/departments';
export type { FieldValue, FormField, FormSection } from '@minsheng/shared/catalogue/forms';
export { LICENCE_LABEL, type LicenceType } from '@minsheng/shared/catalogue/licences';
export {
  DELIVERY_METHOD_LABEL,
  DeliveryMethod,
  type Material,
  type ServiceItem,
} from '@minsheng/shared/catalogue/service-item';
export type { ErrorCode } from '@minsheng/shared/errors';
export { ORGANISATION_ROLE_LABEL, type OrganisationRole } from '@minsheng/shared/organisations/schemas';
export {
  type FinanceAction,
  type FinanceQueueEntry,
  FinanceResolveRequest,
} from '@minsheng/shared/payments/status';
