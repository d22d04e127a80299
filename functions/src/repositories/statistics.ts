import { QueryCommand, type TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';

/**
 * Facts for the monthly statistics, one small item per case and fact, written in the same
 * transaction as the event: a submission (`SUB#`), a case ending (`END#`) and a rating
 * (`RATE#`), in the partition `STATS#<department>#<YYYY-MM>` of the month it happened (China
 * time). One item per case means no counter hot spot and no transaction conflicts; a report
 * reads one partition per department and month.
 */
export type StatsFact =
  | { kind: 'SUB'; caseId: string; itemCode: string; at: string }
  | {
      kind: 'END';
      caseId: string;
      itemCode: string;
      at: string;
      outcome: string;
      onTime: boolean;
      workingDays: number;
    }
  | { kind: 'RATE'; caseId: string; itemCode: string; at: string; score: number };

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export const statsPartition = store.statsPartition;

/** The transaction item recording one fact; a repeat of the same fact for the same case overwrites it. */
export function statsPut(department: string, month: string, fact: StatsFact): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...store.statsFact(department, month, fact.kind, fact.caseId), ...fact },
    },
  };
}

export async function listStatsFacts(department: string, month: string): Promise<StatsFact[]> {
  const facts: StatsFact[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': statsPartition(department, month) },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) {
      const { PK: _p, SK: _s, ...fact } = item;
      facts.push(fact as StatsFact);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return facts;
}
