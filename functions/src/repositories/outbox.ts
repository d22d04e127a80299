import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { OUTBOX_TRANSITIONS, type OutboxStatus } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import type { SubscribeTemplateKey } from '../config';
import { indexKeys, keys as store } from '../store/keys';
import { type MessageRecord, messagePut, type OutboxKind } from './messages';

/**
 * The notification outbox: one record per event a citizen should hear about, written in the
 * same transaction as the event itself and keyed by the event, so the same event can never be
 * queued twice. Records waiting to be sent (or held by a worker) sit in the GSI1 partitions
 * OUTBOX#PENDING#<shard> ordered by when they are next due, so the worker reads only those;
 * the shards keep a busy day's index writes under one partition's limit.
 *
 * Life of a record: OUTBOX_TRANSITIONS in shared. Each conditional write below is one row of
 * that table: its condition names the `from` status, its new status is the table's target.
 */
export type { OutboxKind };
export type { OutboxStatus };
const { claim: CLAIMED } = OUTBOX_TRANSITIONS.pending;
const { take_over: TAKEN_OVER, mark_sent: SENT, retry_later: REQUEUED } = OUTBOX_TRANSITIONS.sending;
export type DeliveryChannel = 'subscribe' | 'inbox';

export interface OutboxMessage {
  /** Names the event: `APP#<id>#<version>`, `PAY#<outTradeNo>#<status>`, `REMIND#…#<threshold>`, `APPT#<id>#<status>`. */
  eventKey: string;
  userId: string;
  kind: OutboxKind;
  template: SubscribeTemplateKey;
  /** Subscribe-message keyword → value. */
  data: Record<string, string>;
  /** Mini-program page the message opens (no leading slash). */
  page: string;
  /** For the message centre. */
  title: string;
  body: string;
  createdAt: string;
}

export interface OutboxRecord extends OutboxMessage {
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string;
  leaseOwner?: string;
  leaseUntil?: string;
  channel?: DeliveryChannel;
  /** Why a message went to the message centre rather than WeChat. */
  fallbackReason?: string;
  lastError?: string;
  sentAt?: string;
}

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const key = store.outbox;
export const OUTBOX_SHARDS = 8;
function pendingShard(eventKey: string): number {
  let hash = 0;
  for (const ch of eventKey) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return hash % OUTBOX_SHARDS;
}
const indexed = (at: string, eventKey: string) => indexKeys.outboxPending(pendingShard(eventKey), at, eventKey);
/** Sent records are kept for a while (support, audits), then expire. */
const SENT_RETENTION_SECONDS = 180 * 24 * 3600;

function fromItem(item: Record<string, unknown>): OutboxRecord {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, expiresAtEpoch: _e, ...rest } = item;
  return rest as unknown as OutboxRecord;
}

function newItem(message: OutboxMessage): Record<string, unknown> {
  const record: OutboxRecord = {
    ...message,
    status: 'pending' satisfies OutboxStatus,
    attempts: 0,
    nextAttemptAt: message.createdAt,
  };
  return { ...key(message.eventKey), ...record, ...indexed(record.nextAttemptAt, record.eventKey) };
}

/** The outbox write for the transaction of the event itself; fails the transaction if the event was queued already. */
export function outboxPut(message: OutboxMessage): TransactItem {
  return { Put: { TableName: tableName(), Item: newItem(message), ConditionExpression: 'attribute_not_exists(PK)' } };
}

/** Queues a message on its own (no event transaction); false when its event was queued already. */
export async function queueOnce(item: TransactItem): Promise<boolean> {
  if (!item.Put) throw new Error('queueOnce takes an outbox put');
  try {
    await dynamo().send(new PutCommand(item.Put));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getOutbox(eventKey: string): Promise<OutboxRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(eventKey), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** Event keys of records in one shard due by `asOf` (pending and due, or held under an expired lease), oldest first. */
export async function listDueOutbox(
  asOf: string,
  shard: number,
  limit: number,
  startKey?: Record<string, unknown>,
): Promise<{ eventKeys: string[]; next?: Record<string, unknown> }> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pending AND GSI1SK <= :until',
      ExpressionAttributeValues: { ':pending': indexKeys.outboxPendingShard(shard), ':until': `${asOf}~` },
      ProjectionExpression: 'PK',
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    eventKeys: (out.Items ?? []).map((item) => store.eventKeyOf(String(item.PK))),
    next: out.LastEvaluatedKey,
  };
}

