import jwt from 'jsonwebtoken';
import type { Clock } from '../clock';
import { toEpochSeconds } from '../clock';
import type { Config } from '../config';
import { UnauthenticatedError } from '../errors';

/** Longer strings are refused before any parsing: no legitimate token of ours comes near this. */
export const MAX_TOKEN_LENGTH = 4096;
const ALGORITHM = 'HS256';

export interface AccessClaims {
  /** The username, as the user spells it. */
  sub: string;
  /** The session id: the key of the session item that must still exist. */
  sid: string;
  iat: number;
  exp: number;
}

export interface SignedToken {
  token: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

export class TokenService {
  constructor(
    private readonly settings: Config['jwt'],
    private readonly clock: Clock,
  ) {}

  get ttlSeconds(): number {
    return this.settings.ttlSeconds;
  }

  sign(username: string, sessionId: string): SignedToken {
    const issuedAt = toEpochSeconds(this.clock.now());
    const expiresAt = issuedAt + this.settings.ttlSeconds;
    const token = jwt.sign({ sub: username, sid: sessionId, iat: issuedAt, exp: expiresAt }, this.settings.secret, {
      algorithm: ALGORITHM,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
    });
    return { token, issuedAt, expiresAt };
  }

  /** Checks signature, algorithm, issuer, audience and expiry; throws UnauthenticatedError otherwise. */
  verify(token: string): AccessClaims {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError();
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.settings.secret, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: this.settings.clockSkewSeconds,
        clockTimestamp: toEpochSeconds(this.clock.now()),
      });
    } catch {
      throw new UnauthenticatedError();
    }
    if (
      typeof payload === 'string' ||
      typeof payload.sub !== 'string' ||
      typeof payload.sid !== 'string' ||
      typeof payload.iat !== 'number' ||
      typeof payload.exp !== 'number'
    ) {
      throw new UnauthenticatedError();
    }
    return { sub: payload.sub, sid: payload.sid, iat: payload.iat, exp: payload.exp };
  }
}
