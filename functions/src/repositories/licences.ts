import { BatchGetCommand, BatchWriteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { LICENCE_LABEL, type LicenceType } from '@minsheng/shared';
import { dynamo, tableName } from '../adapters/dynamo';
import { chinaDate } from '../lib/clock';
import { keys as store } from '../store/keys';
import { reminderAttributes, withoutReminderAttributes } from './reminders';

/**
 * Electronic licences held for a citizen, as received from the police systems through the
 * data-sharing exchange (seeded with synthetic records locally). Numbers are kept masked only.
 */
export interface LicenceRecord {
  userId: string;
  type: LicenceType;
  numberMasked: string;
  /** As the issuing system records it (`9999-12-31`: 长期); absent when it did not say. */
  validUntil?: string;
  /** Display fields an officer may see when the licence stands in for a material. */
  fields: Record<string, string>;
  /** Risk or status flags from the issuing system (e.g. 挂失, 布控); any flag blocks automatic decisions. */
  flags: string[];
  /** Count of endorsements already issued on a travel permit. */
  endorsementsIssued?: number;
  /** Set on certificates issued by a decision on this platform (not received from the exchange). */
  issuedByApplicationId?: string;
  receivedAt: string;
}

/** No validity known: no reminder (nextReminder reads no date in it). */
const NO_DATE = '';

const key = (userId: string, type: LicenceType) => store.licence(userId, type);

/** The licence as stored: with the pointer to its next expiry reminder (90, 30, 7 days before), recomputed on every write. */
const toItem = (licence: LicenceRecord, today: string) => ({
  ...key(licence.userId, licence.type),
  ...licence,
  ...reminderAttributes(
    {
      userId: licence.userId,
      subject: `licence:${licence.type}`,
      label: LICENCE_LABEL[licence.type],
      dueDate: licence.validUntil ?? NO_DATE,
    },
    today,
  ),
});

/** The transaction item that stores a licence (replacing an older one of the same type). */
export function licencePut(licence: LicenceRecord) {
  return { Put: { TableName: tableName(), Item: toItem(licence, chinaDate()) } };
}

export async function putLicence(licence: LicenceRecord): Promise<void> {
  await dynamo().send(new PutCommand(licencePut(licence).Put));
}

export async function listLicences(userId: string): Promise<LicenceRecord[]> {
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': store.userPartition(userId), ':prefix': store.licencePrefix },
    }),
  );
  return (out.Items ?? []).map(({ PK: _p, SK: _s, ...licence }) => withoutReminderAttributes<LicenceRecord>(licence));
}

/**
 * Stores many licences with BatchWriteItem (25 a request, a few requests in flight,
 * unprocessed items resent): for bulk loads from the licence exchange. Reminder pointers
 * are computed from `today`.
 */
export async function putLicences(licences: LicenceRecord[], today: string = chinaDate(), inFlight = 8): Promise<void> {
  const batches: LicenceRecord[][] = [];
  for (let i = 0; i < licences.length; i += 25) batches.push(licences.slice(i, i + 25));
  const writeBatch = async (batch: LicenceRecord[]) => {
    let requests = batch.map((l) => ({ PutRequest: { Item: toItem(l, today) } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const out = await dynamo().send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
      requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await writeBatch(batches[next++] as LicenceRecord[]);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, batches.length) }, worker));
}

/** Reads licences by holder and type with BatchGetItem (100 a request, unprocessed keys asked again). */
export async function getLicences(refs: { userId: string; type: LicenceType }[]): Promise<LicenceRecord[]> {
  const found: LicenceRecord[] = [];
  for (let i = 0; i < refs.length; i += 100) {
    let keys: Record<string, unknown>[] = refs.slice(i, i + 100).map((r) => key(r.userId, r.type));
    for (let attempt = 0; keys.length; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
      for (const { PK: _p, SK: _s, ...item } of out.Responses?.[tableName()] ?? [])
        found.push(withoutReminderAttributes<LicenceRecord>(item));
      keys = out.UnprocessedKeys?.[tableName()]?.Keys ?? [];
    }
  }
  return found;
}
