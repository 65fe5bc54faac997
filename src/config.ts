import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { type AdminSettings, adminEnvSchema, adminSettings } from './config-admin';
import { type Branding, brandingEnvSchema, brandingSettings } from './config-branding';
import { type EmailSettings, emailEnvSchema, emailSettings, publicUrl } from './config-email';
import { loadMfaSettings, type MfaSettings, mfaEnvSchema, type WebAuthnSettings, webAuthnSettings } from './config-mfa';
import { type SecuritySettings, securityEnvSchema, securitySettings } from './config-security';
import { generateSigningKey, parseSigningKeys, type SigningKeyMaterial } from './config-signing-keys';
import { readSecretFromSecretsManager } from './secrets';

/**
 * Every setting the service reads from its environment, validated once at start-up.
 * Nothing else in the code reads process.env.
 */

const MIN_SECRET_BYTES = 32;

const booleanString = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const integer = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `entry` as an origin (`scheme://host[:port]`, http or https, nothing after it but one `/`), or undefined. */
function asOrigin(entry: string): string | undefined {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  const httpLike = url.protocol === 'http:' || url.protocol === 'https:';
  const bare = url.username === '' && url.password === '' && url.pathname === '/' && url.search === '' && url.hash === '';
  return httpLike && url.host !== '' && bare ? url.origin : undefined;
}

/**
 * ALLOWED_ORIGINS: each entry an origin exactly as a browser sends it in `Origin`. Anything else would
 * match no request at all, silently (`localhost:5173` parses as a URL of scheme `localhost:`), so it is
 * refused, with the likely intended origin.
 */
const commaSeparatedOrigins = z.string().transform((value, context) => {
  const origins: string[] = [];
  for (const entry of value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)) {
    const origin = asOrigin(entry);
    if (origin !== undefined) {
      origins.push(origin);
      continue;
    }
    const shown = JSON.stringify(entry.slice(0, 100));
    const hint = entry.includes('://')
      ? 'without a path, query or credentials'
      : `with its scheme, e.g. http://${entry.split('/')[0]}`;
    context.addIssue({
      code: 'custom',
      message: `${shown} is not an origin: write each as scheme://host[:port] (http or https), ${hint}`,
    });
  }
  return origins;
});

const envSchema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: integer(0, 65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  JWT_SECRET: z.string().optional(),
  JWT_SECRET_ID: z.string().min(1).optional(),
  JWT_ISSUER: z.string().min(1).default('serverless-auth'),
  JWT_AUDIENCE: z.string().min(1).default('serverless-auth'),
  TOKEN_TTL_SECONDS: integer(60, 7 * 24 * 3600).default(3600),
  CLOCK_SKEW_SECONDS: integer(0, 300).default(30),
  BCRYPT_COST: integer(4, 15).default(12),
  JWT_ALGORITHM: z.enum(['HS256', 'ES256']).default('HS256'),
  JWT_SIGNING_KEYS: z.string().min(1).optional(),
  JWT_SIGNING_KEYS_SECRET_ID: z.string().min(1).optional(),
  JWT_SIGNING_KID: z.string().min(1).optional(),
  SESSION_IDLE_TIMEOUT_SECONDS: integer(300, 365 * 24 * 3600).default(7 * 24 * 3600),
  SESSION_ABSOLUTE_LIFETIME_SECONDS: integer(300, 365 * 24 * 3600).default(30 * 24 * 3600),
  REFRESH_REUSE_GRACE_SECONDS: integer(0, 60).default(10),

  TABLE_NAME: z
    .string()
    .regex(/^[a-zA-Z0-9_.-]{3,255}$/, 'must be a valid DynamoDB table name')
    .default('auth'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  STORE_TIMEOUT_MS: integer(100, 30_000).default(2000),
  REQUEST_DEADLINE_MS: integer(500, 120_000).default(8000),
  DATA_DIR: z.string().min(1).default('./data'),
  STORE_IN_MEMORY: booleanString.default(false),

  HTTP_REQUEST_TIMEOUT_MS: integer(1000, 300_000).default(20_000),
  HTTP_HEADERS_TIMEOUT_MS: integer(1000, 300_000).default(10_000),
  HTTP_MAX_CONNECTIONS: integer(1, 100_000).default(512),
  HASHING_THREAD_NICE: integer(0, 19).default(10),

  SECURITY_EVENT_RETENTION_DAYS: integer(1, 3650).default(90),
  METRICS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9_./#:-]{1,255}$/, 'must be a CloudWatch namespace')
    .default('ServerlessAuth'),

  /** Unset: false in development (plain HTTP on 127.0.0.1, curl's cookie jar included), true otherwise. */
  COOKIE_SECURE: booleanString.optional(),
  ALLOWED_ORIGINS: commaSeparatedOrigins.default([]),
  ...securityEnvSchema,
  ...brandingEnvSchema,
  ...emailEnvSchema,
  ...mfaEnvSchema,
  ...adminEnvSchema,
});

