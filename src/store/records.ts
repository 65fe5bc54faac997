import * as z from 'zod';
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
  /** The address the account verified (and claimed), normalised: see src/services/email.ts. */
  verifiedEmail?: string | undefined;
  /** An address given but not yet verified; the verified one stays in force until it is. */
  pendingEmail?: string | undefined;
  /** SHA-256 of the one verification token that may confirm `pendingEmail` (a newer one replaces it). */
  verifyTokenHash?: string | undefined;
  /** SHA-256 of the one password-reset token that may be used (a newer one replaces it). */
  resetTokenHash?: string | undefined;
  /** Set by an operator (src/services/admin.ts): the account cannot sign in. Absent on accounts never disabled. */
  disabled?: boolean;
}

export type MailTokenPurpose = 'verify-email' | 'reset-password';

/** A mailed link's token, stored under its SHA-256. It works only while its account still names it (see email.ts). */
export interface MailTokenRecord {
  tokenHash: string;
  purpose: MailTokenPurpose;
  userKey: string;
  /** The address a verification token confirms. */
  address?: string | undefined;
  /** The account's security stamp when a reset token was made: a password change since ends it. */
  securityStamp?: string | undefined;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch seconds; also the TTL. An expired token is treated as absent. */
  expiresAt: number;
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
  /**
   * Which secret that is: generation g's secret is derived from a server key and (session id, g), so it
   * can be made again without being stored. 0: a random secret, from before derived secrets.
   */
  refreshGeneration: number;
  /** The derived key (services/derived-keys.ts) generation `refreshGeneration`'s secret was made with. */
  refreshKeyId?: string;
  /** SHA-256 of the secret the last rotation replaced, recognised within the reuse grace window. */
  previousRefreshHash?: string;
  /** Epoch seconds of the last rotation: the issue time of the credentials it returned. */
  rotatedAt?: number;
  /** The account's security stamp when the session started (or was last re-stamped). */
  securityStamp: string;
  /** How the session was authenticated: RFC 8176 method values, such as `pwd`. */
  amr: string[];
  userAgent?: string;
  ip?: string;
}

/** A secret sealed by SecretBox (services/secret-box.ts), stored as a map: the key id beside the ciphertext. */
export interface SealedSecret {
  kid: string;
  /** base64url, 12 bytes. */
  iv: string;
  /** base64url: the ciphertext followed by the 16-byte GCM authentication tag. */
  ciphertext: string;
}

export interface TotpRecord {
  userKey: string;
  secret: SealedSecret;
  /** Epoch milliseconds. */
  createdAt: number;
  /** The last time step (epoch seconds / 30) whose code was accepted; a code of this step or an earlier one is refused. */
  lastStep: number;
  /** SHA-256 hashes of the unused recovery codes. */
  recoveryCodeHashes: string[];
  /** Epoch milliseconds: when the current set of recovery codes was made. */
  recoveryCodesCreatedAt: number;
}

export interface PendingTotpRecord {
  userKey: string;
  enrolmentId: string;
  secret: SealedSecret;
  createdAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

/** A sign-in whose password was right, waiting for its second factor (POST /login/mfa). */
export interface MfaLoginRecord {
  userKey: string;
  username: string;
  /** The account's stamp when the password was checked: a credential change since kills the sign-in. */
  securityStamp: string;
  /** Codes tried with it so far. */
  tries: number;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface PasskeyRecord {
  userKey: string;
  /** The passkey's id here: SHA-256 of the credential id (which can be up to 1023 bytes), base64url. */
  id: string;
  /** base64url. */
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
  /** 'multiDevice': synced (e.g. through a platform's password manager); 'singleDevice': device-bound. */
  deviceType: 'singleDevice' | 'multiDevice';
  backedUp: boolean;
  name: string;
  aaguid: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastUsedAt: number | null;
}

/** How a security event ended: it went through, it was attempted and failed, or it was refused outright. */
export type EventOutcome = 'success' | 'failure' | 'refused';

/** Extra facts of an event (a session id, the actor of an admin action, a method): never a secret. */
export type EventDetails = Readonly<Record<string, string | number | boolean>>;

export interface SecurityEventRecord {
  userKey: string;
  /** Random, unique within the user and the millisecond. */
  eventId: string;
  /** What happened, such as `login.success` (see services/security-events.ts). */
  kind: string;
  outcome: EventOutcome;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch seconds; also the table's TTL attribute. */
  expiresAt: number;
  ip?: string;
  userAgent?: string;
  details: EventDetails;
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
  [ATTRIBUTE.verifiedEmail]: text.optional(),
  [ATTRIBUTE.pendingEmail]: text.optional(),
  [ATTRIBUTE.verifyTokenHash]: text.optional(),
  [ATTRIBUTE.resetTokenHash]: text.optional(),
  [ATTRIBUTE.disabled]: z.boolean().optional(),
});

const mailTokenItem = z.object({
  [ATTRIBUTE.tokenHash]: text,
  [ATTRIBUTE.purpose]: z.enum(['verify-email', 'reset-password']),
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.address]: text.optional(),
  [ATTRIBUTE.securityStamp]: text.optional(),
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.expiresAt]: integer,
});
/** What a listing of users shows of each account: never the hash or the stamp. */
export type AccountSummary = Pick<AccountRecord, 'userKey' | 'username' | 'name' | 'createdAt' | 'disabled'>;
const accountSummaryItem = accountItem.pick({
  [ATTRIBUTE.userKey]: true,
  [ATTRIBUTE.username]: true,
  [ATTRIBUTE.name]: true,
  [ATTRIBUTE.createdAt]: true,
  [ATTRIBUTE.disabled]: true,
});
/** The attributes a listing reads of each account item. */
export const ACCOUNT_SUMMARY_ATTRIBUTES = Object.keys(accountSummaryItem.shape);

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
  [ATTRIBUTE.refreshGeneration]: integer.min(0).default(0),
  [ATTRIBUTE.refreshKeyId]: text.optional(),
  [ATTRIBUTE.previousRefreshHash]: text.optional(),
  [ATTRIBUTE.rotatedAt]: integer.optional(),
  [ATTRIBUTE.securityStamp]: text.default(STAMP_BEFORE_STAMPS),
  [ATTRIBUTE.amr]: z.array(text).min(1).default(AMR_BEFORE_AMR),
  [ATTRIBUTE.userAgent]: text.optional(),
  [ATTRIBUTE.ip]: text.optional(),
});

