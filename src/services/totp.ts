import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import { onFirstUse } from '../on-first-use';
import type { MfaStore } from '../store/mfa';
import type { TotpRecord } from '../store/records';
import { generateRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import type { SecretBox } from './secret-box';

/** The QR code renderer (and its PNG encoder) loads with the first enrolment (src/on-first-use.ts). */
const qrCodes = onFirstUse(async () => (await import('qrcode')).default);

/**
 * TOTP (RFC 6238) as authenticator apps expect it: SHA-1, 6 digits, 30-second steps, with one step of
 * drift either way. The maths is the otpauth library's; this service keeps the secret sealed at rest and
 * refuses a code whose step (or an earlier one) was already accepted, with one conditional write.
 */

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps of drift accepted either side of now. */
export const TOTP_WINDOW = 1;
/** How long an enrolment waits for its first code. */
export const ENROLMENT_TTL_SECONDS = 10 * 60;
const SECRET_BYTES = 20;
const CODE_PATTERN = /^\d{6}$/;

export interface TotpEnrolment {
  /** base32, for typing into an app by hand. */
  secret: string;
  otpauthUri: string;
  /** The URI as a QR code, an SVG document made here (no external service sees the secret). */
  qrSvg: string;
  /** Epoch seconds: the enrolment must be confirmed by then. */
  expiresAt: number;
}

export interface TotpStatus {
  enabled: boolean;
  /** Unused recovery codes; 0 when TOTP is off. */
  recoveryCodesLeft: number;
}

/** Why a code was refused, for the security log; the client is told only that it was wrong. */
export type CodeRejection = 'not-enrolled' | 'malformed' | 'wrong' | 'replayed';
export type CodeCheck = { accepted: true } | { accepted: false; reason: CodeRejection };

const sealContext = (userKey: string): string => `totp:${userKey}`;

export class TotpService {
  constructor(
    private readonly store: MfaStore,
    private readonly box: SecretBox,
    private readonly issuer: string,
    private readonly clock: Clock,
  ) {}

  /**
   * Whether TOTP is on. A factor older than `accountCreatedAt` was left by an earlier account of the same
   * name (its cleanup failed) and is not this account's: it reads as off, and enrolling replaces it.
   */
  async status(userKey: string, accountCreatedAt = 0): Promise<TotpStatus> {
    const found = await this.store.getTotp(userKey);
    const record = found !== null && found.createdAt >= accountCreatedAt ? found : null;
    return { enabled: record !== null, recoveryCodesLeft: record?.recoveryCodeHashes.length ?? 0 };
  }

  /**
   * Starts an enrolment with a fresh secret (replacing any unconfirmed one). An active factor stays
   * in force until the new one is confirmed; the caller decides who may start one (step-up).
   */
  async begin(userKey: string, username: string): Promise<TotpEnrolment> {
    const secret = new Secret({ size: SECRET_BYTES });
    const expiresAt = toEpochSeconds(this.clock.now()) + ENROLMENT_TTL_SECONDS;
    await this.store.putPendingTotp({
      userKey,
      enrolmentId: randomBytes(16).toString('base64url'),
      secret: this.box.seal(new Uint8Array(secret.bytes), sealContext(userKey)),
      createdAt: this.clock.now(),
      expiresAt,
    });
    const otpauthUri = this.totp(secret, username).toString();
    const qrSvg = await (await qrCodes()).toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret: secret.base32, otpauthUri, qrSvg, expiresAt };
  }

  /**
   * Confirms the enrolment with a first code from the app and turns the factor on (replacing an old
   * one). Returns the new recovery codes, or null when there is no live enrolment or the code is wrong.
   */
  async confirm(userKey: string, code: string): Promise<string[] | null> {
    const now = this.clock.now();
    const pending = await this.store.getPendingTotp(userKey, toEpochSeconds(now));
    if (pending === null) return null;
    const step = this.matchingStep(new Secret({ buffer: this.openSecret(userKey, pending.secret) }), code, now);
    if (step === null) return null;
    // One confirmation per enrolment, even when two race with the same code.
    if (!(await this.store.takePendingTotp(userKey, pending.enrolmentId, toEpochSeconds(now)))) return null;
    const { codes, hashes } = generateRecoveryCodes(userKey);
    await this.store.putTotp({
      userKey,
      secret: pending.secret,
      createdAt: now,
      lastStep: step,
      recoveryCodeHashes: hashes,
      recoveryCodesCreatedAt: now,
    });
    return codes;
  }

  /** Checks a code and, when it is right and its step is newer than any accepted before, uses it up. */
  async checkCode(userKey: string, code: string): Promise<CodeCheck> {
    if (!CODE_PATTERN.test(code)) return { accepted: false, reason: 'malformed' };
    const record = await this.store.getTotp(userKey);
    if (record === null) return { accepted: false, reason: 'not-enrolled' };
    const step = this.matchingStep(new Secret({ buffer: this.openSecret(userKey, record.secret) }), code, this.clock.now());
    if (step === null) return { accepted: false, reason: 'wrong' };
    if (step <= record.lastStep || !(await this.store.acceptTotpStep(userKey, step)))
      return { accepted: false, reason: 'replayed' };
    await this.resealIfStale(record);
    return { accepted: true };
  }

  /** Uses up one recovery code; false when it is not one of the user's unused codes. */
  async useRecoveryCode(userKey: string, input: string): Promise<boolean> {
    const hash = hashRecoveryCode(userKey, input);
    return hash !== null && (await this.store.useRecoveryCode(userKey, hash));
  }

  /** A new set of recovery codes in place of the old (all of which stop working); null when TOTP is off. */
  async replaceRecoveryCodes(userKey: string): Promise<string[] | null> {
    const { codes, hashes } = generateRecoveryCodes(userKey);
    return (await this.store.replaceRecoveryCodes(userKey, hashes, this.clock.now())) ? codes : null;
  }

  /** Turns TOTP off, recovery codes included; false when it was not on. */
  async disable(userKey: string): Promise<boolean> {
    return this.store.deleteTotp(userKey);
  }

  /** The step (epoch seconds / 30) whose code this is, within the drift window around `now`; null if none. */
  private matchingStep(secret: Secret, code: string, now: number): number | null {
    if (!CODE_PATTERN.test(code)) return null;
    const totp = this.totp(secret, '');
    const delta = totp.validate({ token: code, timestamp: now, window: TOTP_WINDOW });
    return delta === null ? null : totp.counter({ timestamp: now }) + delta;
  }

  private totp(secret: Secret, label: string): TOTP {
    return new TOTP({ issuer: this.issuer, label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret });
  }

  private openSecret(userKey: string, sealed: TotpRecord['secret']): ArrayBuffer {
    const bytes = this.box.open(sealed, sealContext(userKey));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  /** After a key rotation, a secret moves to the current key the next time it is used. */
  private async resealIfStale(record: TotpRecord): Promise<void> {
    if (!this.box.isStale(record.secret)) return;
    const resealed = this.box.seal(this.box.open(record.secret, sealContext(record.userKey)), sealContext(record.userKey));
    await this.store.resealTotpSecret(record.userKey, record.secret.kid, resealed);
  }
}
