import { randomUUID } from 'node:crypto';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/** Citizens' accounts, keyed by our own user id; the WeChat openid maps to it. */
const keys = {
  openid: store.openid,
  profile: store.profile,
};

export interface UserProfile {
  userId: string;
  openid: string;
  createdAt: string;
}

export async function findUserIdByOpenid(openid: string): Promise<string | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.openid(openid) }));
  return out.Item?.userId as string | undefined;
}

/**
 * Returns the user for an openid, creating it on first login. Idempotent: two concurrent
 * first logins create one user (conditional put on the openid item).
 */
export async function ensureUser(openid: string, now: string): Promise<{ userId: string; created: boolean }> {
  const existing = await findUserIdByOpenid(openid);
  if (existing) return { userId: existing, created: false };
  const userId = `u_${randomUUID().replace(/-/g, '')}`;
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.openid(openid), userId, createdAt: now },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.profile(userId), userId, openid, createdAt: now },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }),
    );
    return { userId, created: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const winner = await findUserIdByOpenid(openid);
    if (!winner) throw error;
    return { userId: winner, created: false };
  }
}

export async function getProfile(userId: string): Promise<UserProfile | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: keys.profile(userId) }));
  if (!out.Item) return undefined;
  return { userId: out.Item.userId, openid: out.Item.openid, createdAt: out.Item.createdAt };
}
