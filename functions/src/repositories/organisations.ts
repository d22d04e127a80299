import { DeleteCommand, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { OrganisationRole } from '@minsheng/shared';
import { dynamo, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Organisations: the register entries received from market regulation (synthetic seed data
 * locally), which citizens act for them, and the agents each legal representative authorised.
 * Agents are keyed by the keyed hash of their ID number: the number itself is never stored.
 */
export interface RegisteredOrganisation {
  creditCode: string;
  name: string;
  address: string;
  /** Public on the business licence. */
  legalRepName: string;
  /** Keyed hash of the legal representative's ID number (for matching, never shown). */
  legalRepIdHash: string;
  status: 'active' | 'cancelled' | 'revoked';
  licenceValidUntil: string;
  registeredAt: string;
}

export interface OrganisationBinding {
  userId: string;
  creditCode: string;
  role: OrganisationRole;
  boundAt: string;
}

export interface AgentAuthorisation {
  creditCode: string;
  agentIdHash: string;
  nameMasked: string;
  idNumberMasked: string;
  authorisedBy: string;
  /** Keyed hash of the authorising legal representative's ID number: the authorisation lapses when the register names someone else. */
  authoriserIdHash: string;
  authorisedAt: string;
}

const keys = {
  register: store.organisationRegister,
  binding: store.organisationBinding,
  agent: store.organisationAgent,
};

const strip = <T>(item: Record<string, unknown>): T => {
  const { PK: _p, SK: _s, ...rest } = item;
  return rest as T;
};

export async function getRegisteredOrganisation(code: string): Promise<RegisteredOrganisation | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.register(code) }));
  return out.Item ? strip<RegisteredOrganisation>(out.Item) : undefined;
}

/** Writes a register entry, as the data exchange (or the local seed) delivers it. */
export async function putRegisteredOrganisation(org: RegisteredOrganisation): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { ...keys.register(org.creditCode), ...org } }));
}

/** Records that the citizen acts for the organisation (re-binding refreshes the role). */
export async function putBinding(binding: OrganisationBinding): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.binding(binding.userId, binding.creditCode), ...binding },
    }),
  );
}

export async function getBinding(userId: string, code: string): Promise<OrganisationBinding | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.binding(userId, code), ConsistentRead: true }),
  );
  return out.Item ? strip<OrganisationBinding>(out.Item) : undefined;
}

export async function deleteBinding(userId: string, code: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.binding(userId, code) }));
}

export async function listBindings(userId: string): Promise<OrganisationBinding[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :org)',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ':org': store.organisationBindingPrefix },
    }),
  );
  return (out.Items ?? []).map((item) => strip<OrganisationBinding>(item));
}

export async function putAgent(agent: AgentAuthorisation): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.agent(agent.creditCode, agent.agentIdHash), ...agent } }),
  );
}

export async function getAgent(code: string, idHash: string): Promise<AgentAuthorisation | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.agent(code, idHash), ConsistentRead: true }),
  );
  return out.Item ? strip<AgentAuthorisation>(out.Item) : undefined;
}

export async function deleteAgent(code: string, idHash: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.agent(code, idHash) }));
}

export async function listAgents(code: string): Promise<AgentAuthorisation[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :agent)',
      ExpressionAttributeValues: { ':pk': store.organisationPartition(code), ':agent': store.organisationAgentPrefix },
    }),
  );
  return (out.Items ?? []).map((item) => strip<AgentAuthorisation>(item));
}
