import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';
import { isConditionFailure, isTransactionConflict } from '../adapters/dynamo-errors';
import { sha256Hex } from '../crypto/keyed-hash';
import { keys as store } from '../store/keys';

/**
 * Append-only, hash-chained audit records of one application. Each record's hash covers
 * the previous hash and its own content, so editing or deleting any record breaks the chain.
 * Records are written only inside the transaction that changes the case; reads of the case
 * are chained separately (the access chain below).
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

export const auditKey = store.applicationAudit;

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
  readAuditTrailOf(store.applicationPartition(applicationId));

/** The audit trail stored under one subject's partition (a case `APP#…`, an appointment `APPT#…`). */
export const readAuditTrailOf = (subjectPk: string): Promise<AuditEntry[]> => readChain(subjectPk, store.auditPrefix);

async function readChain(subjectPk: string, prefix: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': subjectPk, ':prefix': prefix },
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

/**
 * True when every record links to the previous one, its hash matches its content, and the
 * chain reaches `head` (the head read before the records). Records appended after that head
 * was read — another officer's view, a decision committing meanwhile — are verified like the
 * rest; they must not make an intact chain look broken.
 */
export function verifyChain(entries: AuditEntry[], head?: string): boolean {
  let prev = GENESIS_HASH;
  let reachedHead = head === undefined || head === GENESIS_HASH;
  for (const [i, entry] of entries.entries()) {
    const { prevHash, hash, ...content } = entry;
    if (entry.seq !== i + 1 || prevHash !== prev || sha256Hex(prev + canonical(content)) !== hash) return false;
    prev = hash;
    if (hash === head) reachedHead = true;
  }
  return reachedHead;
}

/**
 * Reads of a case (an officer opening it, downloading a material) go to a second chain of
 * the same case, `ACCESS#…`, with its own head item. Reads then never move the case's
 * `auditSeq`, so they cannot make a concurrent decision fail; they race only with each
 * other, and the loser re-reads the head and appends after the winner.
 */
const accessKey = store.applicationAccess;
const accessHeadKey = store.applicationAccessHead;

export interface AccessHead {
  seq: number;
  hash: string;
}

export async function readAccessHead(applicationId: string): Promise<AccessHead | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: accessHeadKey(applicationId), ConsistentRead: true }),
  );
  return out.Item ? { seq: out.Item.seq as number, hash: out.Item.hash as string } : undefined;
}

/** Enough for a burst of officers opening one case at once; each round lets one of them in. */
const ACCESS_APPEND_ATTEMPTS = 25;

/**
 * Appends one read record to the case's access chain: the record and the new head in one
 * transaction, conditioned on the head it was chained to.
 * @throws the last conflict when the chain stayed contended for every attempt (answered 409 BUSY)
 */
export async function appendAccessRecord(
  applicationId: string,
  entry: Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>,
): Promise<AuditEntry> {
  for (let attempt = 1; ; attempt++) {
    const head = await readAccessHead(applicationId);
    const record = chainEntry(head?.hash ?? GENESIS_HASH, { ...entry, seq: (head?.seq ?? 0) + 1 });
    try {
      await dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: { ...accessKey(applicationId, record.seq), ...record },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...accessHeadKey(applicationId), seq: record.seq, hash: record.hash },
                ConditionExpression: head ? 'seq = :prev' : 'attribute_not_exists(PK)',
                ...(head ? { ExpressionAttributeValues: { ':prev': head.seq } } : {}),
              },
            },
          ],
        }),
      );
      return record;
    } catch (error) {
      const lost = isConditionFailure(error) || isTransactionConflict(error);
      if (!lost || attempt >= ACCESS_APPEND_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * Math.min(attempt, 5)));
    }
  }
}

export const readAccessTrail = (applicationId: string): Promise<AuditEntry[]> =>
  readChain(store.applicationPartition(applicationId), store.accessPrefix);
