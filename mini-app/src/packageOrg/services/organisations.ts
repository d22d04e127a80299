import { request } from '../../services/request';
import type { AuthoriseAgentRequest, OrganisationView } from '../../shared';

/** 我的单位: binding organisations and, for their legal representative, authorising 经办人. */

const orgPath = (creditCode: string, rest = '') => `/organisations/${encodeURIComponent(creditCode)}${rest}`;

/**
 * Adds an organisation after the server checks the citizen's authority in the register.
 * 400 CREDIT_CODE_FORMAT / CREDIT_CODE_CHECKSUM, 403 IDENTITY_REQUIRED / ORGANISATION_NOT_AUTHORISED,
 * 404 ORGANISATION_NOT_FOUND, 409 ORGANISATION_INACTIVE.
 */
export const bindOrganisation = (creditCode: string): Promise<OrganisationView> =>
  request<OrganisationView>('/organisations', { method: 'POST', data: { creditCode } });

/** Removes it from 我的单位 (idempotent; authorisations given by the legal representative stay). */
export const unbindOrganisation = (creditCode: string): Promise<void> =>
  request<void>(orgPath(creditCode), { method: 'DELETE' });

/** Legal representative only (403 ORGANISATION_LEGAL_REP_ONLY); answers the updated view. */
export const authoriseAgent = (creditCode: string, body: AuthoriseAgentRequest): Promise<OrganisationView> =>
  request<OrganisationView>(orgPath(creditCode, '/agents'), { method: 'POST', data: body });

/** Legal representative only; 404 AGENT_NOT_FOUND. Answers the updated view. */
export const revokeAgent = (creditCode: string, agentId: string): Promise<OrganisationView> =>
  request<OrganisationView>(orgPath(creditCode, `/agents/${encodeURIComponent(agentId)}`), { method: 'DELETE' });
