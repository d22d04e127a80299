import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Citizen sessions as refresh-token families. A login starts a family (one per device); each
 * refresh consumes the token (single use) and issues the next one in the same family; reusing a
 * consumed token ends the family (a copied token is worth nothing once either party refreshes). A family
 * ends at a fixed time set at login — rotation never extends it — or when revoked (logout, or
 * pushed out by newer logins beyond the per-user cap). Tokens are stored only as their hash.
 */
const keys = {
  token: store.refreshToken,
  family: store.sessionFamily,
  familySk: store.sessionFamilySk,
};

const newToken = () => randomBytes(32).toString('base64url');

function tokenPut(token: string, userId: string, familySk: string, expiresAtEpoch: number) {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...keys.token(token), userId, familySk, expiresAtEpoch },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Starts a family for a new login and returns its first refresh token. */
export async function startFamily(userId: string, nowMs: number, ttlSeconds: number): Promise<string> {
  const token = newToken();
  const nowSeconds = Math.floor(nowMs / 1000);
  const familySk = keys.familySk(nowMs, randomUUID());
  const expiresAtEpoch = nowSeconds + ttlSeconds;
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.family(userId, familySk), startedAtEpoch: nowSeconds, expiresAtEpoch },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        tokenPut(token, userId, familySk, expiresAtEpoch),
      ],
    }),
  );
  return token;
}

/** The user's live families' keys, oldest first. */
export async function liveFamilies(userId: string, nowSeconds: number): Promise<string[]> {
  const found: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :session)',
        FilterExpression: 'expiresAtEpoch > :now',
        ExpressionAttributeValues: {
          ':pk': store.userPartition(userId),
          ':session': store.sessionFamilyPrefix,
          ':now': nowSeconds,
        },
        ProjectionExpression: 'SK',
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of out.Items ?? []) found.push(item.SK as string);
    start = out.LastEvaluatedKey;
  } while (start);
  return found;
}

/** Ends a family: its outstanding refresh token no longer rotates. Revoking twice is harmless. */
export async function revokeFamily(userId: string, familySk: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.family(userId, familySk) }));
}

export interface ConsumedToken {
  userId: string;
  familySk: string;
  expiresAtEpoch: number;
}

/**
 * Consumes a refresh token (single use). The item is kept, marked used, until it expires: a
 * second use of a used token means it was copied, and the caller ends its family.
 * - `fresh`: first use, the family may continue;
 * - `reused`: used before (the family is to be revoked);
 * - undefined: unknown or expired (or issued before families existed).
 */
export async function consumeRefreshToken(
  token: string,
  nowSeconds: number,
): Promise<
  { kind: 'fresh'; token: ConsumedToken } | { kind: 'reused'; token: ConsumedToken; usedAtEpoch: number } | undefined
> {
  const read = (item: Record<string, unknown> | undefined): ConsumedToken | undefined =>
    item?.familySk
      ? {
          userId: item.userId as string,
          familySk: item.familySk as string,
          expiresAtEpoch: Number(item.expiresAtEpoch),
        }
      : undefined;
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.token(token),
        UpdateExpression: 'SET usedAtEpoch = :now',
        ConditionExpression: 'attribute_exists(PK) AND expiresAtEpoch > :now AND attribute_not_exists(usedAtEpoch)',
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValues: 'ALL_OLD',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    const consumed = read(out.Attributes);
    return consumed && { kind: 'fresh', token: consumed };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // lib-dynamodb leaves the item on a condition failure in wire format ({ S: … }, { N: … }).
    const raw = (error as { Item?: Record<string, { S?: string; N?: string }> }).Item;
    const item = raw && {
      userId: raw.userId?.S,
      familySk: raw.familySk?.S,
      expiresAtEpoch: raw.expiresAtEpoch?.N,
    };
    const consumed = read(item);
    if (!consumed || !raw?.usedAtEpoch || consumed.expiresAtEpoch <= nowSeconds) return undefined;
    return { kind: 'reused', token: consumed, usedAtEpoch: Number(raw.usedAtEpoch.N) };
  }
}

/**
 * Issues the next token of a family, only if the family is still live (not revoked, not
 * expired). Undefined when it is not.
 */
export async function continueFamily(consumed: ConsumedToken, nowSeconds: number): Promise<string | undefined> {
  const token = newToken();
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName(),
              Key: keys.family(consumed.userId, consumed.familySk),
              ConditionExpression: 'attribute_exists(PK) AND expiresAtEpoch > :now',
              ExpressionAttributeValues: { ':now': nowSeconds },
            },
          },
          tokenPut(token, consumed.userId, consumed.familySk, consumed.expiresAtEpoch),
        ],
      }),
    );
    return token;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
