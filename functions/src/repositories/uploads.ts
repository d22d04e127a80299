import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../adapters/dynamo';

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
  createdAt: string;
}

const key = (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' });

export async function insertUpload(upload: UploadRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...key(upload.uploadId), ...upload },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function getUpload(uploadId: string): Promise<UploadRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(uploadId) }));
  if (!out.Item) return undefined;
  const { PK: _p, SK: _s, ...upload } = out.Item;
  return upload as UploadRecord;
}
