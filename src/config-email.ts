import { resolve } from 'node:path';
import * as z from 'zod';

/**
 * The mail settings of the environment (how mail leaves the service, who it is from, where its links
 * point). Part of `loadConfig`; kept in its own file so the transports and their checks are read in
 * one place.
 */

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const EMAIL_TRANSPORTS = ['ses', 'smtp', 'outbox'] as const;
export type EmailTransportName = (typeof EMAIL_TRANSPORTS)[number];

export const emailEnvSchema = {
  EMAIL_TRANSPORT: z.enum(EMAIL_TRANSPORTS).optional(),
  EMAIL_FROM: z.email().optional(),
  // Never echoed back in a problem: it may hold the SMTP password.
  SMTP_URL: z.string().optional(),
  SES_REGION: z.string().min(1).optional(),
  SES_ENDPOINT: z.url().optional(),
  EMAIL_TIMEOUT_MS: integer(100, 30_000).default(5000),
  PUBLIC_URL: z.url().optional(),
  EMAIL_VERIFY_TTL_MINUTES: integer(5, 30 * 24 * 60).default(24 * 60),
  PASSWORD_RESET_TTL_MINUTES: integer(5, 24 * 60).default(30),
  PASSWORD_FORGOT_ANSWER_MS: integer(0, 10_000).default(1000),
  SECURITY_NOTICES: z
    .string()
    .default('all')
    .transform((value, context): SecurityNoticeKind[] => {
      const entries = value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean);
      if (entries.length === 1 && entries[0] === 'all') return [...SECURITY_NOTICE_KINDS];
      if (entries.length === 1 && entries[0] === 'none') return [];
      const unknown = entries.filter((entry) => !(SECURITY_NOTICE_KINDS as readonly string[]).includes(entry));
      if (unknown.length > 0) {
        context.addIssue({
          code: 'custom',
          message: `unknown notice ${unknown.join(', ')} (all, none, or a list of ${SECURITY_NOTICE_KINDS.join(', ')})`,
        });
      }
      return SECURITY_NOTICE_KINDS.filter((kind) => entries.includes(kind));
    }),
};

/** The security notices the service can mail; SECURITY_NOTICES switches each on or off. */
export const SECURITY_NOTICE_KINDS = [
  'password-changed',
  'email-changed',
  'new-device',
  'account-locked',
  'refresh-token-reused',
] as const;
export type SecurityNoticeKind = (typeof SECURITY_NOTICE_KINDS)[number];

export type EmailTransportSettings =
  /** Amazon SES v2 SendEmail; `endpoint` only for a stand-in (tests). */
  | { kind: 'ses'; region: string; endpoint: string | undefined }
  /** Any SMTP server, through nodemailer; the URL may carry the credentials. */
  | { kind: 'smtp'; url: string }
  /** Each mail is written as an .eml file to `directory` (development only). */
  | { kind: 'outbox'; directory: string };

export interface EmailSettings {
  transport: EmailTransportSettings;
  /** The sender address of every mail. */
  from: string;
  /** How long one send may take before it counts as failed. */
  timeoutMs: number;
  /** How long a verification link works. */
  verifyTtlMinutes: number;
  /** How long a password-reset link works. */
  resetTtlMinutes: number;
  /**
   * POST /password/forgot answers no sooner than this after it arrived, whether or not it mailed
   * anything, so its timing cannot tell whether an account exists (the send is what differs).
   */
  forgotAnswerMs: number;
  /** The security notices that are mailed. */
  notices: ReadonlySet<SecurityNoticeKind>;
}

type EmailEnv = z.output<z.ZodObject<typeof emailEnvSchema>>;

/** What the mail settings need from the rest of the environment. */
interface Surroundings {
  isProduction: boolean;
  host: string;
  port: number;
  region: string;
  dataDir: string;
}

const DEVELOPMENT_SENDER = 'no-reply@example.com';

/**
 * The web page's address, from which every link in a mail is built. Production must name it: taking it
 * from a request's Host header would let anyone have reset links point at their own site.
 */
export function publicUrl(values: EmailEnv, surroundings: Surroundings, problems: string[]): string {
  if (values.PUBLIC_URL !== undefined) {
    const url = new URL(values.PUBLIC_URL);
    if (surroundings.isProduction && url.protocol !== 'https:')
      problems.push('PUBLIC_URL: must be an https:// URL in production');
    if (url.search !== '' || url.hash !== '') problems.push('PUBLIC_URL: must have no query string or fragment');
    // Always a trailing slash, so links resolve below its path (https://example.com/auth/ + reset).
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  }
  if (surroundings.isProduction) {
    problems.push(
      'PUBLIC_URL: required in production (the https:// address of the web page, used in every link the service mails)',
    );
  }
  const host = ['0.0.0.0', '::'].includes(surroundings.host) ? '127.0.0.1' : surroundings.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${surroundings.port}/`;
}

export function emailSettings(values: EmailEnv, surroundings: Surroundings, problems: string[]): EmailSettings {
  const { isProduction } = surroundings;
  const kind = values.EMAIL_TRANSPORT ?? (isProduction ? undefined : 'outbox');
  if (kind === undefined) problems.push('EMAIL_TRANSPORT: required in production (ses or smtp)');
  if (kind === 'outbox' && isProduction) {
    problems.push('EMAIL_TRANSPORT: outbox only writes files and cannot be used in production; use ses or smtp');
  }
  if (values.EMAIL_FROM === undefined && isProduction)
    problems.push('EMAIL_FROM: required in production (the sender address of every mail)');

  return {
    transport: transportSettings(kind ?? 'outbox', values, surroundings, problems),
    from: values.EMAIL_FROM ?? DEVELOPMENT_SENDER,
    timeoutMs: values.EMAIL_TIMEOUT_MS,
    verifyTtlMinutes: values.EMAIL_VERIFY_TTL_MINUTES,
    resetTtlMinutes: values.PASSWORD_RESET_TTL_MINUTES,
    forgotAnswerMs: values.PASSWORD_FORGOT_ANSWER_MS,
    notices: new Set(values.SECURITY_NOTICES),
  };
}

function transportSettings(
  kind: EmailTransportName,
  values: EmailEnv,
  surroundings: Surroundings,
  problems: string[],
): EmailTransportSettings {
  if (kind !== 'smtp' && values.SMTP_URL !== undefined)
    problems.push(`SMTP_URL: only used with EMAIL_TRANSPORT=smtp, not ${kind}`);
  if (kind !== 'ses' && (values.SES_ENDPOINT !== undefined || values.SES_REGION !== undefined)) {
    problems.push(`SES_ENDPOINT, SES_REGION: only used with EMAIL_TRANSPORT=ses, not ${kind}`);
  }
  switch (kind) {
    case 'ses':
      return { kind, region: values.SES_REGION ?? surroundings.region, endpoint: values.SES_ENDPOINT };
    case 'smtp': {
      const problem = smtpUrlProblem(values.SMTP_URL);
      if (problem !== null) problems.push(`SMTP_URL: ${problem}`);
      return { kind, url: values.SMTP_URL ?? '' };
    }
    case 'outbox':
      return { kind, directory: resolve(surroundings.dataDir, 'outbox') };
  }
}

/** What is wrong with an SMTP URL, without repeating any of it (it may hold a password). */
function smtpUrlProblem(value: string | undefined): string | null {
  if (value === undefined) return 'required with EMAIL_TRANSPORT=smtp (smtp://user:password@host:587 or smtps://…:465)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (smtp://user:password@host:587 or smtps://…:465)';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') return 'must start with smtp:// or smtps://';
  if (url.hostname === '') return 'names no host';
  return null;
}
