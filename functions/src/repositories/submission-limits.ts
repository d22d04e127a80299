/**
 * Per-citizen monthly caps on submissions of an item (ServiceItem.monthlyLimit, e.g. 挪车 5 a
 * month): one counter per citizen, item and China month (`USER#<id>` / `MONTHLY#<item>#<YYYY-MM>`),
 * advanced in the submission's own transaction only while under the cap.
 */
import { tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

const SK_PREFIX = store.monthlySubmissionsPrefix;
const counterKey = store.monthlySubmissions;

/** The transaction item that counts one more submission; it fails its condition at the cap. */
export function monthlySubmissionWrite(userId: string, itemCode: string, month: string, limit: number) {
  return {
    Update: {
      TableName: tableName(),
      Key: counterKey(userId, itemCode, month),
      UpdateExpression: 'ADD submissions :one',
      ConditionExpression: 'attribute_not_exists(submissions) OR submissions < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': limit },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
}

/** True when a transaction failed because the citizen's monthly counter was at the cap. */
export function isMonthlyLimitReached(error: unknown): boolean {
  if ((error as { name?: string })?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as { CancellationReasons?: { Code?: string; Item?: { SK?: unknown } }[] }).CancellationReasons;
  return (reasons ?? []).some((r) => {
    const sk = r.Item?.SK as string | { S?: string } | undefined;
    const value = typeof sk === 'string' ? sk : sk?.S;
    return r.Code === 'ConditionalCheckFailed' && Boolean(value?.startsWith(SK_PREFIX));
  });
}
