import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PaymentEvent, PaymentPurpose, PaymentStatus } from '@minsheng/shared';
import { FINANCE_QUEUE_STATUSES, UNSETTLED_PAYMENT_STATUSES } from '@minsheng/shared';
import { dynamo, failedConditionIndex, isConditionFailure, tableName } from '../adapters/dynamo';
import { GSI_EXACT, indexKeys, keys as store } from '../store/keys';

/**
 * Payment orders (one per out_trade_no), the pointer from each paid subject (a violation or
 * an application) to its current order, and the transaction-id markers that make "paid"
 * happen exactly once. Unsettled orders sit in the GSI1 partition PAYOPEN by expiry, so the
 * reconciliation job reads only them; orders waiting for a finance officer sit in PAYFINANCE.
 */
export interface PaymentRecord {
  outTradeNo: string;
  userId: string;
  openid: string;
  purpose: PaymentPurpose;
  subjectId: string;
  description: string;
  amountFen: number;
  status: PaymentStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
  prepayId?: string;
  transactionId?: string;
  paidAt?: string;
  outRefundNo?: string;
  refundedAt?: string;
  flaggedReason?: string;
  /** What WeChat Pay's query reported as paid, when a finance officer refunds a flagged order; refunds return this. */
  receivedFen?: number;
  /** The order's audit: every move, with the officer who made it when it was a finance resolution. */
  history: {
    at: string;
    event: PaymentEvent;
    from: PaymentStatus;
    to: PaymentStatus;
    note?: string;
    actor?: string;
  }[];
}

const key = store.payment;
const subjectKey = (purpose: PaymentPurpose, subjectId: string) => store.paymentSubject(purpose, subjectId);
const txnKey = store.paymentTransaction;
const OPEN = GSI_EXACT.GSI1.openPayments;
const FINANCE = GSI_EXACT.GSI1.financePayments;

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

function toItem(record: PaymentRecord): Record<string, unknown> {
  const open = UNSETTLED_PAYMENT_STATUSES.includes(record.status);
  const finance = FINANCE_QUEUE_STATUSES.includes(record.status);
  return {
    ...key(record.outTradeNo),
    ...record,
    ...(open ? indexKeys.openPayments(record.expiresAt, record.outTradeNo) : {}),
    ...(finance ? indexKeys.financePayments(record.updatedAt, record.outTradeNo) : {}),
  };
}

const fromItem = (item: Record<string, unknown>): PaymentRecord => {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as PaymentRecord;
};

export async function getPayment(outTradeNo: string): Promise<PaymentRecord | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: key(outTradeNo), ConsistentRead: true }),
  );
  return out.Item ? fromItem(out.Item) : undefined;
}

/** The out_trade_no of a subject's current order, if any. */
export async function currentOrderOf(purpose: PaymentPurpose, subjectId: string): Promise<string | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: subjectKey(purpose, subjectId), ConsistentRead: true }),
  );
  return out.Item?.outTradeNo as string | undefined;
}

/**
 * Creates an order and points its subject at it, only if the subject's pointer is still what
 * the caller saw (`previous`): two concurrent "pay" taps create one order.
 */
export async function insertPayment(record: PaymentRecord, previous: string | undefined): Promise<boolean> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: toItem(record), ConditionExpression: 'attribute_not_exists(PK)' } },
          {
            Put: {
              TableName: tableName(),
              Item: { ...subjectKey(record.purpose, record.subjectId), outTradeNo: record.outTradeNo },
              ...(previous
                ? {
                    ConditionExpression: 'outTradeNo = :previous',
                    ExpressionAttributeValues: { ':previous': previous },
                  }
                : { ConditionExpression: 'attribute_not_exists(PK)' }),
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export type PaymentWrite = 'written' | 'conflict' | 'duplicate-transaction';

/** The order's conditional write (and its transaction-id marker), for transactions other modules own. */
export function paymentWriteItems(next: PaymentRecord, expectedVersion: number, transactionId?: string): TransactItems {
  const items: TransactItems = [
    {
      Put: {
        TableName: tableName(),
        Item: toItem(next),
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      },
    },
  ];
  if (transactionId) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...txnKey(transactionId), outTradeNo: next.outTradeNo, at: next.updatedAt },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  return items;
}

/**
 * Writes the order's next state if nobody changed it since `expectedVersion`, together with
 * `extra` items (the subject's effect, the transaction marker) in one transaction.
 */
export async function writePayment(
  next: PaymentRecord,
  expectedVersion: number,
  extra: TransactItems = [],
  transactionId?: string,
): Promise<PaymentWrite> {
  const items = paymentWriteItems(next, expectedVersion, transactionId);
  try {
    await dynamo().send(new TransactWriteCommand({ TransactItems: [...items, ...extra] }));
    return 'written';
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return transactionId && failedConditionIndex(error) === 1 ? 'duplicate-transaction' : 'conflict';
  }
}

/** Unsettled orders whose expiry is before `until`, oldest first. */
export const listUnsettled = (until: string, limit = 100): Promise<PaymentRecord[]> => listIndexed(OPEN, until, limit);

/** Orders waiting for a finance officer (flagged, abnormal refunds), oldest first. */
export const listFinanceQueue = (limit = 100): Promise<PaymentRecord[]> => listIndexed(FINANCE, '9999-12-31', limit);

async function listIndexed(partition: string, until: string, limit: number): Promise<PaymentRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :partition AND GSI1SK <= :until',
      ExpressionAttributeValues: { ':partition': partition, ':until': `${until}~` },
      Limit: limit,
    }),
  );
  // The index carries keys only for orders; read each order itself (consistently).
  const numbers = (out.Items ?? []).map((item) => store.outTradeNoOf(String(item.PK)));
  const records = await Promise.all(numbers.map(getPayment));
  return records.filter((r): r is PaymentRecord => Boolean(r));
}
