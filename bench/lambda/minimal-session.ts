import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { usernameKey } from '../../src/services/usernames';
import { accountKey, sessionKey } from '../../src/store/table';
import { bareSessionRead } from '../bare-session-read';

/**
 * The floor the Lambda figures are held against: the session read that a verify or an authorizer call
 * cannot do without, with the bare SDK (the session the token names and its account, read without
 * checking the token's signature). The bench bundles the handlers built on it the way `sam build`
 * bundles the real functions, so the difference is what the service itself costs. It reads process.env
 * directly because it is a measuring stick, not part of the service; the projection's attributes are
 * put in at build time (lambda-layout.ts), so the service's store module is not bundled for them.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  ...(endpoint === undefined ? {} : { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
});
const readSession = bareSessionRead(
  client,
  process.env.TABLE_NAME ?? 'auth',
  JSON.parse(process.env.BENCH_SESSION_CHECK_ATTRIBUTES ?? '[]') as string[],
);

/** Whether the session the token names and its account exist; false for anything that is not a JWT. */
export async function sessionExists(token: string | undefined): Promise<boolean> {
  const payload = token?.split('.')[1];
  if (payload === undefined) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; sid: string };
  const userKey = usernameKey(claims.sub);
  const found = await readSession({ session: sessionKey(userKey, claims.sid), account: accountKey(userKey) });
  return found.session && found.account;
}
