import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { systemClock } from '../src/clock';
import type { Config } from '../src/config';
import { PasswordHasher } from '../src/services/passwords';
import { SessionService } from '../src/services/sessions';
import { TokenService } from '../src/services/tokens';
import { usernameKey } from '../src/services/usernames';
import { ensureTable } from '../src/store/local';
import { AuthStore } from '../src/store/store';
import { sessionSortKey, userPartition } from '../src/store/table';

/**
 * Users and sessions written straight to the store before the loads, with the service's own store
 * module and session service, so the loads measure one operation each and need no bcrypt to set up.
 */
export const BENCH_PASSWORD = 'correct horse battery staple';

export interface Session {
  username: string;
  token: string;
  key: { pk: string; sk: string };
}

export interface Seeder {
  createUsers(count: number, prefix: string): Promise<string[]>;
  createSessions(usernames: readonly string[], count: number): Promise<Session[]>;
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
  const sessions = new SessionService(store, new TokenService(config.jwt, systemClock), config.sessions, systemClock);
  // One real hash at the configured cost, shared by every seeded user: they all have the same password.
  const passwordHash = await new PasswordHasher(config.bcryptCost).hash(BENCH_PASSWORD);

  return {
    async createUsers(count, prefix) {
      const usernames = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
      await inBatches(usernames, 32, async (username) => {
        const created = await store.createUser({
          userKey: usernameKey(username),
          username,
          name: `Bench ${username}`,
          passwordHash,
          createdAt: Date.now(),
        });
        if (!created) throw new Error(`seed user ${username} already exists`);
      });
      return usernames;
    },
    async createSessions(usernames, count) {
      const owners = Array.from({ length: count }, (_, index) => usernames[index % usernames.length] as string);
      return inBatches(owners, 32, async (username) => {
        const session = await sessions.start(usernameKey(username), username, { userAgent: 'bench', ip: '127.0.0.1' });
        return {
          username,
          token: session.token,
          key: { pk: userPartition(usernameKey(username)), sk: sessionSortKey(session.sessionId) },
        };
      });
    },
  };
}
