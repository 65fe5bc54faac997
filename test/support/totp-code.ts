import { Secret, TOTP } from 'otpauth';

/**
 * The code an authenticator app shows at `timestamp` for a base32 secret (as the enrolment answers
 * it), by the otpauth library's maths with the parameters the service enrols: SHA-1, 6 digits, 30 s.
 */
export const totpCodeAt = (base32Secret: string, timestamp: number): string =>
  TOTP.generate({ secret: Secret.fromBase32(base32Secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp });
