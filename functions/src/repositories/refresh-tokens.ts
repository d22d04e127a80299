import { randomBytes } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { sha256Hex } from '../crypto/keyed-hash';

/** Refresh tokens are stored only as their hash and are single use (rotated on every refresh). */
const key = (token: string) => ({ PK: `REFRESH#${sha256Hex(token)}`, SK: 'REFRESH' });

export async function issueRefreshToken(userId: string, nowSeconds: number, ttlSeconds: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key(token), userId, expiresAtEpoch: nowSeconds + ttlSeconds },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
  return token;
}

/**
 * Consumes a refresh token and returns its user, or undefined when it is unknown, expired
 * or already used. The conditional delete makes a concurrent second use fail.
 */
export async function consumeRefreshToken(token: string, nowSeconds: number): Promise<string | undefined> {
  try {
    const out = await dynamo().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: key(token),
        ConditionExpression: 'attribute_exists(PK) AND expiresAtEpoch > :now',
        ExpressionAttributeValues: { ':now': nowSeconds },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes?.userId as string | undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
