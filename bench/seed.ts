import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../src/clock';
import type { Config } from '../src/config';
import { createSessionServices } from '../src/dependencies/sessions';
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
  };
}
