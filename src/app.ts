import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { type Clock, systemClock } from './clock';
import type { Config } from './config';
import { createServices } from './dependencies/services';
import { type AdminAccess, adminKeyAccess } from './http/admin-access';
import { createCookies } from './http/cookies';
import { csrfProtection } from './http/csrf';
import { refuseDeclaredOversize } from './http/declared-length';
import { errorHandler, notFound } from './http/errors';
import { jsonBodiesOnly } from './http/json-only';
import { methodsOfKnownPaths } from './http/methods';
import { requestDeadline } from './http/request-deadline';
import { requestLogging } from './http/request-logging';
import { corsForAllowedOrigins, securityHeaders } from './http/security-headers';
import type { Logger } from './logger';
import type { Mailer } from './mail/mailer';
import { createMailer } from './mail/transports';
import { type AppMetrics, CountingMetrics } from './metrics';
import { onFirstUse } from './on-first-use';
import { accountRoutes } from './routes/account';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { emailRoutes } from './routes/email';
import { eventRoutes } from './routes/events';
import { healthRoutes } from './routes/health';
import { jwksRoutes } from './routes/jwks';
import { mfaRoutes } from './routes/mfa';
import { passkeyRoutes } from './routes/passkeys';
import { sessionRoutes } from './routes/sessions';
import { webRoutes } from './routes/web';
import { type SecurityEvents, withClient } from './services/security-events';
import type { RateLimitStore } from './store/rate-limits';
import type { AuthStore } from './store/store';

export interface AppDependencies {
  config: Config;
  store: AuthStore;
  logger: Logger;
  clock?: Clock;
  /** The rate-limit counters; by default in the same table as `store`. */
  rateLimits?: RateLimitStore;
  /** How mail leaves; by default the transport EMAIL_TRANSPORT names. */
  mailer?: Mailer;
  /** Who may call the admin API: by default the bearer ADMIN_API_KEY; in Lambda, IAM (src/bootstrap.ts). */
  adminAccess?: AdminAccess;
  /** Where the counters go: CloudWatch EMF in Lambda (src/lambda-metrics.ts); by default kept in memory, unprinted. */
  metrics?: AppMetrics;
}

export interface BuiltApp {
  app: Express;
  /** The audit trail's writer: its `drain` waits for writes still in flight (Lambda calls it per invocation). */
  events: SecurityEvents;
}

const BODY_LIMIT_BYTES = 16 * 1024;

/** The OpenAPI generator and the document's schemas load with the first GET /openapi.json (src/on-first-use.ts). */
const openApiDocument = onFirstUse(async () => (await import('./openapi/document')).openApiDocument());

/** Builds the Express app from its dependencies; the local server, Lambda and tests all call this. */
export function createApp(dependencies: AppDependencies): Express {
  return buildApp(dependencies).app;
}

/** The app and the services its runtime settles after each request (see BuiltApp). */
export function buildApp({
  config,
  store,
  logger,
  clock = systemClock,
  rateLimits = store.rateLimits(),
  mailer = createMailer(config.email, logger),
  metrics = new CountingMetrics(),
  adminAccess = adminKeyAccess(config.admin.apiKey),
}: AppDependencies): BuiltApp {
  const services = createServices({ settings: config, store, rateLimits, mailer, clock, logger, metrics });
  const { tokens, auth, sessions, accounts, admin, limiter, devices, passkeys, emails, totp, mfaLogins, stepUp, events } =
    services;
  const cookies = createCookies({ secure: config.cookieSecure });

  const app = express();
  app.disable('x-powered-by');
  // Who the client is: see TRUST_PROXY (by default the socket peer, which in Lambda is API Gateway's sourceIp).
  app.set('trust proxy', config.security.trustProxy);
  app.use(requestDeadline(config.requestDeadlineMs));
  app.use(requestLogging(logger));
  // Security events recorded while handling the request carry its client (src/services/security-events.ts).
  app.use((req, _res, next) => withClient({ ip: req.ip, userAgent: req.get('user-agent') }, next));
  app.use(securityHeaders());
  app.use(corsForAllowedOrigins(config.allowedOrigins));
  // OPTIONS (after CORS has added its headers) and wrong methods, from the route table.
  app.use(methodsOfKnownPaths());
  app.use(cookieParser());
  app.use(csrfProtection(config.allowedOrigins));
  app.use(jsonBodiesOnly);
  app.use(refuseDeclaredOversize(BODY_LIMIT_BYTES));
  app.use(express.json({ limit: BODY_LIMIT_BYTES }));

  app.use(healthRoutes(() => store.ping()));
  app.use(authRoutes(auth, sessions, cookies, limiter, devices, emails, mfaLogins));
  app.use(sessionRoutes(sessions, cookies));
  app.use(accountRoutes(sessions, accounts, cookies, stepUp));
  app.use(emailRoutes({ emails, sessions, limiter, stepUp }, cookies));
  app.use(mfaRoutes({ sessions, accounts, totp, stepUp }, cookies));
  app.use(passkeyRoutes({ passkeys, auth, accounts, sessions, limiter, stepUp }, cookies));
  app.use(eventRoutes(sessions, events, cookies));
  app.use(adminRoutes(admin, adminAccess));
  app.use(jwksRoutes(tokens));
  app.use(webRoutes({ branding: config.branding, allowedOrigins: config.allowedOrigins, openApiDocument }));

  app.use(notFound);
  app.use(errorHandler(metrics));
  return { app, events };
}