/** The attributes a session check reads: the whole session item, and only the stamp of the account's. */
export const SESSION_CHECK_ATTRIBUTES = [KEY.partition, KEY.sort, ...Object.keys(sessionItem.shape)];

const sealedSecret = z.object({ kid: text, iv: text, ciphertext: text });

const totpItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.secret]: sealedSecret,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.lastStep]: integer,
  // DynamoDB drops a string set that becomes empty, so no codes left reads as absent.
  [ATTRIBUTE.recoveryCodeHashes]: z
    .set(text)
    .optional()
    .transform((codes) => [...(codes ?? [])]),
  [ATTRIBUTE.recoveryCodesCreatedAt]: integer,
});

const pendingTotpItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.enrolmentId]: text,
  [ATTRIBUTE.secret]: sealedSecret,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.expiresAt]: integer,
});

const mfaLoginItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.username]: text,
  [ATTRIBUTE.securityStamp]: text,
  [ATTRIBUTE.tries]: integer,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.expiresAt]: integer,
});

const passkeyItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.passkeyId]: text,
  [ATTRIBUTE.credentialId]: text,
  [ATTRIBUTE.publicKey]: text,
  [ATTRIBUTE.counter]: integer,
  [ATTRIBUTE.transports]: z.array(text).default([]),
  [ATTRIBUTE.deviceType]: z.enum(['singleDevice', 'multiDevice']),
  [ATTRIBUTE.backedUp]: z.boolean(),
  [ATTRIBUTE.name]: text,
  [ATTRIBUTE.aaguid]: text,
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.lastUsedAt]: integer.nullable(),
});

const eventItem = z.object({
  [ATTRIBUTE.userKey]: text,
  [ATTRIBUTE.eventId]: text,
  [ATTRIBUTE.kind]: text,
  [ATTRIBUTE.outcome]: z.enum(['success', 'failure', 'refused']),
  [ATTRIBUTE.createdAt]: integer,
  [ATTRIBUTE.expiresAt]: integer,
  [ATTRIBUTE.ip]: text.optional(),
  [ATTRIBUTE.userAgent]: text.optional(),
  [ATTRIBUTE.details]: z.record(text, z.union([text, z.number(), z.boolean()])).default({}),
});

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
export const toMailTokenRecord = (item: Record<string, unknown>): MailTokenRecord => checked(mailTokenItem, item);
export const toAddressOwner = (item: Record<string, unknown>): string =>
  checked(z.object({ [ATTRIBUTE.userKey]: text }), item).userKey;
export const toAccountSummary = (item: Record<string, unknown>): AccountSummary => checked(accountSummaryItem, item);
/** What the user directory needs of an account item (see directory.ts). */
export const toAccountKeyAndCreation = (item: Record<string, unknown>): Pick<AccountRecord, 'userKey' | 'createdAt'> =>
  checked(accountItem.pick({ [ATTRIBUTE.userKey]: true, [ATTRIBUTE.createdAt]: true }), item);
export const toAccountStamp = (item: Record<string, unknown>): string => checked(accountStampItem, item).securityStamp;
export const toSessionRecord = (item: Record<string, unknown>): SessionRecord => checked(sessionItem, item);
export const toTotpRecord = (item: Record<string, unknown>): TotpRecord => checked(totpItem, item);
export const toPendingTotpRecord = (item: Record<string, unknown>): PendingTotpRecord => checked(pendingTotpItem, item);
export const toMfaLoginRecord = (item: Record<string, unknown>): MfaLoginRecord => checked(mfaLoginItem, item);
export const toPasskeyRecord = (item: Record<string, unknown>): PasskeyRecord => checked(passkeyItem, item);
/** The user a WebAuthn handle names (the lookup item), and the handle a user has (the item in their partition). */
export const toHandleOwner = (item: Record<string, unknown>): string =>
  checked(z.object({ [ATTRIBUTE.userKey]: text }), item).userKey;
export const toUserHandle = (item: Record<string, unknown>): string =>
  checked(z.object({ [ATTRIBUTE.userHandle]: text }), item).userHandle;
export const toSecurityEventRecord = (item: Record<string, unknown>): SecurityEventRecord => checked(eventItem, item);
