import { z } from 'zod';
import { ATTRIBUTE, KEY } from './table';

/**
 * The records the store hands out, and the checked mappers from a stored item to a record. A
 * malformed item (a field missing or of the wrong type) throws MalformedItemError, which the app
 * logs and answers with 500 INTERNAL: it is never read as absent and never yields a wrong value.
 */

export interface AccountRecord {
  /** Normalised username (NFKC, lower case): the identity used for uniqueness. */
  userKey: string;
  /** The spelling the user chose, for display. */
  username: string;
  name: string;
  passwordHash: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Replaced, in the same write, whenever the credentials change; see src/services/sessions.ts. */
  securityStamp: string;
}

export interface SessionRecord {
  userKey: string;
  sessionId: string;
  username: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch seconds; also the table's TTL attribute. The end of the idle timeout, capped by the absolute lifetime. */
  expiresAt: number;
  /** Epoch milliseconds of the login or the last refresh. */
  lastUsedAt: number;
  /** Epoch seconds: the absolute lifetime's end, which no refresh extends. */
  absoluteExpiresAt: number;
  /** SHA-256 (base64url) of the one refresh secret that may be used next; never the secret itself. */
  refreshHash: string;
  /** The account's security stamp when the session started (or was last re-stamped). */
  securityStamp: string;
  /** How the session was authenticated: RFC 8176 method values, such as `pwd`. */
  amr: string[];
  userAgent?: string;
  ip?: string;
}

/**
 * Items written before security stamps existed have none, on the account and on its sessions alike:
 * both read as this stamp, so they match until the first credential change replaces the account's.
 */
export const STAMP_BEFORE_STAMPS = '';
/** Every session written before `amr` existed was a password login. */
const AMR_BEFORE_AMR = ['pwd'];

const text = z.string();
const integer = z.number().int();

const accountItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.username]: text,
  [ATTRIBUTE.name]: text,
  [ATTRIBUTE.passwordHash]: text,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.securityStamp]: text.default(STAMP_BEFORE_STAMPS),
});

/** The part of the account a session check reads. */
const accountStampItem = accountItem.pick({ [ATTRIBUTE.securityStamp]: true });

const sessionItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.sessionId]: text,
  [ATTRIBUTE.username]: text,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.expiresAt]: integer,
  [ATTRIBUTE.lastUsedAt]: integer,
  [ATTRIBUTE.absoluteExpiresAt]: integer,
  [ATTRIBUTE.refreshHash]: text,
  [ATTRIBUTE.securityStamp]: text.default(STAMP_BEFORE_STAMPS),
  [ATTRIBUTE.amr]: z.array(text).min(1).default(AMR_BEFORE_AMR),
  [ATTRIBUTE.userAgent]: text.optional(),
  [ATTRIBUTE.ip]: text.optional(),
});

/** The attributes a session check reads: the whole session item, and only the stamp of the account's. */
export const SESSION_CHECK_ATTRIBUTES = [KEY.partition, KEY.sort, ...Object.keys(sessionItem.shape)];

export class MalformedItemError extends Error {
  constructor(item: Record<string, unknown>, problem: string) {
    // The key names the item; no attribute value is quoted, since items hold hashes.
    super(`malformed item ${String(item[KEY.partition])} / ${String(item[KEY.sort])}: ${problem}`);
    this.name = 'MalformedItemError';
  }
}

function checked<Schema extends z.ZodType>(schema: Schema, item: Record<string, unknown>): z.output<Schema> {
  const result = schema.safeParse(item);
  if (result.success) return result.data;
  throw new MalformedItemError(item, result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
}

export const toAccountRecord = (item: Record<string, unknown>): AccountRecord => checked(accountItem, item);
export const toAccountStamp = (item: Record<string, unknown>): string => checked(accountStampItem, item).securityStamp;
export const toSessionRecord = (item: Record<string, unknown>): SessionRecord => checked(sessionItem, item);
