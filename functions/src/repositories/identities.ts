import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, failedConditionIndex, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Real-name identities and the verifications that lead to them. The identity record is the
 * only place an ID number is kept, and only sealed (envelope-encrypted) plus a keyed hash.
 */
const keys = {
  identity: store.identity,
  pending: store.pendingVerification,
  attempts: store.verificationAttempts,
  idNumberHash: store.idNumberHash,
  usedFaceResult: store.usedFaceResult,
};

/** Context strings bind sealed values to their record, so a value cannot be copied elsewhere. */
export const sealContext = {
  pending: (userId: string) => `verification:${userId}`,
  identity: (userId: string) => `identity:${userId}`,
};

export interface IdentityRecord {
  userId: string;
  sealedPerson: string;
  idNumberHash: string;
  nameMasked: string;
  idNumberMasked: string;
  method: 'face' | 'window';
  verifiedAt: string;
}

export interface PendingVerification {
  userId: string;
  sealedPerson: string;
  idNumberHash: string;
  startedAtEpoch: number;
  expiresAtEpoch: number;
}

export async function getIdentity(userId: string): Promise<IdentityRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.identity(userId) }));
  if (!out.Item) return undefined;
  const { PK: _pk, SK: _sk, ...record } = out.Item;
  return record as IdentityRecord;
}

/** The user currently bound to an ID number hash, if any. */
export async function findUserIdByIdNumberHash(hash: string): Promise<string | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.idNumberHash(hash) }));
  return out.Item?.userId as string | undefined;
}

/**
 * Counts one verification attempt for the day and returns how many are left.
 * Returns -1 (and counts nothing) when the daily limit is already reached.
 */
export async function countAttempt(
  userId: string,
  day: string,
  limit: number,
  expiresAtEpoch: number,
): Promise<number> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.attempts(userId, day),
        UpdateExpression: 'ADD attempts :one SET expiresAtEpoch = :exp',
        ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':exp': expiresAtEpoch },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return limit - Number(out.Attributes?.attempts ?? limit);
  } catch (error) {
    if (isConditionFailure(error)) return -1;
    throw error;
  }
}

export async function putPendingVerification(pending: PendingVerification): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...keys.pending(pending.userId), ...pending } }),
  );
}

export async function getPendingVerification(userId: string): Promise<PendingVerification | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.pending(userId), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const { PK: _pk, SK: _sk, ...pending } = out.Item;
  return pending as PendingVerification;
}

export async function deletePendingVerification(userId: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.pending(userId) }));
}

/** Marks a face result as used; false when it was used before (replay). */
export async function claimFaceResult(resultHash: string, expiresAtEpoch: number): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.usedFaceResult(resultHash), expiresAtEpoch },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export type BindOutcome = 'bound' | 'already-verified' | 'bound-elsewhere';

/**
 * Binds a verified identity to the user in one transaction: the identity record, the
 * ID-number uniqueness record (one WeChat account per person) and removal of the pending
 * verification. Nothing is written unless all three succeed.
 */
export async function bindIdentity(identity: IdentityRecord): Promise<BindOutcome> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.identity(identity.userId), ...identity },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.idNumberHash(identity.idNumberHash),
                userId: identity.userId,
                boundAt: identity.verifiedAt,
              },
              ConditionExpression: 'attribute_not_exists(PK) OR userId = :me',
              ExpressionAttributeValues: { ':me': identity.userId },
            },
          },
          { Delete: { TableName: tableName(), Key: keys.pending(identity.userId) } },
        ],
      }),
    );
    return 'bound';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return failedConditionIndex(error) === 0 ? 'already-verified' : 'bound-elsewhere';
  }
}
