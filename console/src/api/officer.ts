import type {
  CalendarOverview,
  CalendarYearView,
  DepartmentStatistics,
  FinanceQueueEntry,
  FinanceResolveRequest,
  HallView,
  OfficerActionRequest,
  OfficerAppointmentView,
  OfficerCaseView,
  QueueEntry,
  SaveArrangementRequest,
  ServiceItem,
} from '../shared';
import { apiRequest } from './client';
import type { Officer, OfficerSession } from './session';

/** Reads are `fetchX`, writes `submitX`/`closeX`; every call goes through apiRequest. */

interface LoginResponse {
  token: string;
  /** Seconds. */
  expiresIn: number;
  officer: Officer;
}

/** The password was right but the officer has no second factor yet: the secret to add to an authenticator. */
export interface Enrolment {
  enrolmentToken: string;
  otpauthUri: string;
  secret: string;
}

export type LoginOutcome = { kind: 'session'; session: OfficerSession } | { kind: 'enrolment'; enrolment: Enrolment };

const DEFAULT_TOKEN_LIFETIME_SECONDS = 8 * 60 * 60;

function toSession(response: LoginResponse): OfficerSession {
  const lifetime = Number.isFinite(response.expiresIn) ? response.expiresIn : DEFAULT_TOKEN_LIFETIME_SECONDS;
  return { token: response.token, officer: response.officer, expiresAt: Date.now() + lifetime * 1000 };
}

/** Password and TOTP code; an officer not enrolled yet gets the enrolment instead of a session. */
export async function submitLogin(username: string, password: string, code?: string): Promise<LoginOutcome> {
  const response = await apiRequest<LoginResponse | (Enrolment & { enrolmentRequired: true })>('/officer/login', {
    method: 'POST',
    body: { username, password, ...(code ? { code } : {}) },
    auth: false,
  });
  return 'enrolmentRequired' in response
    ? { kind: 'enrolment', enrolment: response }
    : { kind: 'session', session: toSession(response) };
}

/** Confirms the second factor with the first code from the authenticator app. */
export async function submitEnrolment(enrolmentToken: string, code: string): Promise<OfficerSession> {
  return toSession(
    await apiRequest<LoginResponse>('/officer/login/enrolment', {
      method: 'POST',
      body: { enrolmentToken, code },
      auth: false,
    }),
  );
}

export type QueueScope = 'department' | 'all';
export type QueueState = 'open' | 'closed';

/** Cases asked for per queue page (the server allows 1–200). */
export const QUEUE_PAGE_SIZE = 50;

/** One page of the queue; `nextCursor`, when present, continues the same department's queue. */
export interface QueueResponse {
  items: QueueEntry[];
  nextCursor?: string;
}

/**
 * One page of the queue, from `cursor` on: the officer's own department's, or for an inspector
 * the chosen `department`'s. An inspector who names no department gets the first page of every
 * department, and no cursor (a cursor continues one department only).
 */
export const fetchQueue = (
  scope: QueueScope,
  state: QueueState,
  page: { department?: string; cursor?: string } = {},
): Promise<QueueResponse> =>
  apiRequest<QueueResponse>('/officer/queue', {
    query: { scope, state, department: page.department, cursor: page.cursor, limit: String(QUEUE_PAGE_SIZE) },
  });

export const fetchCase = (id: string): Promise<OfficerCaseView> =>
  apiRequest<OfficerCaseView>(`/officer/applications/${encodeURIComponent(id)}`);

/** The case a 办件编号 names, within the officer's department (404 otherwise). */
export const fetchCaseByNumber = (caseNumber: string): Promise<{ id: string; caseNumber: string }> =>
  apiRequest<{ id: string; caseNumber: string }>(`/officer/case-numbers/${encodeURIComponent(caseNumber.trim())}`);

export const submitOfficerAction = (id: string, request: OfficerActionRequest): Promise<OfficerCaseView> =>
  apiRequest<OfficerCaseView>(`/officer/applications/${encodeURIComponent(id)}/actions`, {
    method: 'POST',
    body: request,
  });

