import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { errorHandler, notFound } from './http/errors';
import { jsonBodiesOnly } from './http/json-only';
import type { Logger } from './logger';
import { accountRoutes } from './routes/account';
import { authRoutes } from './routes/auth';
import { jwksRoutes } from './routes/jwks';
import { sessionRoutes } from './routes/sessions';
import { webRoutes } from './routes/web';
import { createServices } from './services/container';
import type { AuthStore } from './store/store';

export interface AppDependencies {
  config: Config;
  store: AuthStore;
  logger: Logger;
  clock?: Clock;
}

const BODY_LIMIT = '16kb';
/** An incoming request id is reused only when it looks like one, so logs cannot be forged through it. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the Express app from its dependencies; the local server, Lambda and tests all call this. */
export function createApp({ config, store, logger, clock = systemClock }: AppDependencies): Express {
  const { tokens, auth, sessions, accounts } = createServices(config, store, clock);
  const cookies = { secure: config.cookieSecure };

  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error !== undefined || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use(jsonBodiesOnly);
  app.use(express.json({ limit: BODY_LIMIT }));
  app.use(cookieParser());

  app.use(authRoutes(auth, cookies));
  app.use(sessionRoutes(auth, sessions, cookies));
  app.use(accountRoutes(auth, accounts, cookies));
  app.use(jwksRoutes(tokens));
  app.use(webRoutes());

  app.use(notFound);
  app.use(errorHandler);
  return app;
}
