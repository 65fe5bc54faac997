import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * Through require(), not an import: in Lambda bcrypt comes from the dependencies layer, which Lambda puts on
 * NODE_PATH, and the ES module bundle's imports do not search NODE_PATH (require does).
 */
const bcrypt = createRequire(import.meta.url)('bcrypt') as typeof import('bcrypt');

/**
 * bcrypt reads only the first 72 bytes of its input, so two passwords sharing those bytes would
 * collide. Every password is first reduced to a 44-character SHA-256 digest (base64, no NUL bytes),
 * which keeps every byte significant. Only the async bcrypt API is used: it runs on libuv's thread
 * pool and never blocks the event loop.
 */
function prehash(password: string): string {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A well-formed bcrypt hash of nothing anyone knows. Comparing against it costs exactly as much as
 * comparing against a real hash of the same cost, so "no such user" takes as long as "wrong password".
 */
function unmatchableHash(cost: number): string {
  const body = [...randomBytes(53)].map((byte) => BCRYPT_ALPHABET[byte % 64]).join('');
  return `$2b$${String(cost).padStart(2, '0')}$${body}`;
}

export class PasswordHasher {
  private readonly dummyHash: string;

  constructor(private readonly cost: number) {
    this.dummyHash = unmatchableHash(cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(prehash(password), this.cost);
  }

  /** Checks a password against a stored hash, or against the dummy hash when there is no user. */
  verify(password: string, hash: string | undefined): Promise<boolean> {
    return bcrypt.compare(prehash(password), hash ?? this.dummyHash);
  }
}
