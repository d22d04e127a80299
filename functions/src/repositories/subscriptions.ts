import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * One-time subscribe-message quota per citizen and template: each "accept" the citizen gives
 * in wx.requestSubscribeMessage allows one send (WeChat answers 43101 beyond that). We keep
 * our own count so a message with no accept left goes to the message centre without asking
 * WeChat; WeChat's answer still wins when the two disagree.
 */
const key = store.subscription;

export async function addAccepts(userId: string, templateId: string, count: number, at: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(userId, templateId),
      UpdateExpression: 'ADD accepts :n SET templateId = :t, updatedAt = :at',
      ExpressionAttributeValues: { ':n': count, ':t': templateId, ':at': at },
    }),
  );
}

/** Uses one accept; false when none is left. */
export async function takeAccept(userId: string, templateId: string): Promise<boolean> {
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(userId, templateId),
        UpdateExpression: 'ADD accepts :minus',
        ConditionExpression: 'accepts >= :one',
        ExpressionAttributeValues: { ':minus': -1, ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Gives back an accept taken for a message WeChat did not send. */
export async function returnAccept(userId: string, templateId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(userId, templateId),
      UpdateExpression: 'ADD accepts :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** WeChat said 43101: whatever we counted, none is left. */
export async function clearAccepts(userId: string, templateId: string, at: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(userId, templateId),
      UpdateExpression: 'SET accepts = :zero, updatedAt = :at',
      ExpressionAttributeValues: { ':zero': 0, ':at': at },
    }),
  );
}

/** templateId → accepts left. */
export async function listAccepts(userId: string): Promise<Record<string, number>> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sub)',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ':sub': store.subscriptionPrefix },
    }),
  );
  return Object.fromEntries((out.Items ?? []).map((item) => [String(item.templateId), Number(item.accepts ?? 0)]));
}
