import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';
import { sha256Hex } from '../crypto/keyed-hash';

/**
 * Append-only, hash-chained audit records of one application. Each record's hash covers
 * the previous hash and its own content, so editing or deleting any record breaks the chain.
 * Records are written only inside the transaction that changes the case (or records a view).
 */
export interface AuditEntry {
  seq: number;
  at: string;
  action: string;
  actorType: 'citizen' | 'officer' | 'system';
  actorId: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

export const auditKey = (applicationId: string, seq: number) => ({
  PK: `APP#${applicationId}`,
  SK: `AUDIT#${String(seq).padStart(8, '0')}`,
});

/** Canonical JSON (sorted keys) so the hash does not depend on property order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

export function chainEntry(prevHash: string, entry: Omit<AuditEntry, 'prevHash' | 'hash'>): AuditEntry {
  return { ...entry, prevHash, hash: sha256Hex(prevHash + canonical(entry)) };
}

/** The transaction item that appends one record; fails if that sequence number exists. */
export function auditPut(applicationId: string, entry: AuditEntry) {
  return {
    Put: {
      TableName: tableName(),
      Item: { ...auditKey(applicationId, entry.seq), ...entry },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export const readAuditTrail = (applicationId: string): Promise<AuditEntry[]> =>
  readAuditTrailOf(`APP#${applicationId}`);

/** The audit trail stored under one subject's partition (a case `APP#…`, an appointment `APPT#…`). */
export async function readAuditTrailOf(subjectPk: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :audit)',
        ExpressionAttributeValues: { ':pk': subjectPk, ':audit': 'AUDIT#' },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
    for (const item of out.Items ?? []) {
      const { PK: _pk, SK: _sk, ...entry } = item;
      entries.push(entry as AuditEntry);
    }
    start = out.LastEvaluatedKey;
  } while (start);
  return entries;
}

/** True when every record links to the previous one and its hash matches its content. */
export function verifyChain(entries: AuditEntry[], head?: string): boolean {
  let prev = GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const { prevHash, hash, ...content } = entry;
    if (entry.seq !== i + 1 || prevHash !== prev || sha256Hex(prev + canonical(content)) !== hash) return false;
    prev = hash;
  }
  return head === undefined || head === prev;
}
