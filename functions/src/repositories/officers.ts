import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { OfficerRoleName } from '@minsheng/shared';
import { dynamo, isConditionFailure, tableName } from '../adapters/dynamo';
import { keys as store } from '../store/keys';
import type { AuditEntry } from './audit';

/** Officer accounts. Passwords are stored only as scrypt hashes (see domain/officer-auth). */
export interface OfficerRecord {
  username: string;
  name: string;
  department: string;
  role: OfficerRoleName;
  passwordHash: string;
  active: boolean;
  createdAt: string;
  /** Carried in every token; raised by any change of authority, so older tokens stop working. */
  sessionGeneration?: number;
  /** TOTP secret (base32), sealed with the personal-data envelope; absent until enrolment is confirmed. */
  totpSecretSealed?: string;
  /** The secret shown during enrolment, until the officer confirms it with a code. */
  pendingTotpSecretSealed?: string;
  /** Last TOTP time step accepted: a code is good for one login only. */
  lastTotpStep?: number;
  /** Administrative changes, hash-chained like a case's audit trail. */
  auditHead?: string;
  auditSeq?: number;
}

export const officerSealContext = (username: string) => `officer-totp:${username}`;

const key = store.officer;
const auditKey = store.officerAudit;
export const officerAuditSubject = store.officerPartition;

export async function getOfficer(username: string): Promise<OfficerRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(username), ConsistentRead: true }));
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

async function conditionalUpdate(input: ConstructorParameters<typeof UpdateCommand>[0]): Promise<boolean> {
  try {
    await dynamo().send(new UpdateCommand(input));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Uses up a TOTP time step; false when it (or a later one) was already used: a replayed code. */
export const claimTotpStep = (username: string, step: number): Promise<boolean> =>
  conditionalUpdate({
    TableName: tableName(),
    Key: key(username),
    UpdateExpression: 'SET lastTotpStep = :step',
    ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(lastTotpStep) OR lastTotpStep < :step)',
    ExpressionAttributeValues: { ':step': step },
  });

/** Replaces a password hash made with older parameters; false when it changed meanwhile. */
export const replacePasswordHash = (username: string, previous: string, next: string): Promise<boolean> =>
  conditionalUpdate({
    TableName: tableName(),
    Key: key(username),
    UpdateExpression: 'SET passwordHash = :next',
    ConditionExpression: 'passwordHash = :previous',
    ExpressionAttributeValues: { ':previous': previous, ':next': next },
  });

/** Offers a new secret for enrolment; false once a secret is confirmed (enrolment is then closed). */
export const offerTotpSecret = (username: string, sealed: string): Promise<boolean> =>
  conditionalUpdate({
    TableName: tableName(),
    Key: key(username),
    UpdateExpression: 'SET pendingTotpSecretSealed = :sealed',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(totpSecretSealed)',
    ExpressionAttributeValues: { ':sealed': sealed },
  });

/** Makes the offered secret the officer's second factor; false when it is no longer the one offered. */
export const confirmTotpSecret = (username: string, sealed: string, step: number): Promise<boolean> =>
  conditionalUpdate({
    TableName: tableName(),
    Key: key(username),
    UpdateExpression: 'SET totpSecretSealed = :sealed, lastTotpStep = :step REMOVE pendingTotpSecretSealed',
    ConditionExpression: 'pendingTotpSecretSealed = :sealed AND attribute_not_exists(totpSecretSealed)',
    ExpressionAttributeValues: { ':sealed': sealed, ':step': step },
  });

export interface AuthorityChange {
  active: boolean;
  department: string;
  role: OfficerRoleName;
  /** Forget the second factor, so the officer enrols again at the next login. */
  resetSecondFactor: boolean;
}

/**
 * Applies an administrator's change and appends its audit record in one transaction. The
 * session generation goes up with every change, ending the officer's open sessions.
 * False when the record changed since it was read (another change won).
 */
export async function changeAuthority(
  before: OfficerRecord,
  change: AuthorityChange,
  audit: AuditEntry,
): Promise<boolean> {
  const reset = change.resetSecondFactor ? ' REMOVE totpSecretSealed, pendingTotpSecretSealed, lastTotpStep' : '';
  try {
    await dynamo().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: key(before.username),
              UpdateExpression: `SET active = :active, department = :dept, #role = :role, sessionGeneration = :gen, auditHead = :head, auditSeq = :seq${reset}`,
              ConditionExpression: before.auditSeq
                ? 'auditSeq = :prevSeq'
                : 'attribute_exists(PK) AND attribute_not_exists(auditSeq)',
              ExpressionAttributeNames: { '#role': 'role' },
              ExpressionAttributeValues: {
                ':active': change.active,
                ':dept': change.department,
                ':role': change.role,
                ':gen': (before.sessionGeneration ?? 0) + 1,
                ':head': audit.hash,
                ':seq': audit.seq,
                ...(before.auditSeq ? { ':prevSeq': before.auditSeq } : {}),
              },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...auditKey(before.username, audit.seq), ...audit },
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
