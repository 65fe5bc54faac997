import { createHmac, hkdfSync } from 'node:crypto';

/**
 * Names in security logs that may not be usernames at all. A login for an account that does not
 * exist is often a typo, or a password typed into the username field; logging it as typed would put
 * that password in the log. Such names are logged as a keyed hash instead: repeated attempts with the
 * same name still line up, but the name cannot be recovered from the log by guessing, without the key.
 */
export class LogPseudonyms {
  private readonly key: Buffer;

  /** `secret` is the service's JWT secret; the key is derived from it, never the secret itself. */
  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'serverless-auth log pseudonyms', 32));
  }

  /** 16 hex characters: enough to tell names apart in a log, too few to be worth brute-forcing offline. */
  of(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex').slice(0, 16);
  }
}
