import '../zod-chinese';
import { z } from 'zod';

/**
 * Limits every request is held to before any rule runs, so that no input — however it was
 * crafted — can reach the store in a shape it cannot hold (DynamoDB: 2 KB partition keys,
 * 400 KB items) or make the server do unbounded work.
 */

/** Largest request body a handler reads (API Gateway itself stops at 10 MB). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Deepest nesting of a JSON body: the deepest request we define nests five levels. */
export const MAX_JSON_DEPTH = 12;
/** Most object keys and array elements in one body. */
export const MAX_JSON_NODES = 5000;

/**
 * Keys that change an object's prototype when assigned. No schema of ours defines one, so a
 * body that carries one is refused as a whole rather than stripped.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Ids we issue (UUIDs, out_trade_no, booking numbers) and look up: short and plain. */
export const MAX_ID_LENGTH = 64;
export const EntityId = z
  .string()
  .min(1)
  .max(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, '编号格式不正确');

/** A key defined in the catalogue (a material, a form section or field): lower camel case. */
export const CatalogueKey = z
  .string()
  .max(48)
  .regex(/^[a-z][a-zA-Z0-9]*$/, '键名格式不正确')
  .refine((key) => !FORBIDDEN_KEYS.has(key), '键名不允许使用');

/** Longest text a draft field may hold before the form's own limit applies on submit. */
export const MAX_DRAFT_TEXT = 2000;
const DraftScalar = z.union([z.string().max(MAX_DRAFT_TEXT), z.number().min(-1e15).max(1e15), z.boolean(), z.null()]);
const DraftSection = z.record(CatalogueKey, DraftScalar);

/**
 * Draft form data as the wire may carry it: section → field → scalar, or a list of up to 50
 * such records for a repeating section. Which sections and fields exist is the item's form
 * definition's business (checked by the domain); this only bounds the shape.
 */
export const DraftFormData = z.record(CatalogueKey, z.union([DraftSection, z.array(DraftSection).max(50)]));

/** A record's optimistic-concurrency version, as the client last saw it. */
export const Version = z.number().int().nonnegative().max(1_000_000);
