import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { LicenceType } from '@minsheng/shared';
import { dynamo, tableName } from '../adapters/dynamo';

/**
 * Electronic licences held for a citizen, as received from the police systems through the
 * data-sharing exchange (seeded with synthetic records locally). Numbers are kept masked only.
 */
export interface LicenceRecord {
  userId: string;
  type: LicenceType;
  numberMasked: string;
  validUntil: string;
  /** Display fields an officer may see when the licence stands in for a material. */
  fields: Record<string, string>;
  /** Risk or status flags from the issuing system (e.g. 挂失, 布控); any flag blocks automatic decisions. */
  flags: string[];
  /** Count of endorsements already issued on a travel permit. */
  endorsementsIssued?: number;
  receivedAt: string;
}

const key = (userId: string, type: LicenceType) => ({ PK: `USER#${userId}`, SK: `LICENCE#${type}` });

export async function putLicence(licence: LicenceRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...key(licence.userId, licence.type), ...licence } }),
  );
}

export async function listLicences(userId: string): Promise<LicenceRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':prefix': 'LICENCE#' },
    }),
  );
  return (out.Items ?? []).map(({ PK: _p, SK: _s, ...licence }) => licence as LicenceRecord);
}
