import { createHash } from 'node:crypto';
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The single-table layout. Accounts and their sessions share a partition so that a user's sessions
 * are one Query away, and a session and its account one BatchGetItem away; every item type is told
 * apart by its sort key.
 *
 *   pk                 sk                  item
 *   USER#<userKey>     PROFILE             the account (display username, name, password hash, security stamp, disabled)
 *   USER#<userKey>     SESSION#<id>        one session per login (with the security stamp it was started under)
 *   USER#<userKey>     MFA#TOTP            the TOTP factor: sealed secret, last accepted step, recovery code hashes
 *   USER#<userKey>     MFA#TOTP-PENDING    a TOTP enrolment not yet confirmed (expires)
 *   USER#<userKey>     PASSKEY#<id>        one passkey (id: SHA-256 of the WebAuthn credential id)
 *   USER#<userKey>     PASSKEY-HANDLE      the user's WebAuthn user handle (random, no personal data)
 *   USER#<userKey>     EVENT#<ms>#<id>     one security event (login, logout, password change, …), expires; see services/security-events.ts
 *   HANDLE#<handle>    USER                which user a handle names, for sign-in without a username
 *   CHALLENGE#<c>      CHALLENGE           one single-use WebAuthn challenge (expires)
 *   MFA-LOGIN#<h>      MFA-LOGIN           a sign-in waiting for its second factor (h: SHA-256 of the mfaToken; expires)
 *   RATE#<scope>#<h>   WINDOW#<start>      a rate-limit counter (h: SHA-256 of the key), see rate-limits.ts
 *   EMAIL#<address>    OWNER               which account verified this address (address lower-cased), see email.ts
 *   MAILTOKEN#<h>      TOKEN               one mailed link's token (h: SHA-256 of it; expires), see email.ts
 *   USERS#<shard>      <userKey>           the user directory: one entry per account, for listing users without
 *                                          a Scan (shard: 0-15 by the key's hash, so no partition is hot)
 *
 * `expiresAt` (epoch seconds) is the TTL attribute; code treats an expired item as absent because
 * DynamoDB may serve expired items for up to two days before deleting them.
 */
export const KEY = { partition: 'pk', sort: 'sk' } as const;
export const TTL_ATTRIBUTE = 'expiresAt';

/** Every attribute the store reads or writes besides the key, by the record field it holds. */
export const ATTRIBUTE = {
  type: 'type',
  userKey: 'userKey',
  username: 'username',
  name: 'name',
  passwordHash: 'passwordHash',
  createdAt: 'createdAt',
  securityStamp: 'securityStamp',
  disabled: 'disabled',
  sessionId: 'sessionId',
  lastUsedAt: 'lastUsedAt',
  expiresAt: TTL_ATTRIBUTE,
  absoluteExpiresAt: 'absoluteExpiresAt',
  refreshHash: 'refreshHash',
  previousRefreshHash: 'previousRefreshHash',
  refreshGeneration: 'refreshGeneration',
  refreshKeyId: 'refreshKeyId',
  rotatedAt: 'rotatedAt',
  amr: 'amr',
  userAgent: 'userAgent',
  ip: 'ip',
  hits: 'hits',
  failures: 'failures',
  secret: 'secret',
  lastStep: 'lastStep',
  recoveryCodeHashes: 'recoveryCodeHashes',
  recoveryCodesCreatedAt: 'recoveryCodesCreatedAt',
  enrolmentId: 'enrolmentId',
  passkeyId: 'id',
  credentialId: 'credentialId',
  publicKey: 'publicKey',
  counter: 'counter',
  transports: 'transports',
  deviceType: 'deviceType',
  backedUp: 'backedUp',
  aaguid: 'aaguid',
  userHandle: 'userHandle',
  challenge: 'challenge',
  purpose: 'purpose',
  verifiedEmail: 'verifiedEmail',
  pendingEmail: 'pendingEmail',
  verifyTokenHash: 'verifyTokenHash',
  resetTokenHash: 'resetTokenHash',
  address: 'address',
  tokenHash: 'tokenHash',
  tries: 'tries',
  eventId: 'eventId',
  kind: 'kind',
  outcome: 'outcome',
  details: 'details',
} as const;

export type ItemKey = { [KEY.partition]: string; [KEY.sort]: string };

const ACCOUNT_SORT_KEY = 'PROFILE';
const SESSION_SORT_PREFIX = 'SESSION#';
const userPartition = (userKey: string): string => `USER#${userKey}`;

/** The key of a user's account item. */
export const accountKey = (userKey: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: ACCOUNT_SORT_KEY,
});

/** The key of one session item of a user. */
export const sessionKey = (userKey: string, sessionId: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: `${SESSION_SORT_PREFIX}${sessionId}`,
});

/**
 * A user's security events: sort keys `EVENT#<epoch ms, 15 digits>#<id>`, so they sort by time, and
 * all before `PROFILE` (and `MFA#`, `PASSKEY#`), so a Query of the account and sessions (sk >= PROFILE)
 * never reads them.
 */
