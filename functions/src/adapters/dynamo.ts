import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { awsClientOptions } from './aws-client-options';
import { retryOnTransactionConflict } from './dynamo-errors';

let client: DynamoDBDocumentClient | undefined;

/**
 * Capacity consumed by this container's DynamoDB calls, by operation. Every call asks for
 * ReturnConsumedCapacity (free of charge), so benchmarks and tests can read the cost of an
 * action and check that no request path ever Scans.
 */
export const dynamoMeter = {
  calls: {} as Record<string, number>,
  readUnits: 0,
  writeUnits: 0,
  reset(): void {
    this.calls = {};
    this.readUnits = 0;
    this.writeUnits = 0;
  },
};

type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
const WRITE_COMMANDS = /Put|Update|Delete|TransactWrite|BatchWrite/;

function meter(commandName: string, consumed: Capacity | Capacity[] | undefined): void {
  dynamoMeter.calls[commandName] = (dynamoMeter.calls[commandName] ?? 0) + 1;
  for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
    const units = c.CapacityUnits ?? 0;
    const writes = c.WriteCapacityUnits ?? (WRITE_COMMANDS.test(commandName) ? units : 0);
    dynamoMeter.writeUnits += writes;
    dynamoMeter.readUnits += c.ReadCapacityUnits ?? units - writes;
  }
}

/** One document client per container, created on first use. */
export function dynamo(): DynamoDBDocumentClient {
  if (!client) {
    // Credentials come from the environment, as in Lambda; DynamoDB Local accepts any.
    const base = new DynamoDBClient(awsClientOptions(config().dynamoEndpoint));
    base.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ReturnConsumedCapacity?: string; TableName?: string };
        input.ReturnConsumedCapacity ??= 'TOTAL';
        const result =
          context.commandName === 'TransactWriteItemsCommand'
            ? await retryOnTransactionConflict(() => next(args))
            : await next(args);
        meter(
          context.commandName ?? 'unknown',
          (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity,
        );
        return result;
      },
      { step: 'initialize', name: 'consumedCapacityMeter' },
    );
    client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  }
  return client;
}

export const tableName = (): string => config().tableName;

export {
  failedConditionIndex,
  isConditionFailure,
  isTransactionConflict,
  retryOnTransactionConflict,
} from './dynamo-errors';
