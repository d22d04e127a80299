import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** One stored object of the S3 stand-in. */
export interface StoredObject {
  body: Buffer;
  contentType: string;
  uploadedAt: string;
  /** The base64 checksum the upload was signed with (S3's `x-amz-checksum-sha256`), if any. */
  sha256?: string;
}

/** Where the S3 stand-in keeps objects: memory for tests, a directory for `npm start`. */
export interface ObjectStore {
  get(id: string): StoredObject | undefined;
  put(id: string, object: StoredObject): void;
}

export function memoryObjectStore(): ObjectStore {
  const objects = new Map<string, StoredObject>();
  return { get: (id) => objects.get(id), put: (id, object) => void objects.set(id, object) };
}

/**
 * Objects as files beside the database's data, so uploaded materials outlive a restart as
 * the DynamoDB records pointing at them do. A file is named by the hash of its bucket/key
 * (keys may be long or hold any character) and written by rename, so a crash mid-write never
 * leaves half an object.
 */
export function directoryObjectStore(dir: string): ObjectStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const fileOf = (id: string) => join(dir, createHash('sha256').update(id).digest('hex'));
  const writeAtomically = (path: string, data: Buffer | string) => {
    const temporary = `${path}.${randomUUID()}.tmp`;
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, path);
  };
  return {
    get(id) {
      const file = fileOf(id);
      try {
        const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as Omit<StoredObject, 'body'>;
        return { ...meta, body: readFileSync(`${file}.bin`) };
      } catch {
        return undefined;
      }
    },
    put(id, { body, ...meta }) {
      const file = fileOf(id);
      // Body first: metadata present means the body is complete.
      writeAtomically(`${file}.bin`, body);
      writeAtomically(`${file}.json`, JSON.stringify({ id, ...meta }));
    },
  };
}