const EVENT_SORT_PREFIX = 'EVENT#';
const EVENT_TIME_DIGITS = 15;
export const eventItems = {
  partition: userPartition,
  sortKey: (at: number, eventId: string): string =>
    `${EVENT_SORT_PREFIX}${String(at).padStart(EVENT_TIME_DIGITS, '0')}#${eventId}`,
  /** The lowest sort key of an event at or after `at` (epoch ms). */
  from: (at: number): string => `${EVENT_SORT_PREFIX}${String(Math.max(0, at)).padStart(EVENT_TIME_DIGITS, '0')}`,
  /** Above every event's sort key ('$' follows '#'). */
  end: 'EVENT$',
  /** Whether a sort key is one this table writes for an event (cursors are checked against it). */
  isSortKey: (sortKey: string): boolean =>
    new RegExp(`^${EVENT_SORT_PREFIX}\\d{${EVENT_TIME_DIGITS}}#[A-Za-z0-9_-]{1,64}$`).test(sortKey),
};
export const eventKey = (userKey: string, at: number, eventId: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: eventItems.sortKey(at, eventId),
});

/** The partition holding a user's account and sessions (for a Query), and how to tell its items apart. */
export const userItems = {
  partition: userPartition,
  /** The lowest sort key of the account and session items: a Query from here skips events and factors. */
  accountAndSessionsFrom: ACCOUNT_SORT_KEY,
  isAccount: (item: Record<string, unknown>): boolean => item[KEY.sort] === ACCOUNT_SORT_KEY,
  isSession: (item: Record<string, unknown>): boolean => String(item[KEY.sort]).startsWith(SESSION_SORT_PREFIX),
};

/** The second factors' items in a user's partition, and the lookups outside it (see the layout above). */
const PASSKEY_SORT_PREFIX = 'PASSKEY#';
export const totpKey = (userKey: string): ItemKey => ({ [KEY.partition]: userPartition(userKey), [KEY.sort]: 'MFA#TOTP' });
export const pendingTotpKey = (userKey: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: 'MFA#TOTP-PENDING',
});
export const passkeyKey = (userKey: string, passkeyId: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: `${PASSKEY_SORT_PREFIX}${passkeyId}`,
});
/** A user's passkeys, for a Query: their partition and sort-key prefix. */
export const passkeyItems = { partition: userPartition, sortPrefix: PASSKEY_SORT_PREFIX };
export const userHandleKey = (userKey: string): ItemKey => ({
  [KEY.partition]: userPartition(userKey),
  [KEY.sort]: 'PASSKEY-HANDLE',
});
export const handleLookupKey = (userHandle: string): ItemKey => ({ [KEY.partition]: `HANDLE#${userHandle}`, [KEY.sort]: 'USER' });
export const mfaLoginKey = (tokenHash: string): ItemKey => ({
  [KEY.partition]: `MFA-LOGIN#${tokenHash}`,
  [KEY.sort]: 'MFA-LOGIN',
});
export const challengeKey = (challenge: string): ItemKey => ({
  [KEY.partition]: `CHALLENGE#${challenge}`,
  [KEY.sort]: 'CHALLENGE',
});

/** The claim on a verified address: its key is the address lower-cased, so case variants are one address. */
export const addressClaimKey = (address: string): ItemKey => ({
  [KEY.partition]: `EMAIL#${address.toLowerCase()}`,
  [KEY.sort]: 'OWNER',
});
/** One mailed token, by the SHA-256 of the token (the token itself is never stored). */
export const mailTokenKey = (tokenHash: string): ItemKey => ({ [KEY.partition]: `MAILTOKEN#${tokenHash}`, [KEY.sort]: 'TOKEN' });
/**
 * The user directory: every account has an entry (written just before the account item, so no account
 * is ever missing from it; an entry whose account is gone is skipped when listing). Entries hold only
 * the key: what is shown is read from the account items.
 */
export const USER_DIRECTORY_SHARDS = 16;
const directoryShardOf = (userKey: string): number =>
  createHash('sha256').update(userKey, 'utf8').digest().readUInt8(0) % USER_DIRECTORY_SHARDS;
export const userDirectory = {
  partition: (shard: number): string => `USERS#${shard}`,
  key: (userKey: string): ItemKey => ({ [KEY.partition]: `USERS#${directoryShardOf(userKey)}`, [KEY.sort]: userKey }),
};

/** The key of one rate-limit counter window. Keys are hashed: fixed length, and no usernames or IPs in them. */
export const rateCounterKey = (scope: string, key: string, windowStart: number): ItemKey => ({
  [KEY.partition]: `RATE#${scope}#${createHash('sha256').update(key, 'utf8').digest('base64url')}`,
  [KEY.sort]: `WINDOW#${windowStart}`,
});

/** A key no item ever has: the readiness check reads it (one GetItem that finds nothing). */
export const healthCheckKey: ItemKey = { [KEY.partition]: 'HEALTH', [KEY.sort]: 'HEALTH' };

/** The CreateTable request for local stores; template.yaml declares the same keys for AWS. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: KEY.partition, AttributeType: 'S' },
      { AttributeName: KEY.sort, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: KEY.partition, KeyType: 'HASH' },
      { AttributeName: KEY.sort, KeyType: 'RANGE' },
    ],
  };
}
