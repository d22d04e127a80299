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

/**
 * Starts a draft in the citizen's own name, or in the name of an organisation they act for
 * (`organisationCreditCode`: the organisation's fields come prefilled from the register, locked).
 * 403 IDENTITY_REQUIRED when not real-name verified; 400 ORGANISATION_REQUIRED (organisation-only
 * item without one) / ORGANISATION_NOT_ACCEPTED (person-only item with one); 403
 * ORGANISATION_NOT_AUTHORISED; 404 ORGANISATION_NOT_FOUND; 409 ORGANISATION_INACTIVE.
 */
export const createApplication = (itemCode: string, organisationCreditCode?: string): Promise<ApplicationView> =>
  request<ApplicationView>('/applications', {
    method: 'POST',
    data: organisationCreditCode ? { itemCode, organisationCreditCode } : { itemCode },
  });

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
  /** SHA-256 of the file's bytes, base64: signed into the upload URL. */
  sha256: string;
  applicationId: string;
  materialKey: string;
  fileName: string;
  contentType: string;
  size: number;
}

export const requestUploadTicket = (body: UploadTicketRequest): Promise<UploadTicket> =>
  request<UploadTicket>('/uploads', { method: 'POST', data: body });
