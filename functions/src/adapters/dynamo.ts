import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';

let client: DynamoDBDocumentClient | undefined;

/** One document client per container, created on first use. */
export function dynamo(): DynamoDBDocumentClient {
  if (!client) {
    const { dynamoEndpoint, region } = config();
    const base = new DynamoDBClient({
      region,
      endpoint: dynamoEndpoint,
      // DynamoDB Local accepts any credentials; in the cloud the Lambda role provides them.
      ...(dynamoEndpoint ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

export const tableName = (): string => config().tableName;

/** True for the SDK's conditional-check and transaction-cancelled-by-condition errors. */
export function isConditionFailure(error: unknown): boolean {
  const name = (error as { name?: string })?.name;
  if (name === 'ConditionalCheckFailedException') return true;
  if (name === 'TransactionCanceledException') {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
    return reasons.some((r) => r.Code === 'ConditionalCheckFailed');
  }
  return false;
}

/** Index of the first transaction item that failed its condition, or -1. */
export function failedConditionIndex(error: unknown): number {
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
}
