import { QueryCommand, type TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * The in-app message centre (消息中心): messages that could not go out as WeChat subscribe
 * messages, kept in the citizen's own partition, newest first. A message id sorts by time,
 * so listing is one Query; nobody can reach another citizen's messages because every key
 * starts with the caller's own user id.
 */
/** What a notice is about (an outbox record's and a message's kind). */
export type OutboxKind = 'application' | 'payment' | 'reminder' | 'appointment';

export interface MessageRecord {
  id: string;
  userId: string;
  kind: OutboxKind;
  title: string;
  body: string;
  page: string;
  createdAt: string;
  readAt?: string;
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const key = store.message;
const RETENTION_SECONDS = 365 * 24 * 3600;

const fromItem = (item: Record<string, unknown>): MessageRecord => {
  const { PK: _a, SK: _b, expiresAtEpoch: _c, ...rest } = item;
  return rest as unknown as MessageRecord;
};

/** The message's write, for the transaction that marks its outbox record sent; at most once per id. */
export function messagePut(message: MessageRecord): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...key(message.userId, message.id),
        ...message,
        expiresAtEpoch: Math.floor(Date.parse(message.createdAt) / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function listMessages(userId: string, limit = 50): Promise<MessageRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :msg)',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ':msg': store.messagePrefix },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (out.Items ?? []).map(fromItem);
}

/** Marks one of the citizen's messages read (the first reading time is kept). Undefined if there is no such message. */
export async function markMessageRead(userId: string, id: string, at: string): Promise<MessageRecord | undefined> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(userId, id),
        UpdateExpression: 'SET readAt = if_not_exists(readAt, :at)',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':at': at },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? fromItem(out.Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
