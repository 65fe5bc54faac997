import { resolve } from 'node:path';
import { z } from 'zod';

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
};

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
