import jwt from 'jsonwebtoken';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import { UnauthenticatedError } from '../errors';
import { hasLowS, withLowS } from './ecdsa-low-s';
import { type PublicJwk, SigningKeyRing, type SigningKeySettings } from './signing-keys';

/** Longer strings are refused before any parsing: no legitimate token of ours comes near this. */
export const MAX_TOKEN_LENGTH = 4096;

export interface TokenSettings extends SigningKeySettings {
  issuer: string;
  audience: string;
  ttlSeconds: number;
  clockSkewSeconds: number;
}

export interface AccessClaims {
  /** The username, as the user spells it. */
  sub: string;
  /** The session id: the key of the session item that must still be live. */
  sid: string;
  /** How the session was authenticated (RFC 8176); tokens signed before the claim existed have none. */
  amr?: string[];
  iat: number;
  exp: number;
}

/** What an access token says of its session. */
export interface TokenSubject {
  username: string;
  sessionId: string;
  amr: readonly string[];
}

export interface SignedToken {
  token: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

export class TokenService {
  private readonly keys: SigningKeyRing;

  constructor(
    private readonly settings: TokenSettings,
    private readonly clock: Clock,
  ) {
    this.keys = new SigningKeyRing(settings);
  }

  /** The public keys that check our tokens, for /.well-known/jwks.json. */
  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks();
  }

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  /** Signs an access token issued at `issuedAt` (epoch seconds; now by default). */
  sign({ username, sessionId, amr }: TokenSubject, issuedAt = toEpochSeconds(this.clock.now())): SignedToken {
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const { algorithm, key, kid } = this.keys.signing;
    const token = jwt.sign({ sub: username, sid: sessionId, amr, iat: issuedAt, exp: expiresAt }, key, {
      algorithm,
      ...(kid === undefined ? {} : { keyid: kid }),
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    });
    return { token: algorithm === 'ES256' ? withLowS(token) : token, issuedAt, expiresAt };
  }

  /** Checks signature, algorithm, issuer, audience and expiry; throws UnauthenticatedError otherwise. */
  verify(token: string): AccessClaims {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError();
    const header = decodedHeader(token);
    const verification = header === undefined ? null : this.keys.verificationKey(header);
    if (verification === null) throw new UnauthenticatedError();
    if (verification.algorithm === 'ES256' && !hasLowS(token)) throw new UnauthenticatedError();
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, verification.key, {
        algorithms: [verification.algorithm],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockSkewSeconds,
        clockTimestamp: toEpochSeconds(this.clock.now()),
      });
    } catch {
      throw new UnauthenticatedError();
    }
    // jsonwebtoken checks exp and nbf only when present and accepts an audience list: require them all.
    const now = toEpochSeconds(this.clock.now());
    if (
      typeof payload === 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.sid !== 'string' ||
      typeof payload.iat !== 'number' ||
      typeof payload.exp !== 'number' ||
      (payload.amr !== undefined && !isStringArray(payload.amr)) ||
      payload.iss !== this.settings.issuer ||
      payload.aud !== this.settings.audience ||
      payload.iat > now + this.settings.clockSkewSeconds
    ) {
      throw new UnauthenticatedError();
    }
    return { sub: payload.sub, sid: payload.sid, amr: payload.amr as string[] | undefined, iat: payload.iat, exp: payload.exp };
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((entry) => typeof entry === 'string');

function decodedHeader(token: string): jwt.JwtHeader | undefined {
  try {
    return jwt.decode(token, { complete: true })?.header;
  } catch {
    return undefined;
  }
}
