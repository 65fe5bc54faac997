import { randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { productionNodeArgs } from '../scripts/production-server';
import { type Config, loadConfig } from '../src/config';
import { createDynamoClient } from '../src/store/client';
import { type MailSink, startMailSink } from './mail-sink';
import { firstJsonLine, freePort, type Spawned, spawnNode, waitForPort } from './processes';
import { createSeeder, type Seeder } from './seed';
import { buildServer, SERVER_BUILD_DIR } from './server-build';

/**
 * What every bench run stands on: the store in its own process, and the server in another, built to
 * JavaScript and run by plain Node as production runs it (package.json's build and serve), configured as
 * in production and pointed at that store, on 127.0.0.1.
 */
export interface BenchEnvironment {
  endpoint: string;
  url: string;
  /** PATH and HOME only: children do not inherit the caller's AWS or Node settings. */
  baseEnv: NodeJS.ProcessEnv;
  serverEnv: NodeJS.ProcessEnv;
  config: Config;
  dynamo: DynamoDBClient;
  seeder: Seeder;
  server: Spawned;
  storePid: number;
  /** The SMTP server the service mails through. */
  mailSink: MailSink;
  stop(): Promise<void>;
}

export async function startEnvironment(options: {
  bcryptCost: number;
  logLevel: Config['logLevel'];
  /** Extra node flags for the server, e.g. --cpu-prof. */
  serverNodeArgs?: string[];
  /** Extra settings for the server (bench:profile compares settings with them). */
  serverSettings?: NodeJS.ProcessEnv;
  log: (message: string) => void;
}): Promise<BenchEnvironment> {
  const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  options.log('starting the store (dynalite, in memory, own process)');
  const storeProcess = spawnNode(['--import', 'tsx', 'bench/store-process.ts'], baseEnv);
  const { endpoint } = await firstJsonLine<{ endpoint: string }>(storeProcess, 30_000);

  const mailSink = await startMailSink();
  const port = await freePort();
  const serverEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    ...(process.env.UV_THREADPOOL_SIZE === undefined ? {} : { UV_THREADPOOL_SIZE: process.env.UV_THREADPOOL_SIZE }),
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64'),
    MFA_ENCRYPTION_KEYS: JSON.stringify({ bench: randomBytes(48).toString('base64') }),
    LOG_LEVEL: options.logLevel,
    BCRYPT_COST: String(options.bcryptCost),
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: 'bench',
    AWS_REGION: 'us-east-1',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Mail goes to a real SMTP server of the bench's own on 127.0.0.1 (the forgot-password rows send
    // through it), never outside this machine.
    EMAIL_TRANSPORT: 'smtp',
    SMTP_URL: mailSink.url,
    EMAIL_FROM: 'no-reply@bench.example.com',
    PUBLIC_URL: 'https://auth.bench.example.com',
    // Every bench request comes from 127.0.0.1; the per-IP registration limit (20 an hour by default)
    // would refuse the register load. The counter is still taken on each request, so its cost is measured.
    REGISTER_IP_MAX: '100000',
    // Likewise the mail limits (5 per account, 50 per IP an hour): the forgot-password load comes from one
    // IP and asks for each account many times. Each request still takes both counters.
    MAIL_IP_MAX: '100000',
    MAIL_ACCOUNT_MAX: '1000',
    ...options.serverSettings,
  };
  // The bench reads the same settings the server does, through the same validation.
  const config = await loadConfig(serverEnv);
  const dynamo = createDynamoClient({ ...config.store, timeoutMs: 10_000 });
  const seeder = await createSeeder(config, dynamo);

  options.log('building the server to JavaScript and starting it (node, NODE_ENV=production, as npm run serve)');
  const server = spawnNode(
    [...productionNodeArgs(SERVER_BUILD_DIR), ...(options.serverNodeArgs ?? []), await buildServer()],
    serverEnv,
  );
  await waitForPort(port, 60_000, server);

  return {
    endpoint,
    url: `http://127.0.0.1:${port}`,
    baseEnv,
    serverEnv,
    config,
    dynamo,
    seeder,
    server,
    storePid: storeProcess.pid,
    mailSink,
    async stop() {
      await server.stop();
      await mailSink.close();
      dynamo.destroy();
      await storeProcess.stop();
    },
  };
}
