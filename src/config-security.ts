import { isIP } from 'node:net';
import * as z from 'zod';

/**
 * The security settings of the environment (brute-force limits, proxy trust). Part of `loadConfig`;
 * kept in its own file so the limits and their defaults are read in one place.
 */

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Express's names for address ranges, usable in TRUST_PROXY next to addresses and CIDR blocks. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  const prefix = Number(bits);
  return /^\d+$/.test(bits) && prefix <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies may set X-Forwarded-For. `false` (the default) trusts none: the client IP is the
 * socket's peer, which in Lambda is API Gateway's `sourceIp`. `true` is refused because it would let
 * any client pick its own IP and so escape the per-IP limits.
 */
const trustProxy = z
  .string()
  .trim()
  .superRefine((value, context) => {
    if (value === 'false' || /^\d{1,2}$/.test(value)) return;
    if (value === 'true') {
      context.addIssue({
        code: 'custom',
        message: 'true would trust any client-supplied X-Forwarded-For; give a hop count or the proxy addresses',
      });
      return;
    }
    const bad = value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => !isAddressOrRange(entry));
    if (bad.length > 0) {
      context.addIssue({ code: 'custom', message: `not an address, CIDR block, hop count or false: ${bad.join(', ')}` });
    }
  })
  .transform((value): TrustProxy => {
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(',').map((entry) => entry.trim());
  });

export const securityEnvSchema = {
  LOGIN_ACCOUNT_MAX_FAILURES: integer(1, 1000).default(10),
  LOGIN_ACCOUNT_WINDOW_SECONDS: integer(10, 24 * 3600).default(900),
  LOGIN_DEVICE_MAX_FAILURES: integer(1, 1000).default(10),
  LOGIN_DEVICE_WINDOW_SECONDS: integer(10, 24 * 3600).default(900),
  LOGIN_IP_MAX_FAILURES: integer(1, 100_000).default(100),
  LOGIN_IP_WINDOW_SECONDS: integer(10, 24 * 3600).default(900),
  MFA_ACCOUNT_MAX_FAILURES: integer(1, 1000).default(10),
  MFA_ACCOUNT_WINDOW_SECONDS: integer(10, 24 * 3600).default(900),
  PASSKEY_OPTIONS_IP_MAX: integer(1, 100_000).default(60),
  PASSKEY_OPTIONS_IP_WINDOW_SECONDS: integer(10, 24 * 3600).default(60),
  REGISTER_IP_MAX: integer(1, 100_000).default(20),
  REGISTER_IP_WINDOW_SECONDS: integer(10, 24 * 3600).default(3600),
  MAIL_ACCOUNT_MAX: integer(1, 1000).default(5),
  MAIL_ACCOUNT_WINDOW_SECONDS: integer(10, 24 * 3600).default(3600),
  MAIL_IP_MAX: integer(1, 100_000).default(50),
  MAIL_IP_WINDOW_SECONDS: integer(10, 24 * 3600).default(3600),
  TRUST_PROXY: trustProxy.default(false),
};

export type TrustProxy = false | number | string[];

/** At most `max` counted events in any `windowSeconds` (a sliding window over two fixed ones). */
export interface RateRule {
  max: number;
  windowSeconds: number;
}

export interface SecuritySettings {
  /** Failed logins per account (known or not, so a 429 does not reveal whether it exists), from browsers without its device cookie. */
  loginPerAccount: RateRule;
  /** Failed logins per device cookie: a device that signed in to the account before has a budget of its own. */
  loginPerDevice: RateRule;
  /** Failed logins per client IP, across all usernames. */
  loginPerIp: RateRule;
  /** Wrong second-factor codes (TOTP or recovery codes, at sign-in and in step-ups) per account. */
  secondFactorPerAccount: RateRule;
  /** Passkey sign-in challenges (POST /passkeys/login/options) per client IP: each is an item written. */
  passkeyOptionsPerIp: RateRule;
  /** Registration attempts per client IP. */
  registerPerIp: RateRule;
  /** Requests that mail a link (forgot password, resend verification, change address) per account, known or not. */
  mailPerAccount: RateRule;
  /** …and per client IP. */
  mailPerIp: RateRule;
  /** Express's `trust proxy` setting. */
  trustProxy: TrustProxy;
}

type SecurityEnv = { [Key in keyof typeof securityEnvSchema]: z.output<(typeof securityEnvSchema)[Key]> };

export function securitySettings(values: SecurityEnv): SecuritySettings {
  return {
    loginPerAccount: { max: values.LOGIN_ACCOUNT_MAX_FAILURES, windowSeconds: values.LOGIN_ACCOUNT_WINDOW_SECONDS },
    loginPerDevice: { max: values.LOGIN_DEVICE_MAX_FAILURES, windowSeconds: values.LOGIN_DEVICE_WINDOW_SECONDS },
    loginPerIp: { max: values.LOGIN_IP_MAX_FAILURES, windowSeconds: values.LOGIN_IP_WINDOW_SECONDS },
    secondFactorPerAccount: { max: values.MFA_ACCOUNT_MAX_FAILURES, windowSeconds: values.MFA_ACCOUNT_WINDOW_SECONDS },
    passkeyOptionsPerIp: { max: values.PASSKEY_OPTIONS_IP_MAX, windowSeconds: values.PASSKEY_OPTIONS_IP_WINDOW_SECONDS },
    registerPerIp: { max: values.REGISTER_IP_MAX, windowSeconds: values.REGISTER_IP_WINDOW_SECONDS },
    mailPerAccount: { max: values.MAIL_ACCOUNT_MAX, windowSeconds: values.MAIL_ACCOUNT_WINDOW_SECONDS },
    mailPerIp: { max: values.MAIL_IP_MAX, windowSeconds: values.MAIL_IP_WINDOW_SECONDS },
    trustProxy: values.TRUST_PROXY,
  };
}
