import { awsClientOptions } from '../adapters/aws-client-options';
import { config } from '../config';
import { Envelope, FileKeySource, KmsKeySource } from './envelope';
import { keyedHash } from './keyed-hash';

let envelope: Envelope | undefined;

/** The container's envelope, backed by KMS or the local key file as configured. */
export function personalDataEnvelope(): Envelope {
  if (!envelope) {
    const source = config().keySource;
    envelope = new Envelope(
      source.kind === 'kms' ? new KmsKeySource(source.keyId, awsClientOptions()) : new FileKeySource(source.path),
    );
  }
  return envelope;
}

/** Keyed hash of a normalised ID number, for uniqueness and look-ups. */
export const idNumberLookupHash = (idNumber: string): string => keyedHash(config().idLookupKey, idNumber);
