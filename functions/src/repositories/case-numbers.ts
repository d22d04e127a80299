import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Case numbers (办件编号). Two kinds of item, both written in the submission's own transaction:
 *  - the day's counter per department (`CASENO#<department>#<YYYYMMDD>` / `COUNTER`), advanced
 *    only from the value that was read (a conditional write, never a blind ADD), so two
 *    submissions can never take the same number and no number is skipped;
 *  - the lookup entry (`CASENO#<number>` / `CASE`) → the case and its department, so an officer
 *    opens a case by its number with one GetItem.
 */
const counterKey = store.caseNumberCounter;
const lookupKey = store.caseNumberLookup;

/** The last sequence issued for the department on that China date (0 before the first). */
export async function lastCaseSequence(department: string, day: string): Promise<number> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: counterKey(department, day), ConsistentRead: true }),
  );
  return typeof out.Item?.sequence === 'number' ? out.Item.sequence : 0;
}

/**
 * The transaction items that take `sequence` (= last read + 1) as `caseNumber` for the case.
 * They fail their condition when another submission took that sequence first.
 */
export function caseNumberWrites(
  department: string,
  day: string,
  sequence: number,
  caseNumber: string,
  applicationId: string,
) {
  const previous = sequence - 1;
  return [
    {
      Update: {
        TableName: tableName(),
        Key: counterKey(department, day),
        UpdateExpression: 'SET #sequence = :next',
        ConditionExpression: previous === 0 ? 'attribute_not_exists(PK)' : '#sequence = :previous',
        ExpressionAttributeNames: { '#sequence': 'sequence' },
        ExpressionAttributeValues: { ':next': sequence, ...(previous === 0 ? {} : { ':previous': previous }) },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
    {
      Put: {
        TableName: tableName(),
        Item: { ...lookupKey(caseNumber), applicationId, department },
        ConditionExpression: 'attribute_not_exists(PK)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    },
  ];
}

/**
 * True when a transaction failed because a case-number item was taken meanwhile: a cancellation
 * reason returns the existing item (ALL_OLD), and its key is one of ours. Raw attribute values
 * there (lib-dynamodb does not unmarshall cancellation reasons).
 */
export function isCaseNumberTaken(error: unknown): boolean {
  if ((error as { name?: string })?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string; Item?: { PK?: unknown } }[] }).CancellationReasons;
  return (reasons ?? []).some((r) => {
    const pk = r.Item?.PK as string | { S?: string } | undefined;
    const value = typeof pk === 'string' ? pk : pk?.S;
    return r.Code === 'ConditionalCheckFailed' && Boolean(value && store.isCaseNumberPk(value));
  });
}

export async function findCaseByNumber(
  caseNumber: string,
): Promise<{ applicationId: string; department: string } | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: lookupKey(caseNumber) }));
  return out.Item
    ? { applicationId: String(out.Item.applicationId), department: String(out.Item.department) }
    : undefined;
}
