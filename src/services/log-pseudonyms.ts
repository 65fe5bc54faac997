import { createHmac } from 'node:crypto';
import type { DerivedKeys } from './derived-keys';

/**
 * Names in security logs that may not be usernames at all. A login for an account that does not
 * exist is often a typo, or a password typed into the username field; logging it as typed would put
 * that password in the log. Such names are logged as a keyed hash instead: repeated attempts with the
 * same name still line up, but the name cannot be recovered from the log by guessing, without the key.
 */
export class LogPseudonyms {
  private readonly key: Buffer;

  constructor(keys: DerivedKeys) {
    this.key = keys.current('log-pseudonym').key;
  }

  /** 16 hex characters: enough to tell names apart in a log, too few to be worth brute-forcing offline. */
  of(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest('hex').slice(0, 16);
  }
}
