import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type {
  ApplicationStatus,
  CaseDecision,
  CaseDelivery,
  CaseRating,
  CaseSupplement,
  DeliveryMethod,
  MaterialRef,
  OrganisationRole,
  TimelineEntry,
} from '@minsheng/shared';
import { AppError, TERMINAL_STATUSES } from '@minsheng/shared';
import { dynamo, failedConditionIndex, isConditionFailure, tableName } from '../adapters/dynamo';
import { indexKeys, queueCursor, keys as store } from '../store/keys';
import { type AuditEntry, auditPut } from './audit';

/**
 * Applications (办件). One item per case; two indexes serve the two lists without a Scan:
 * GSI1 — a department's queue, open or closed, ordered by due date;
 * GSI2 — a citizen's own cases, newest first.
 */
export interface SealedText {
  masked: string;
  sealed: string;
}

export interface StoredPostalAddress {
  recipient: string;
  phone: SealedText;
  address: string;
}

export interface ApplicationRecord {
  id: string;
  /** 办件编号, taken at submission (repositories/case-numbers); drafts have none. */
  caseNumber?: string;
  userId: string;
  itemCode: string;
  itemName: string;
  department: string;
  status: ApplicationStatus;
  version: number;
  /** Form values; ID and phone numbers are sealed (see domain/sensitive-fields). */
  formData: Record<string, unknown>;
  materials: MaterialRef[];
  deliveryMethod?: DeliveryMethod;
  postalAddress?: StoredPostalAddress;
  /** The person applying; for an organisation: `单位名称（经办人 张*）`, what lists show. */
  applicantNameMasked: string;
  /** Set when the case is applied for in an organisation's name (法人办事). */
  organisation?: { creditCode: string; name: string; role: OrganisationRole };
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  dueDate?: string;
  statutoryDueDate?: string;
  pausedWorkingDaysLeft?: number;
  pausedStatutoryDaysLeft?: number;
  /** Where the running clock's dates were counted from (see domain/deadlines). */
  clockBasis?: { from: string; promisedDays: number; statutoryDays: number };
  supplement?: CaseSupplement;
  decision?: CaseDecision;
  delivery?: CaseDelivery;
  rating?: CaseRating;
  /** When the item's fee was paid (WeChat Pay), if it has one. */
  feePaidAt?: string;
  timeline: TimelineEntry[];
  auditSeq: number;
  auditHead: string;
}

const key = store.application;
const NO_DUE_DATE = '9999-12-31';

export const queuePartition = indexKeys.queuePartition;
const isOpen = (status: ApplicationStatus) => !TERMINAL_STATUSES.includes(status);

function toItem(record: ApplicationRecord): Record<string, unknown> {
  const indexed =
    record.status === 'draft'
      ? {}
      : isOpen(record.status)
        ? indexKeys.queue(record.department, 'open', record.dueDate ?? NO_DUE_DATE, record.id)
        : indexKeys.queue(record.department, 'closed', record.updatedAt, record.id);
  return {
    ...key(record.id),
    ...record,
    ...indexed,
    ...indexKeys.citizenApplications(record.userId, record.createdAt, record.id),
  };
}

function fromItem(item: Record<string, unknown>): ApplicationRecord {
  const { PK: _a, SK: _b, GSI1PK: _c, GSI1SK: _d, GSI2PK: _e, GSI2SK: _f, ...record } = item;
  return record as unknown as ApplicationRecord;
}

export async function getApplication(id: string): Promise<ApplicationRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(id), ConsistentRead: true }));
  return out.Item ? fromItem(out.Item) : undefined;
}

/** The summary attributes only: lists never read form data. */
const SUMMARY =
  'id, caseNumber, itemCode, itemName, department, #status, updatedAt, dueDate, submittedAt, applicantNameMasked, createdAt, pausedWorkingDaysLeft';

