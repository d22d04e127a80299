import {
  AppError,
  type AuthoriseAgentRequest,
  type BindOrganisationRequest,
  maskIdNumber,
  maskName,
  type OrganisationRole,
  type OrganisationView,
} from '@minsheng/shared';
import { idNumberLookupHash } from '../crypto/personal-data';
import { nowIso } from '../lib/clock';
import { log } from '../lib/log';
import type { ApplicationRecord } from '../repositories/applications';
import { getIdentity, type IdentityRecord } from '../repositories/identities';
import {
  type AgentAuthorisation,
  deleteAgent,
  deleteBinding,
  getAgent,
  getBinding,
  getRegisteredOrganisation,
  listAgents,
  listBindings,
  putAgent,
  putBinding,
  type RegisteredOrganisation,
} from '../repositories/organisations';

/**
 * Acting for an organisation (法人办事). A verified citizen whose ID number is the registered
 * legal representative's acts as 法定代表人; anyone else only as an agent (经办人) the legal
 * representative authorised in the app. Authority is re-checked on every use, so revoking an
 * agent or a change in the register takes effect at once.
 */

async function requireIdentity(userId: string): Promise<IdentityRecord> {
  const identity = await getIdentity(userId);
  if (!identity) throw new AppError('IDENTITY_REQUIRED');
  return identity;
}

async function activeOrganisation(creditCode: string): Promise<RegisteredOrganisation> {
  const org = await getRegisteredOrganisation(creditCode);
  if (!org) throw new AppError('ORGANISATION_NOT_FOUND');
  if (org.status !== 'active') throw new AppError('ORGANISATION_INACTIVE');
  return org;
}

/** The role the register and the authorisations give this person, if any. */
async function roleOf(identity: IdentityRecord, org: RegisteredOrganisation): Promise<OrganisationRole | undefined> {
  if (identity.idNumberHash === org.legalRepIdHash) return 'legal-representative';
  const agent = await getAgent(org.creditCode, identity.idNumberHash);
  // Only authorisations by the legal representative the register names today count.
  return agent && agent.authoriserIdHash === org.legalRepIdHash ? 'agent' : undefined;
}

const agentId = (a: AgentAuthorisation) => a.agentIdHash.slice(0, 16);

async function view(org: RegisteredOrganisation, role: OrganisationRole): Promise<OrganisationView> {
  const agents =
    role === 'legal-representative'
      ? (await listAgents(org.creditCode)).map((a) => ({
          id: agentId(a),
          nameMasked: a.nameMasked,
          idNumberMasked: a.idNumberMasked,
          authorisedAt: a.authorisedAt,
          current: a.authoriserIdHash === org.legalRepIdHash,
        }))
      : undefined;
  return {
    creditCode: org.creditCode,
    name: org.name,
    address: org.address,
    legalRepresentative: org.legalRepName,
    licenceValidUntil: org.licenceValidUntil,
    role,
    ...(agents ? { agents } : {}),
  };
}

/**
 * The organisation the citizen acts for, checked now. For the application engine.
 * @throws AppError IDENTITY_REQUIRED | ORGANISATION_NOT_FOUND | ORGANISATION_INACTIVE | ORGANISATION_NOT_AUTHORISED
 */
export async function actingFor(
  userId: string,
  creditCode: string,
): Promise<{ org: RegisteredOrganisation; role: OrganisationRole }> {
  const identity = await requireIdentity(userId);
  const org = await activeOrganisation(creditCode);
  const [binding, role] = await Promise.all([getBinding(userId, creditCode), roleOf(identity, org)]);
  if (!binding || !role) throw new AppError('ORGANISATION_NOT_AUTHORISED');
  return { org, role };
}

/**
 * Adds an organisation to 我的单位 after checking the citizen's authority in the register.
 * @throws AppError IDENTITY_REQUIRED | ORGANISATION_NOT_FOUND | ORGANISATION_INACTIVE | ORGANISATION_NOT_AUTHORISED
 */
