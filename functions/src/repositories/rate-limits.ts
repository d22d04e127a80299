import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Counter items for rate limits. The subject (a source IP, a username, a user id) is stored
 * only as its hash: keys stay short whatever the input, and no address or name sits in a key.
 * Every item carries a TTL, so DynamoDB removes spent counters itself.
 */
const keys = {
  window: store.rateWindow,
  backoff: store.rateBackoff,
};

/**
 * Takes one unit of a fixed window's allowance: one conditional UpdateItem, so concurrent
 * callers can never take more than `limit` between them. False when the allowance is spent.
 */
export async function takeFromWindow(
  rule: string,
  subject: string,
  window: number,
  limit: number,
  expiresAtEpoch: number,
): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.window(rule, subject, window),
        UpdateExpression: 'ADD used :one SET expiresAtEpoch = :exp',
        ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
        ExpressionAttributeValues: { ':one': 1, ':exp': expiresAtEpoch, ':limit': limit },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Attempts since the last success, and when the next one may start (epoch seconds). */
export interface BackoffState {
  attempts: number;
  nextAttemptAt: number;
  expiresAtEpoch: number;
}

export async function getBackoff(rule: string, subject: string): Promise<BackoffState | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: keys.backoff(rule, subject), ConsistentRead: true }),
  );
  if (!out.Item) return undefined;
  const { attempts, nextAttemptAt, expiresAtEpoch } = out.Item as BackoffState;
  return { attempts, nextAttemptAt, expiresAtEpoch };
}

/**
 * Replaces the back-off state only if it is still the one read (`seen`), so of concurrent
 * attempts exactly one takes each slot. False when another attempt got there first.
 */
export async function replaceBackoff(
  rule: string,
  subject: string,
  seen: BackoffState | undefined,
  next: BackoffState,
): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.backoff(rule, subject), ...next },
        ...(seen
          ? {
              ConditionExpression: 'attempts = :attempts AND expiresAtEpoch = :exp',
              ExpressionAttributeValues: { ':attempts': seen.attempts, ':exp': seen.expiresAtEpoch },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Forgets the back-off state after a success; deleting an absent item is harmless. */
export async function clearBackoff(rule: string, subject: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: keys.backoff(rule, subject) }));
}