export type ApplicationSummaryRecord = Pick<
  ApplicationRecord,
  | 'id'
  | 'caseNumber'
  | 'itemCode'
  | 'itemName'
  | 'department'
  | 'status'
  | 'updatedAt'
  | 'dueDate'
  | 'submittedAt'
  | 'applicantNameMasked'
  | 'createdAt'
  | 'pausedWorkingDaysLeft'
>;

async function queryAll(
  input: ConstructorParameters<typeof QueryCommand>[0],
  limit: number,
): Promise<ApplicationSummaryRecord[]> {
  const rows: ApplicationSummaryRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    rows.push(...((out.Items ?? []) as ApplicationSummaryRecord[]));
    start = out.LastEvaluatedKey;
  } while (start && rows.length < limit);
  return rows.slice(0, limit);
}

export function listCitizenApplications(userId: string, limit = 100): Promise<ApplicationSummaryRecord[]> {
  return queryAll(
    {
      TableName: tableName(),
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.citizenApplicationsPartition(userId) },
      ExpressionAttributeNames: { '#status': 'status' },
      ProjectionExpression: SUMMARY,
      ScanIndexForward: false,
    },
    limit,
  );
}

/**
 * One page of a department's queue: open cases by due date, or closed cases newest first,
 * continuing after `cursor` (the previous page's `nextCursor`) when given.
 * @throws AppError QUEUE_CURSOR_INVALID when the cursor is not one of this queue's
 */
export async function pageDepartmentQueue(
  department: string,
  state: 'open' | 'closed',
  limit: number,
  cursor?: string,
): Promise<{ rows: ApplicationSummaryRecord[]; nextCursor?: string }> {
  const startKey = cursor === undefined ? undefined : queueCursor.decode(cursor, department, state);
  if (cursor !== undefined && !startKey) throw new AppError('QUEUE_CURSOR_INVALID');
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': queuePartition(department, state) },
      ExpressionAttributeNames: { '#status': 'status' },
      ProjectionExpression: SUMMARY,
      ScanIndexForward: state === 'open',
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    rows: (out.Items ?? []) as ApplicationSummaryRecord[],
    ...(out.LastEvaluatedKey ? { nextCursor: queueCursor.encode(out.LastEvaluatedKey) } : {}),
  };
}

/** Ids of a department's open cases due on or after `date` (from its queue index, in due-date order). */
export async function openCaseIdsDueFrom(department: string, date: string): Promise<string[]> {
  const ids: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        // Paused cases sort last under NO_DUE_DATE: they have no date to recount.
        ExpressionAttributeValues: { ':pk': queuePartition(department, 'open'), ':from': date, ':to': '9999-01-01' },
        ProjectionExpression: 'id',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) ids.push(String(item.id));
    start = out.LastEvaluatedKey;
  } while (start);
  return ids;
}

export type WriteOutcome = 'written' | 'conflict';

/** Creates a case with its first audit record, atomically. */
export async function insertApplication(record: ApplicationRecord, audit: AuditEntry): Promise<void> {
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: toItem(record), ConditionExpression: 'attribute_not_exists(PK)' } },
        auditPut(record.id, audit),
      ],
    }),
  );
}

/**
 * Replaces a case with its next state, appends its audit record and any extra items, all in
 * one transaction, only if nobody changed the case since `expectedVersion` and
 * `expectedAuditSeq` were read (optimistic concurrency: exactly one of two racing writers wins).
 */
export async function writeApplication(
  next: ApplicationRecord,
  expected: { version: number; auditSeq: number },
  audit: AuditEntry,
  extra: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']> = [],
): Promise<WriteOutcome> {
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: toItem(next),
              ConditionExpression: 'version = :v AND auditSeq = :s',
              ExpressionAttributeValues: { ':v': expected.version, ':s': expected.auditSeq },
            },
          },
          auditPut(next.id, audit),
          ...extra,
        ],
      }),
    );
    return 'written';
  } catch (error) {
    if (isConditionFailure(error) && failedConditionIndex(error) <= 1) return 'conflict';
    throw error;
  }
}
