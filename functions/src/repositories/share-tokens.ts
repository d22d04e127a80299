import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { LicenceType, SharePurpose } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * QR tokens the wallet issued, and their revocations. The token itself carries everything a
 * verifier needs; these records only say whose it is (so only the holder may revoke it) and
 * whether it was revoked. Both expire with the token (table TTL on `expiresAtEpoch`): after
 * that the signature check refuses the token anyway.
 */
export interface ShareTokenRecord {
  jti: string;
  userId: string;
  licenceType: LicenceType;
  purpose: SharePurpose;
  issuedAt: string;
  expiresAtEpoch: number;
}

const keys = {
  issued: store.shareTokenIssued,
  revoked: store.shareTokenRevoked,
};

export async function insertShareToken(record: ShareTokenRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...keys.issued(record.jti), ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

/**
 * Revokes a token of this user. Idempotent: revoking twice leaves the first record.
 * Returns false when there is no such token of this user (unknown, someone else's, or expired
 * and already removed), without saying which.
 */
export async function revokeShareToken(userId: string, jti: string, revokedAt: string): Promise<boolean> {
  const issued = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.issued(jti), ConsistentRead: true }),
  );
  const record = issued.Item as ShareTokenRecord | undefined;
  if (!record || record.userId !== userId) return false;
  try {
    // The owner of an issued record never changes, so the read above settles who may revoke.
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.revoked(jti), jti, revokedAt, expiresAtEpoch: record.expiresAtEpoch },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  } catch (error) {
    // Already revoked: the outcome the caller asked for.
    if (!isConditionFailure(error)) throw error;
  }
  return true;
}

export async function isShareTokenRevoked(jti: string): Promise<boolean> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.revoked(jti), ConsistentRead: true }),
  );
  return Boolean(out.Item);
}