/** The names of every environment variable the service reads (the README's configuration table lists each). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** The settings every part of the service reads (the authorizer needs no more than these). */
export interface CoreConfig {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  jwt: {
    secret: string;
    /** True when no secret was configured and one was generated for this process. */
    secretGenerated: boolean;
    issuer: string;
    audience: string;
    ttlSeconds: number;
    clockSkewSeconds: number;
    algorithm: 'HS256' | 'ES256';
    /** ES256 key pairs; every one verifies, the one named by signingKid (else the first) signs. */
    signingKeys: SigningKeyMaterial[];
    signingKid: string | undefined;
    /** True when ES256 runs on a key generated for this process (none configured, not production). */
    signingKeysGenerated: boolean;
  };
  sessions: {
    /** A session ends this long after its last login or refresh. */
    idleTimeoutSeconds: number;
    /** …and at the latest this long after its login, however often it is refreshed. */
    absoluteLifetimeSeconds: number;
    /** The refresh credential a rotation just replaced gets that rotation's answer for this long (0: never). */
    refreshReuseGraceSeconds: number;
  };
  bcryptCost: number;
  /** Every store call of one request must finish within this (in Lambda: the invocation's remaining time, less a margin). */
  requestDeadlineMs: number;
  store: {
    tableName: string;
    endpoint: string | undefined;
    region: string;
    timeoutMs: number;
    dataDir: string;
    inMemory: boolean;
  };
  /** The local server's connection limits (in Lambda, API Gateway's apply). */
  http: {
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    maxConnections: number;
  };
  /** Local server: the nice value of libuv's thread pool, where bcrypt hashes (0: the event loop's own); see thread-pool-priority.ts. */
  hashingThreadNice: number;
  cookieSecure: boolean;
  allowedOrigins: string[];
  security: SecuritySettings;
  /** The hosted pages' name, logo and accent colour. */
  branding: Branding;
  /** The audit trail: how long each security event is kept (its TTL). */
  events: { retentionDays: number };
  /** The CloudWatch namespace of the metrics Lambda emits (src/lambda-metrics.ts). */
  metricsNamespace: string;
}

