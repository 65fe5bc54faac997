import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/**
 * Paths that may hold a password, token, cookie or secret. They are censored wherever they appear
 * in a log line, so no call site has to remember.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.refreshToken',
  '*.secret',
];

/** Structured JSON logs on stdout (CloudWatch in Lambda). */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
