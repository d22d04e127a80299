import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';
import { failedConditionIndex, isConditionFailure, retryOnTransactionConflict } from '../adapters/dynamo-errors';
import { keys as store } from '../store/keys';

/** A material file a citizen was allowed to upload: who, for which case and material, and where. */
export interface UploadRecord {
  uploadId: string;
  userId: string;
  applicationId: string;
  materialKey: string;
  objectKey: string;
  fileName: string;
  contentType: string;
  size: number;
  /** Base64 SHA-256 signed into the presigned PUT; storage holds exactly these bytes. */
  sha256: string;
  createdAt: string;
}

const key = store.upload;
/** How many tickets a case has been issued (one counter item in the case's partition). */
const ticketCounterKey = store.uploadTickets;

/**
 * Records an upload ticket and counts it against the case, in one transaction: refused
 * (returns false) when the case already had `limit` tickets.
 */
export async function insertUploadWithinLimit(upload: UploadRecord, limit: number): Promise<boolean> {
  try {
    await retryOnTransactionConflict(() =>
      dynamo().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName(),
                Key: ticketCounterKey(upload.applicationId),
                UpdateExpression: 'ADD issued :one',
                ConditionExpression: 'attribute_not_exists(issued) OR issued < :limit',
                ExpressionAttributeValues: { ':one': 1, ':limit': limit },
              },
            },
            {
              Put: {
                TableName: tableName(),
                Item: { ...key(upload.uploadId), ...upload },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
        }),
      ),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error) && failedConditionIndex(error) === 0) return false;
    throw error;
  }
}

export async function getUpload(uploadId: string): Promise<UploadRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(uploadId) }));
  if (!out.Item) return undefined;
  const { PK: _p, SK: _s, ...upload } = out.Item;
  return upload as UploadRecord;
}
