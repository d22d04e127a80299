import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { YearArrangement } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';
import type { AuditEntry } from './audit';

/**
 * Announced holiday arrangements, one record per year in one small partition (a few dozen
 * records at most), read with one Query. Each change is audited in a hash-chained trail under
 * the year's own partition, in the same transaction.
 */
export interface ArrangementRecord extends YearArrangement {
  version: number;
  updatedAt: string;
  updatedBy: string;
  auditHead: string;
  auditSeq: number;
}

const PARTITION = store.calendarPartition;
const keys = {
  year: store.calendarYear,
  audit: store.calendarAudit,
};

/** Audit trails are read by subject partition (see readAuditTrailOf). */
export const arrangementAuditSubject = (year: number) => keys.audit(year, 0).PK;

export async function listArrangementRecords(): Promise<ArrangementRecord[]> {
  const records: ArrangementRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :year)',
        ExpressionAttributeValues: { ':pk': PARTITION, ':year': store.calendarYearPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const { PK: _pk, SK: _sk, ...item } of out.Items ?? []) records.push(item as ArrangementRecord);
    start = out.LastEvaluatedKey;
  } while (start);
  return records;
}

/**
 * Stores a year's arrangement if the stored version is still `expectedVersion` (0: none
 * stored yet), with its audit record. False when someone else changed it first.
 */
export async function saveArrangementRecord(
  record: ArrangementRecord,
  expectedVersion: number,
  audit: AuditEntry,
): Promise<boolean> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.year(record.year), ...record },
              ...(expectedVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : {
                    ConditionExpression: 'version = :expected',
                    ExpressionAttributeValues: { ':expected': expectedVersion },
                  }),
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.audit(record.year, audit.seq), ...audit },
              ConditionExpression: 'attribute_not_exists(PK)',
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
