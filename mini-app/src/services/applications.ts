import type {
  ApplicationSummary,
  ApplicationView,
  RatingRequest,
  SaveDraftRequest,
  SupplyRequest,
  UploadTicket,
} from '../shared';
import { request } from './request';

/** The citizen's side of the application engine (see the API contract). */

const path = (id: string, action = '') => `/applications/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

/** Starts a draft; 403 IDENTITY_REQUIRED when the citizen is not real-name verified. */
export const createApplication = (itemCode: string): Promise<ApplicationView> =>
  request<ApplicationView>('/applications', { method: 'POST', data: { itemCode } });

/** Newest first. */
export const listApplications = async (): Promise<ApplicationSummary[]> =>
  (await request<{ items: ApplicationSummary[] }>('/applications')).items;

export const fetchApplication = (id: string): Promise<ApplicationView> => request<ApplicationView>(path(id));

export const saveDraft = (id: string, body: SaveDraftRequest): Promise<ApplicationView> =>
  request<ApplicationView>(path(id), { method: 'PUT', data: body });

export const submitApplication = (id: string, expectedVersion: number): Promise<ApplicationView> =>
  request<ApplicationView>(path(id, 'submit'), { method: 'POST', data: { expectedVersion } });

export const withdrawApplication = (id: string, expectedVersion: number, reason?: string): Promise<ApplicationView> =>
  request<ApplicationView>(path(id, 'withdraw'), {
    method: 'POST',
    data: reason ? { expectedVersion, reason } : { expectedVersion },
  });

export const supplyMaterials = (id: string, body: SupplyRequest): Promise<ApplicationView> =>
  request<ApplicationView>(path(id, 'supplement'), { method: 'POST', data: body });

export const rateApplication = (id: string, body: RatingRequest): Promise<ApplicationView> =>
  request<ApplicationView>(path(id, 'rating'), { method: 'POST', data: body });

export interface UploadTicketRequest {
  applicationId: string;
  materialKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

export const requestUploadTicket = (body: UploadTicketRequest): Promise<UploadTicket> =>
  request<UploadTicket>('/uploads', { method: 'POST', data: body });