export async function bindOrganisation(userId: string, request: BindOrganisationRequest): Promise<OrganisationView> {
  const identity = await requireIdentity(userId);
  const org = await activeOrganisation(request.creditCode);
  const role = await roleOf(identity, org);
  if (!role) {
    log.info('organisation binding refused', { userId, creditCode: org.creditCode });
    throw new AppError('ORGANISATION_NOT_AUTHORISED');
  }
  await putBinding({ userId, creditCode: org.creditCode, role, boundAt: nowIso() });
  log.info('organisation bound', { userId, creditCode: org.creditCode, role });
  return view(org, role);
}

/** 我的单位: organisations the citizen still has authority for (lapsed ones drop out). */
export async function myOrganisations(userId: string): Promise<OrganisationView[]> {
  const identity = await getIdentity(userId);
  if (!identity) return [];
  const views = await Promise.all(
    (await listBindings(userId)).map(async (binding) => {
      const org = await getRegisteredOrganisation(binding.creditCode);
      const role = org && org.status === 'active' ? await roleOf(identity, org) : undefined;
      return org && role ? view(org, role) : undefined;
    }),
  );
  return views.filter((v): v is OrganisationView => Boolean(v));
}

export async function unbindOrganisation(userId: string, creditCode: string): Promise<void> {
  await deleteBinding(userId, creditCode);
}

async function asLegalRepresentative(userId: string, creditCode: string): Promise<RegisteredOrganisation> {
  const { org, role } = await actingFor(userId, creditCode);
  if (role !== 'legal-representative') throw new AppError('ORGANISATION_LEGAL_REP_ONLY');
  return org;
}

/**
 * The legal representative authorises a person (by name and ID number) to act for the
 * organisation. Only the keyed hash and masked forms of the number are kept.
 * @throws AppError ORGANISATION_NOT_AUTHORISED | ORGANISATION_LEGAL_REP_ONLY | …
 */
export async function authoriseAgent(
  userId: string,
  creditCode: string,
  request: AuthoriseAgentRequest,
): Promise<OrganisationView> {
  const org = await asLegalRepresentative(userId, creditCode);
  const agentIdHash = idNumberLookupHash(request.idNumber);
  if (agentIdHash === org.legalRepIdHash) throw new AppError('AGENT_IS_LEGAL_REP');
  await putAgent({
    creditCode: org.creditCode,
    agentIdHash,
    authoriserIdHash: org.legalRepIdHash,
    nameMasked: maskName(request.name),
    idNumberMasked: maskIdNumber(request.idNumber),
    authorisedBy: userId,
    authorisedAt: nowIso(),
  });
  log.info('organisation agent authorised', { userId, creditCode: org.creditCode });
  return view(org, 'legal-representative');
}

/** @throws AppError AGENT_NOT_FOUND | ORGANISATION_LEGAL_REP_ONLY | … */
export async function revokeAgent(userId: string, creditCode: string, id: string): Promise<OrganisationView> {
  const org = await asLegalRepresentative(userId, creditCode);
  const agent = (await listAgents(org.creditCode)).find((a) => agentId(a) === id);
  if (!agent) throw new AppError('AGENT_NOT_FOUND');
  await deleteAgent(org.creditCode, agent.agentIdHash);
  log.info('organisation agent revoked', { userId, creditCode: org.creditCode });
  return view(org, 'legal-representative');
}

/** What an officer sees of the organisation behind a case, and its business licence standing in for a copy. */
export async function organisationForOfficer(organisation: NonNullable<ApplicationRecord['organisation']>) {
  const org = await getRegisteredOrganisation(organisation.creditCode);
  return {
    summary: {
      ...organisation,
      legalRepresentative: org?.legalRepName ?? '',
      status: org?.status ?? 'unknown',
      licenceValidUntil: org?.licenceValidUntil ?? '',
    },
    businessLicence: org
      ? {
          证照名称: '营业执照',
          单位名称: org.name,
          统一社会信用代码: org.creditCode,
          法定代表人: org.legalRepName,
          住所: org.address,
          成立日期: org.registeredAt,
          营业期限至: org.licenceValidUntil,
          登记状态: org.status === 'active' ? '存续' : '注销/吊销',
        }
      : undefined,
  };
}
