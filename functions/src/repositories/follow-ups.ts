import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { FOLLOW_UP_TRANSITIONS, type FollowUpStatus } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { indexKeys, keys as store } from '../store/keys';

/**
 * 好差评 follow-ups: every bad review (isBadReview) opens one, created in the same transaction
 * as the rating; a head of section or an inspector closes it with what was done.
 */
export interface FollowUpRecord {
  id: string;
  applicationId: string;
  itemName: string;
  department: string;
  score: number;
  comment?: string;
  createdAt: string;
  dueDate: string;
  status: FollowUpStatus;
  resolution?: string;
  closedBy?: string;
  closedAt?: string;
}

const key = store.followUp;
const partition = indexKeys.followUpsPartition;

/** The transaction item that opens a follow-up. */
export function followUpPut(followUp: FollowUpRecord) {
  return {
    Put: {
      TableName: tableName(),
      Item: {
        ...key(followUp.id),
        ...followUp,
        ...indexKeys.followUps(followUp.department, followUp.createdAt, followUp.id),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

const strip = (item: Record<string, unknown>): FollowUpRecord => {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, ...rest } = item;
  return rest as unknown as FollowUpRecord;
};

export async function listFollowUps(department: string): Promise<FollowUpRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': partition(department) },
      ScanIndexForward: false,
    }),
  );
  return (out.Items ?? []).map(strip);
}

export async function getFollowUp(id: string): Promise<FollowUpRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }));
  return out.Item ? strip(out.Item) : undefined;
}

/** Closes an open follow-up (FOLLOW_UP_TRANSITIONS.open.close); undefined when it was already closed. */
export async function closeFollowUp(
  id: string,
  resolution: string,
  closedBy: string,
  closedAt: string,
): Promise<FollowUpRecord | undefined> {
  try {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(id),
        UpdateExpression: 'SET #status = :closed, resolution = :r, closedBy = :by, closedAt = :at',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':closed': FOLLOW_UP_TRANSITIONS.open.close,
          ':open': 'open' satisfies FollowUpStatus,
          ':r': resolution,
          ':by': closedBy,
          ':at': closedAt,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes ? strip(out.Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}
