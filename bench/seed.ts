import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Secret, TOTP } from 'otpauth';
import { SoftAuthenticator } from '../harness/soft-authenticator';
import { systemClock } from '../src/clock';
import type { Config } from '../src/config';
import { createServices } from '../src/dependencies/services';
import { createSessionServices } from '../src/dependencies/sessions';
import { createLogger } from '../src/logger';
import { createMailer } from '../src/mail/transports';
import { CountingMetrics } from '../src/metrics';
import { newMailing } from '../src/services/email';
import { PasswordHasher } from '../src/services/passwords';
import { AMR, newSecurityStamp } from '../src/services/sessions';
import { usernameKey } from '../src/services/usernames';
import { ensureTable } from '../src/store/local';
import { AuthStore } from '../src/store/store';
import { accountKey, sessionKey } from '../src/store/table';
import type { SessionReadKeys } from './bare-session-read';

/**
 * Users and sessions written straight to the store before the loads, with the service's own store
 * module and session service, so the loads measure one operation each and need no bcrypt to set up.
 */
export const BENCH_PASSWORD = 'correct horse battery staple';

export interface Session {
  username: string;
  token: string;
  /** The session's item and its account's, as a verify reads them. */
  keys: SessionReadKeys;
}

export interface Seeder {
  /** With `verifiedEmail`, each account has the verified address `<username>@bench.example.com`. */
  createUsers(count: number, prefix: string, options?: { verifiedEmail?: boolean }): Promise<string[]>;
  createSessions(usernames: readonly string[], count: number): Promise<Session[]>;
  /** One unused password-reset token per user (as POST /password/forgot writes them), for the reset load. */
  createResetTokens(usernames: readonly string[]): Promise<string[]>;
  /**
   * TOTP turned on for each user (confirmed with the previous step's code, so the current one is unused),
   * and a sign-in waiting for its second step (as POST /login answers it): the mfaToken and the secret.
   */
  createMfaLogins(usernames: readonly string[]): Promise<{ mfaToken: string; secret: string }[]>;
  /**
   * A synced passkey for each user (its counter stays 0, so parallel sign-ins with it do not race), and
   * one assertion per sign-in over a challenge made for it (as POST /passkeys/login/options stores them):
   * the POST /passkeys/login bodies. Null when passkeys are off.
   */
  createPasskeyLogins(usernames: readonly string[], count: number): Promise<unknown[] | null>;
}

/** The code an authenticator app shows now for a base32 secret, `stepOffset` steps of 30 s away. */
export function totpCodeNow(secret: string, stepOffset = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + stepOffset * 30_000,
  });
}

async function inBatches<T, R>(items: readonly T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

export async function createSeeder(config: Config, dynamo: DynamoDBClient): Promise<Seeder> {
  await ensureTable(dynamo, config.store.tableName);
  const store = new AuthStore(dynamo, config.store.tableName);
  const { sessions } = createSessionServices({ settings: config, store, clock: systemClock });
  // The app's own services on the same table, for what takes more than one item to set up (TOTP, passkeys).
  const logger = createLogger('silent');
  const { totp, mfaLogins, passkeys } = createServices({
    settings: config,
    store,
    rateLimits: store.rateLimits(),
    mailer: createMailer(config.email, logger),
    clock: systemClock,
    logger,
    metrics: new CountingMetrics(),
  });
  // One real hash at the configured cost, shared by every seeded user: they all have the same password.
  const passwordHash = await new PasswordHasher(config.bcryptCost).hash(BENCH_PASSWORD);

  return {
    async createUsers(count, prefix, options = {}) {
      const usernames = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
      await inBatches(usernames, 32, async (username) => {
        const created = await store.createAccount({
          userKey: usernameKey(username),
          username,
          name: `Bench ${username}`,
          passwordHash,
          createdAt: Date.now(),
          securityStamp: newSecurityStamp(),
          ...(options.verifiedEmail === true ? { verifiedEmail: `${username}@bench.example.com` } : {}),
        });
        if (!created) throw new Error(`seed user ${username} already exists`);
      });
      return usernames;
    },
    async createSessions(usernames, count) {
      const owners = Array.from({ length: count }, (_, index) => usernames[index % usernames.length] as string);
      return inBatches(owners, 32, async (username) => {
        // Started under the account's stamp, as a login would.
        const account = await store.getAccount(usernameKey(username));
        if (account === null) throw new Error(`seed user ${username} does not exist`);
        const session = await sessions.start(account, [AMR.password], { userAgent: 'bench', ip: '127.0.0.1' });
        return {
          username,
          token: session.token,
          keys: { session: sessionKey(account.userKey, session.sessionId), account: accountKey(account.userKey) },
        };
      });
    },
    async createResetTokens(usernames) {
      const emails = store.email();
      const now = Date.now();
      return inBatches(usernames, 32, async (username) => {
        const account = await store.getAccount(usernameKey(username));
        if (account === null) throw new Error(`seed user ${username} does not exist`);
        const mailing = newMailing();
        await emails.putToken({
          tokenHash: mailing.tokenHash,
          purpose: 'reset-password',
          userKey: account.userKey,
          securityStamp: account.securityStamp,
          createdAt: now,
          expiresAt: Math.floor(now / 1000) + config.email.resetTtlMinutes * 60,
        });
        if (!(await emails.setResetToken(account.userKey, mailing.tokenHash))) throw new Error(`seed user ${username} vanished`);
        return mailing.token;
      });
    },
    async createMfaLogins(usernames) {
      return inBatches(usernames, 16, async (username) => {
        const account = await store.getAccount(usernameKey(username));
        if (account === null) throw new Error(`seed user ${username} does not exist`);
        const { secret } = await totp.begin(account.userKey, account.username);
        if ((await totp.confirm(account.userKey, totpCodeNow(secret, -1))) === null)
          throw new Error(`TOTP not confirmed for ${username}`);
        const { mfaToken } = await mfaLogins.begin(account, ['totp', 'recovery_code']);
        return { mfaToken, secret };
      });
    },
    async createPasskeyLogins(usernames, count) {
      if (passkeys === null || config.webauthn === null) return null;
      const origin = config.webauthn.origins[0] ?? '';
      const authenticators = await inBatches(usernames, 16, async (username) => {
        const account = await store.getAccount(usernameKey(username));
        if (account === null) throw new Error(`seed user ${username} does not exist`);
        const authenticator = new SoftAuthenticator({ synced: true });
        const options = await passkeys.registrationOptions({ userKey: account.userKey, username, name: account.name });
        const added = await passkeys.register(account.userKey, authenticator.create(options, origin), 'Bench');
        if (!added.ok) throw new Error(`passkey not added for ${username}: ${added.reason}`);
        return authenticator;
      });
      const signIns = Array.from(
        { length: count },
        (_, index) => authenticators[index % authenticators.length] as SoftAuthenticator,
      );
      return inBatches(signIns, 16, async (authenticator) => ({
        credential: authenticator.get(await passkeys.authenticationOptions(), origin),
      }));
    },
  };
}