/**
 * Claims a record for sending: succeeds for exactly one caller, and only if the record is
 * pending and due, or held by a worker whose lease has run out (`takenOver`: that worker may
 * or may not have sent it). Undefined when there is nothing to do (sent, not due, held).
 */
export async function claimOutbox(
  eventKey: string,
  owner: string,
  now: string,
  leaseUntil: string,
): Promise<{ record: OutboxRecord; takenOver: boolean } | undefined> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(eventKey),
        UpdateExpression:
          'SET #status = :sending, leaseOwner = :owner, leaseUntil = :until, attempts = attempts + :one, GSI1SK = :sk',
        ConditionExpression:
          '(#status = :pending AND nextAttemptAt <= :now) OR (#status = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          // Both rows lead to the same status: a claim from pending, a take-over of an expired lease.
          ':sending': CLAIMED satisfies typeof TAKEN_OVER,
          ':pending': 'pending' satisfies OutboxStatus,
          ':owner': owner,
          ':until': leaseUntil,
          ':now': now,
          ':one': 1,
          ':sk': indexKeys.outboxPendingSk(leaseUntil, eventKey),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    const before = fromItem(out.Attributes ?? {});
    return {
      record: { ...before, status: CLAIMED, leaseOwner: owner, leaseUntil, attempts: before.attempts + 1 },
      takenOver: before.status === 'sending',
    };
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

const heldBy = (owner: string) => ({
  ConditionExpression: '#status = :sending AND leaseOwner = :owner',
  names: { '#status': 'status' },
  values: { ':sending': 'sending' satisfies OutboxStatus, ':owner': owner },
});

/** The update that records a claimed message as sent, leaving the pending index; only its holder may. */
function sentUpdate(
  eventKey: string,
  owner: string,
  channel: DeliveryChannel,
  sentAt: string,
  fallbackReason?: string,
) {
  const held = heldBy(owner);
  return {
    TableName: tableName(),
    Key: key(eventKey),
    UpdateExpression: `SET #status = :sent, channel = :channel, sentAt = :at, expiresAtEpoch = :expires${fallbackReason ? ', fallbackReason = :reason' : ''} REMOVE GSI1PK, GSI1SK, leaseOwner, leaseUntil`,
    ConditionExpression: held.ConditionExpression,
    ExpressionAttributeNames: held.names,
    ExpressionAttributeValues: {
      ...held.values,
      ':sent': SENT,
      ':channel': channel,
      ':at': sentAt,
      ':expires': Math.floor(Date.parse(sentAt) / 1000) + SENT_RETENTION_SECONDS,
      ...(fallbackReason ? { ':reason': fallbackReason } : {}),
    },
  };
}

export async function markSent(eventKey: string, owner: string, channel: DeliveryChannel, sentAt: string) {
  await dynamo().send(new UpdateCommand(sentUpdate(eventKey, owner, channel, sentAt)));
}

/**
 * Writes the message-centre copy and marks the record sent in one transaction. The copy's id
 * comes from the event, so a copy already there (written by an earlier holder) is not
 * written again; the record is then just marked.
 */
export async function markSentToInbox(
  eventKey: string,
  owner: string,
  message: MessageRecord,
  sentAt: string,
  fallbackReason: string,
): Promise<void> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [messagePut(message), { Update: sentUpdate(eventKey, owner, 'inbox', sentAt, fallbackReason) }],
      }),
    );
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    const copyExists = reasons[0]?.Code === 'ConditionalCheckFailed' && reasons[1]?.Code !== 'ConditionalCheckFailed';
    if (!copyExists) throw error;
    await dynamo().send(new UpdateCommand(sentUpdate(eventKey, owner, 'inbox', sentAt, fallbackReason)));
  }
}

/** Puts a claimed message back in the queue, due again at `nextAttemptAt`. */
export async function scheduleRetry(eventKey: string, owner: string, nextAttemptAt: string, error: string) {
  const held = heldBy(owner);
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: key(eventKey),
      UpdateExpression:
        'SET #status = :pending, nextAttemptAt = :next, lastError = :error, GSI1SK = :sk REMOVE leaseOwner, leaseUntil',
      ConditionExpression: held.ConditionExpression,
      ExpressionAttributeNames: held.names,
      ExpressionAttributeValues: {
        ...held.values,
        ':pending': REQUEUED,
        ':next': nextAttemptAt,
        ':error': error,
        ':sk': indexed(nextAttemptAt, eventKey).GSI1SK,
      },
    }),
  );
}