export async function fetchMaterialLink(uploadId: string): Promise<string> {
  const response = await apiRequest<{ url: string }>(`/officer/materials/${encodeURIComponent(uploadId)}`);
  return response.url;
}

const guides = new Map<string, Promise<ServiceItem>>();

/** The item's public guide (form definition, materials, delivery methods); cached for the tab's life. */
export function fetchServiceItem(code: string): Promise<ServiceItem> {
  let guide = guides.get(code);
  if (!guide) {
    guide = apiRequest<ServiceItem>(`/catalogue/${encodeURIComponent(code)}`, { auth: false });
    guide.catch(() => guides.delete(code));
    guides.set(code, guide);
  }
  return guide;
}

/** A bad review (≤ 2 stars) the department must follow up (好差评整改). */
export interface FollowUp {
  id: string;
  applicationId: string;
  itemName: string;
  department: string;
  score: number;
  comment?: string;
  createdAt: string;
  dueDate: string;
  status: 'open' | 'closed';
  resolution?: string;
  closedBy?: string;
  closedAt?: string;
}

export async function fetchFollowUps(): Promise<FollowUp[]> {
  const response = await apiRequest<{ items: FollowUp[] }>('/officer/follow-ups');
  return response.items;
}

export const closeFollowUp = (id: string, resolution: string): Promise<FollowUp> =>
  apiRequest<FollowUp>(`/officer/follow-ups/${encodeURIComponent(id)}/close`, {
    method: 'POST',
    body: { resolution },
  });

/** 财务: flagged payments and abnormal refunds waiting for a finance officer. */
export async function fetchFinanceQueue(): Promise<FinanceQueueEntry[]> {
  return (await apiRequest<{ items: FinanceQueueEntry[] }>('/officer/finance/payments')).items;
}

export const resolveFinanceItem = (outTradeNo: string, body: FinanceResolveRequest): Promise<FinanceQueueEntry> =>
  apiRequest<FinanceQueueEntry>(`/officer/finance/payments/${encodeURIComponent(outTradeNo)}/resolve`, {
    method: 'POST',
    body,
  });

/** Halls whose window appointments the officer may see (their department's; every hall for an inspector). */
export async function fetchHalls(): Promise<HallView[]> {
  const response = await apiRequest<{ halls: HallView[] }>('/officer/halls');
  return response.halls;
}

/** One hall's appointments on a China date (`YYYY-MM-DD`), by time. */
export async function fetchAppointments(hallId: string, date: string): Promise<OfficerAppointmentView[]> {
  const response = await apiRequest<{ items: OfficerAppointmentView[] }>('/officer/appointments', {
    query: { hallId, date },
  });
  return response.items;
}

/** 到号: the citizen is at the window. Only on the appointment's own date, once; inspectors may not. */
export const submitCheckIn = (id: string): Promise<OfficerAppointmentView> =>
  apiRequest<OfficerAppointmentView>(`/officer/appointments/${encodeURIComponent(id)}/check-in`, { method: 'POST' });

/**
 * 办件统计 for a China month (`YYYY-MM`): the officer's own department, or with scope `all`
 * (inspectors only) every department.
 */
export async function fetchStatistics(month: string, scope: 'department' | 'all'): Promise<DepartmentStatistics[]> {
  const response = await apiRequest<{ items: DepartmentStatistics[] }>('/officer/statistics', {
    query: { month, scope },
  });
  return response.items;
}

/** 节假日安排 (administrators): every year from 2025 with where its calendar comes from. */
export const fetchCalendar = (): Promise<CalendarOverview> => apiRequest<CalendarOverview>('/officer/calendar');

/** Enters or corrects a year's announced 调休; refused with 409 if someone saved it meanwhile. */
export const submitCalendarYear = (year: number, request: SaveArrangementRequest): Promise<CalendarYearView> =>
  apiRequest<CalendarYearView>(`/officer/calendar/${year}`, { method: 'PUT', body: request });
