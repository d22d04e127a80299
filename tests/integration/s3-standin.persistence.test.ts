import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type S3StandIn, startS3StandIn } from '../../dev/src/s3-standin';

/**
 * DynamoDB Local keeps its data under .data/ across restarts; so must the object store, or
 * officers' material downloads 404 after `npm start` is run again.
 */
const credentials = { accessKeyId: 'LOCALTESTKEY', secretAccessKey: 'local-test-secret' };
const bucket = 'materials-persistence';
const objectsDir = mkdtempSync(join(tmpdir(), 'minsheng-objects-'));

const start = () => startS3StandIn({ region: 'cn-north-1', ...credentials, buckets: [bucket], objectsDir });
const clientFor = (standIn: S3StandIn) =>
  new S3Client({ region: 'cn-north-1', endpoint: standIn.url, forcePathStyle: true, credentials });

let standIn: S3StandIn | undefined;
afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

it('serves an object put before a restart of the stand-in', async () => {
  const key = 'materials/u1/证明 (1).pdf';
  const body = Buffer.from('%PDF-1.7 persisted material');
  standIn = await start();
  await clientFor(standIn).send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/pdf' }),
  );
  await standIn.stop();

  standIn = await start();
  const got = await clientFor(standIn).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  expect(got.ContentType).toBe('application/pdf');
  expect(
    Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
  ).toEqual(body);
});

it('still answers NoSuchKey for a key never put', async () => {
  standIn = await start();
  await expect(
    clientFor(standIn).send(new GetObjectCommand({ Bucket: bucket, Key: 'materials/none.pdf' })),
  ).rejects.toMatchObject({ name: 'NoSuchKey' });
});