/** The service's settings: the core ones, how it mails and where its links point, and its second factors. */
export interface Config extends CoreConfig {
  /** The web page's address with a trailing slash; every link in a mail starts with it. */
  publicUrl: string;
  email: EmailSettings;
  /** The keys that encrypt TOTP secrets at rest (the authorizer never opens one, so it has none). */
  mfa: MfaSettings;
  /** The passkey relying party; null when PUBLIC_URL's host cannot be one (an IP address) and WEBAUTHN_RP_ID is unset. */
  webauthn: WebAuthnSettings | null;
  /** The admin API's local bearer key (in AWS, IAM guards the admin routes instead). */
  admin: AdminSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment; throws ConfigError naming every bad or missing value.
 * The JWT secret comes from JWT_SECRET, or from the Secrets Manager secret named by JWT_SECRET_ID.
 */
export async function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  readSecret: (secretId: string) => Promise<string> = readSecretFromSecretsManager,
): Promise<Config> {
  const { core, values, problems } = await readCoreConfig(env, readSecret);
  const surroundings = {
    isProduction: core.env === 'production',
    host: core.host,
    port: core.port,
    region: core.store.region,
    dataDir: core.store.dataDir,
  };
  const url = publicUrl(values, surroundings, problems);
  const config = {
    ...core,
    publicUrl: url,
    email: emailSettings(values, surroundings, problems),
    mfa: await loadMfaSettings(values, surroundings, readSecret, problems),
    webauthn: webAuthnSettings(values, surroundings, url, problems),
    admin: adminSettings(values, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** The settings of the API Gateway authorizer: it sends no mail, so it needs no mail settings. */
export async function loadAuthorizerConfig(
  env: NodeJS.ProcessEnv = process.env,
  readSecret: (secretId: string) => Promise<string> = readSecretFromSecretsManager,
): Promise<CoreConfig> {
  const { core, problems } = await readCoreConfig(env, readSecret);
  if (problems.length > 0) throw new ConfigError(problems);
  return core;
}

/** Parses the environment and checks the core settings; problems are collected for the caller to add to. */
async function readCoreConfig(
  env: NodeJS.ProcessEnv,
  readSecret: (secretId: string) => Promise<string>,
): Promise<{ core: CoreConfig; values: z.infer<typeof envSchema>; problems: string[] }> {
  // Parsed once per process: zod's compiled fast path for objects would cost more to generate than it saves
  // (loadConfig 5.8 → 3.3 ms CPU, part of every Lambda cold start).
  const parsed = envSchema.safeParse(env, { jitless: true });
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const values = parsed.data;
  const problems: string[] = [];
  const isProduction = values.NODE_ENV === 'production';

  if (values.JWT_SECRET !== undefined && values.JWT_SECRET_ID !== undefined) {
    throw new ConfigError(['JWT_SECRET, JWT_SECRET_ID: set one or the other, not both']);
  }
  const secret = values.JWT_SECRET_ID === undefined ? values.JWT_SECRET : await readSecret(values.JWT_SECRET_ID);
  const secretSource = values.JWT_SECRET_ID === undefined ? 'JWT_SECRET' : `JWT_SECRET_ID (${values.JWT_SECRET_ID})`;
  if (secret !== undefined && Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    problems.push(
      `${secretSource}: the secret must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 48)`,
    );
  }
  const usesSecret = values.JWT_ALGORITHM === 'HS256';
  if (isProduction && usesSecret && secret === undefined) {
    problems.push('JWT_SECRET or JWT_SECRET_ID: a secret is required in production (generate one with: openssl rand -base64 48)');
  }
  if (isProduction && values.COOKIE_SECURE === false) {
    problems.push('COOKIE_SECURE: cannot be false in production; plain-HTTP cookies are for local development only');
  }
  if (isProduction && values.BCRYPT_COST < 10) {
    problems.push('BCRYPT_COST: must be at least 10 in production');
  }
  if (values.SESSION_IDLE_TIMEOUT_SECONDS > values.SESSION_ABSOLUTE_LIFETIME_SECONDS) {
    problems.push('SESSION_IDLE_TIMEOUT_SECONDS: must not exceed SESSION_ABSOLUTE_LIFETIME_SECONDS');
  }
  const signingKeys = await loadSigningKeys(values, readSecret, problems);
  if (values.JWT_ALGORITHM === 'ES256' && signingKeys === undefined && isProduction) {
    problems.push('JWT_SIGNING_KEYS or JWT_SIGNING_KEYS_SECRET_ID: ES256 needs signing keys in production');
  }
  if (
    values.JWT_SIGNING_KID !== undefined &&
    signingKeys !== undefined &&
    !signingKeys.some((key) => key.kid === values.JWT_SIGNING_KID)
  ) {
    problems.push(`JWT_SIGNING_KID: no key with kid ${values.JWT_SIGNING_KID} in the signing keys`);
  }
  const generateKeys = values.JWT_ALGORITHM === 'ES256' && signingKeys === undefined;

  const core: CoreConfig = {
    env: values.NODE_ENV,
    host: values.HOST,
    port: values.PORT,
    logLevel: values.LOG_LEVEL,
    jwt: {
      secret: secret ?? randomBytes(48).toString('base64url'),
      secretGenerated: secret === undefined,
      issuer: values.JWT_ISSUER,
      audience: values.JWT_AUDIENCE,
      ttlSeconds: values.TOKEN_TTL_SECONDS,
      clockSkewSeconds: values.CLOCK_SKEW_SECONDS,
      algorithm: values.JWT_ALGORITHM,
      signingKeys: signingKeys ?? (generateKeys ? [generateSigningKey()] : []),
      signingKid: generateKeys ? undefined : values.JWT_SIGNING_KID,
      signingKeysGenerated: generateKeys,
    },
    sessions: {
      idleTimeoutSeconds: values.SESSION_IDLE_TIMEOUT_SECONDS,
      absoluteLifetimeSeconds: values.SESSION_ABSOLUTE_LIFETIME_SECONDS,
      refreshReuseGraceSeconds: values.REFRESH_REUSE_GRACE_SECONDS,
    },
    bcryptCost: values.BCRYPT_COST,
    requestDeadlineMs: values.REQUEST_DEADLINE_MS,
    store: {
      tableName: values.TABLE_NAME,
      endpoint: values.DYNAMODB_ENDPOINT,
      region: values.AWS_REGION,
      timeoutMs: values.STORE_TIMEOUT_MS,
      dataDir: values.DATA_DIR,
      inMemory: values.STORE_IN_MEMORY,
    },
    http: {
      requestTimeoutMs: values.HTTP_REQUEST_TIMEOUT_MS,
      headersTimeoutMs: values.HTTP_HEADERS_TIMEOUT_MS,
      maxConnections: values.HTTP_MAX_CONNECTIONS,
    },
    hashingThreadNice: values.HASHING_THREAD_NICE,
    cookieSecure: values.COOKIE_SECURE ?? values.NODE_ENV !== 'development',
    allowedOrigins: values.ALLOWED_ORIGINS,
    security: securitySettings(values),
    branding: brandingSettings(values),
    events: { retentionDays: values.SECURITY_EVENT_RETENTION_DAYS },
    metricsNamespace: values.METRICS_NAMESPACE,
  };
  return { core, values, problems };
}

/**
 * ES256 keys come from JWT_SIGNING_KEYS (the JSON key set itself) or from the Secrets Manager secret
 * named by JWT_SIGNING_KEYS_SECRET_ID; undefined when neither is set. Problems are collected, and the
 * message never includes key material.
 */
async function loadSigningKeys(
  values: z.infer<typeof envSchema>,
  readSecret: (secretId: string) => Promise<string>,
  problems: string[],
): Promise<SigningKeyMaterial[] | undefined> {
  if (values.JWT_SIGNING_KEYS !== undefined && values.JWT_SIGNING_KEYS_SECRET_ID !== undefined) {
    problems.push('JWT_SIGNING_KEYS, JWT_SIGNING_KEYS_SECRET_ID: set one or the other, not both');
    return undefined;
  }
  const source =
    values.JWT_SIGNING_KEYS_SECRET_ID === undefined
      ? 'JWT_SIGNING_KEYS'
      : `JWT_SIGNING_KEYS_SECRET_ID (${values.JWT_SIGNING_KEYS_SECRET_ID})`;
  const json =
    values.JWT_SIGNING_KEYS_SECRET_ID === undefined
      ? values.JWT_SIGNING_KEYS
      : await readSecret(values.JWT_SIGNING_KEYS_SECRET_ID);
  if (json === undefined) return undefined;
  try {
    return parseSigningKeys(json);
  } catch (error) {
    problems.push(`${source}: ${(error as Error).message}`);
    return undefined;
  }
}
