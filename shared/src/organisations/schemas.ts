import '../zod-chinese';
import { z } from 'zod';
import { ErrorCatalog } from '../errors';
import { IdNumber, PersonName } from '../schemas/identity';
import { findCreditCodeProblem, normaliseCreditCode } from './credit-code';

/**
 * Organisations (法人及其他组织) a verified citizen acts for. The legal representative is
 * recognised from the market-regulation register (their ID number matches); anyone else acts as
 * an agent (经办人) only while the legal representative's authorisation stands.
 */
export const CreditCode = z
  .string({ required_error: ErrorCatalog.CREDIT_CODE_FORMAT.message })
  .max(40, ErrorCatalog.CREDIT_CODE_FORMAT.message)
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = findCreditCodeProblem(code);
    if (problem) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: ErrorCatalog[problem].message, params: { code: problem } });
    }
  });

export const OrganisationRole = z.enum(['legal-representative', 'agent']);
export type OrganisationRole = z.infer<typeof OrganisationRole>;
export const ORGANISATION_ROLE_LABEL: Record<OrganisationRole, string> = {
  'legal-representative': '法定代表人',
  agent: '经办人',
};

export const BindOrganisationRequest = z.object({ creditCode: CreditCode }).strict();
export type BindOrganisationRequest = z.infer<typeof BindOrganisationRequest>;

export const AuthoriseAgentRequest = z.object({ name: PersonName, idNumber: IdNumber }).strict();
export type AuthoriseAgentRequest = z.infer<typeof AuthoriseAgentRequest>;

export interface AgentView {
  /** Opaque id of the authorisation (what the legal representative revokes). */
  id: string;
  nameMasked: string;
  idNumberMasked: string;
  authorisedAt: string;
  /** False for an authorisation by a former legal representative (no longer honoured; revoke it). */
  current: boolean;
}

export interface OrganisationView {
  creditCode: string;
  name: string;
  address: string;
  legalRepresentative: string;
  licenceValidUntil: string;
  role: OrganisationRole;
  /** The legal representative's view lists the agents they authorised. */
  agents?: AgentView[];
}
