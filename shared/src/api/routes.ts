import type { ZodTypeAny } from 'zod';
import {
  CloseFollowUpRequest,
  CreateApplicationRequest,
  OfficerActionRequest,
  OfficerLoginRequest,
  OfficerQueueQuery,
  RatingRequest,
  SaveDraftRequest,
  StatisticsQuery,
  SupplyRequest,
  UploadRequest,
  VersionedRequest,
  WithdrawRequest,
} from '../applications/schemas';
import { BookAppointmentRequest, HallsQuery, OfficerAppointmentQuery, SlotQuery } from '../appointments/schemas';
import { SaveArrangementRequest } from '../calendar/arrangements';
import { SubscribeRequest } from '../notifications/schemas';
import { AuthoriseAgentRequest, BindOrganisationRequest } from '../organisations/schemas';
import { FinanceResolveRequest } from '../payments/status';
import { LoginRequest, RefreshRequest } from '../schemas/auth';
import { CatalogueQuery } from '../schemas/catalogue';
import { CompleteFaceVerificationRequest, StartVerificationRequest } from '../schemas/identity';
import { AdministerOfficerRequest, OfficerEnrolmentRequest } from '../schemas/officer-accounts';
import { BindVehicleRequest } from '../traffic/schemas';
import { ShareLicenceRequest, VerifyTokenRequest } from '../wallet/schemas';

/**
 * Who may call a route: nobody in particular, a signed-in citizen, an officer, or WeChat Pay
 * (whose notifications prove themselves by signature, not by a session).
 */
export type Caller = 'public' | 'citizen' | 'officer' | 'wechatpay';

export interface RouteContract {
  caller: Caller;
  /** The request body's schema (JSON), when the route reads one. */
  body?: ZodTypeAny;
  /** The query string's schema, when the route reads one. */
  query?: ZodTypeAny;
}

/**
 * Every HTTP route's request contract, keyed by API Gateway's route key. serverless.yml
 * declares the routes; a test holds the two lists equal, and the fuzz test generates its
 * hostile requests from these schemas.
 */
export const API_ROUTES = {
  'GET /health': { caller: 'public' },
  /** The catch-all route: any path no other route matches. */
  $default: { caller: 'public' },
  'POST /auth/login': { caller: 'public', body: LoginRequest },
  'POST /auth/refresh': { caller: 'public', body: RefreshRequest },
  'POST /auth/logout': { caller: 'public', body: RefreshRequest },
  'GET /me': { caller: 'citizen' },
  'POST /identity/verifications': { caller: 'citizen', body: StartVerificationRequest },
  'POST /identity/verifications/face': { caller: 'citizen', body: CompleteFaceVerificationRequest },
  'GET /catalogue': { caller: 'public', query: CatalogueQuery },
  'GET /catalogue/{code}': { caller: 'public' },
  'POST /applications': { caller: 'citizen', body: CreateApplicationRequest },
  'GET /applications': { caller: 'citizen' },
  'GET /applications/{id}': { caller: 'citizen' },
  'PUT /applications/{id}': { caller: 'citizen', body: SaveDraftRequest },
  'POST /applications/{id}/submit': { caller: 'citizen', body: VersionedRequest },
  'POST /applications/{id}/withdraw': { caller: 'citizen', body: WithdrawRequest },
  'POST /applications/{id}/supplement': { caller: 'citizen', body: SupplyRequest },
  'POST /applications/{id}/rating': { caller: 'citizen', body: RatingRequest },
  'POST /uploads': { caller: 'citizen', body: UploadRequest },
  'GET /traffic/vehicles': { caller: 'citizen' },
  'POST /traffic/vehicles': { caller: 'citizen', body: BindVehicleRequest },
  'DELETE /traffic/vehicles/{plate}': { caller: 'citizen' },
  'GET /traffic/licence': { caller: 'citizen' },
  'GET /traffic/violations': { caller: 'citizen' },
  'POST /traffic/violations/{id}/payment': { caller: 'citizen' },
  'GET /wallet': { caller: 'citizen' },
  'GET /wallet/keys': { caller: 'public' },
  'POST /wallet/{type}/share': { caller: 'citizen', body: ShareLicenceRequest },
  'POST /wallet/tokens/{jti}/revoke': { caller: 'citizen' },
  'POST /verify': { caller: 'public', body: VerifyTokenRequest },
  'GET /payments/{outTradeNo}': { caller: 'citizen' },
  'POST /applications/{id}/payment': { caller: 'citizen' },
  'POST /payments/notify': { caller: 'wechatpay' },
  'POST /payments/refund-notify': { caller: 'wechatpay' },
  'GET /messages': { caller: 'citizen' },
  'POST /messages/{id}/read': { caller: 'citizen' },
  'GET /subscriptions': { caller: 'citizen' },
  'POST /subscriptions': { caller: 'citizen', body: SubscribeRequest },
  'POST /officer/login': { caller: 'public', body: OfficerLoginRequest },
  'POST /officer/login/enrolment': { caller: 'public', body: OfficerEnrolmentRequest },
  'POST /officer/admin/officers/{username}': { caller: 'officer', body: AdministerOfficerRequest },
  'GET /officer/me': { caller: 'officer' },
  'GET /officer/queue': { caller: 'officer', query: OfficerQueueQuery },
  'GET /officer/case-numbers/{caseNumber}': { caller: 'officer' },
  'GET /officer/applications/{id}': { caller: 'officer' },
  'POST /officer/applications/{id}/actions': { caller: 'officer', body: OfficerActionRequest },
  'GET /officer/materials/{uploadId}': { caller: 'officer' },
  'GET /officer/follow-ups': { caller: 'officer' },
  'POST /officer/follow-ups/{id}/close': { caller: 'officer', body: CloseFollowUpRequest },
  'GET /officer/statistics': { caller: 'officer', query: StatisticsQuery },
  'GET /officer/halls': { caller: 'officer' },
  'GET /officer/appointments': { caller: 'officer', query: OfficerAppointmentQuery },
  'POST /officer/appointments/{id}/check-in': { caller: 'officer' },
  'GET /officer/finance/payments': { caller: 'officer' },
  'POST /officer/finance/payments/{outTradeNo}/resolve': { caller: 'officer', body: FinanceResolveRequest },
  'GET /officer/calendar': { caller: 'officer' },
  'PUT /officer/calendar/{year}': { caller: 'officer', body: SaveArrangementRequest },
  'GET /organisations': { caller: 'citizen' },
  'POST /organisations': { caller: 'citizen', body: BindOrganisationRequest },
  'DELETE /organisations/{creditCode}': { caller: 'citizen' },
  'POST /organisations/{creditCode}/agents': { caller: 'citizen', body: AuthoriseAgentRequest },
  'DELETE /organisations/{creditCode}/agents/{agentId}': { caller: 'citizen' },
  'GET /appointments/halls': { caller: 'public', query: HallsQuery },
  'GET /appointments/slots': { caller: 'public', query: SlotQuery },
  'GET /appointments': { caller: 'citizen' },
  'POST /appointments': { caller: 'citizen', body: BookAppointmentRequest },
  'POST /appointments/{id}/cancel': { caller: 'citizen' },
} as const satisfies Record<string, RouteContract>;

export type RouteKey = keyof typeof API_ROUTES;
