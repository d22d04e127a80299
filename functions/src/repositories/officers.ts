import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OfficerRoleName } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';

/** Officer accounts. Passwords are stored only as scrypt hashes (see domain/officer-auth). */
export interface OfficerRecord {
  username: string;
  name: string;
  department: string;
  role: OfficerRoleName;
  passwordHash: string;
  active: boolean;
  createdAt: string;
}

const key = (username: string) => ({ PK: `OFFICER#${username}`, SK: 'OFFICER' });
const attemptsKey = (username: string, window: number) => ({ PK: `OFFICER#${username}`, SK: `LOGIN#${window}` });

export async function getOfficer(username: string): Promise<OfficerRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(username) }));
  if (!out.Item) return undefined;
  const { PK: _p, SK: _s, ...officer } = out.Item;
  return officer as OfficerRecord;
}

/** Creates an officer account; false when the username is taken. */
export async function insertOfficer(officer: OfficerRecord): Promise<boolean> {
  try {
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key(officer.username), ...officer },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Failed logins in the current window, after counting this one. */
export async function countFailedLogin(username: string, window: number, expiresAtEpoch: number): Promise<number> {
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: attemptsKey(username, window),
      UpdateExpression: 'ADD failures :one SET expiresAtEpoch = :exp',
      ExpressionAttributeValues: { ':one': 1, ':exp': expiresAtEpoch },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.failures ?? 0);
}

export async function failedLogins(username: string, window: number): Promise<number> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: attemptsKey(username, window), ConsistentRead: true }),
  );
  return Number(out.Item?.failures ?? 0);
}
