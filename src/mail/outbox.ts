import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EmailTransportSettings } from '../config-email';
import type { Logger } from '../logger';
import { MailDeliveryError, type Mailer, type MailMessage } from './mailer';
import { composeMime } from './mime';

/**
 * Development delivery with no mail server: each mail becomes `<time>-<id>.eml` in the outbox directory
 * (what an SMTP server would have received), with its HTML part beside it as `.html`, which any browser
 * opens. The log line names that file; it never holds the link itself, since links carry tokens.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly settings: Extract<EmailTransportSettings, { kind: 'outbox' }>,
    private readonly from: string,
    private readonly logger: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}`;
    const eml = join(this.settings.directory, `${name}.eml`);
    const html = join(this.settings.directory, `${name}.html`);
    try {
      await mkdir(this.settings.directory, { recursive: true, mode: 0o700 });
      // Only the owner may read them: the links inside are as good as passwords until used.
      await writeFile(eml, await composeMime(this.from, message), { mode: 0o600 });
      await writeFile(html, message.html, { mode: 0o600 });
    } catch (error) {
      throw new MailDeliveryError('outbox', (error as Error).message, { cause: error });
    }
    this.logger.info(
      { to: message.to, subject: message.subject, file: eml },
      `mail written to the outbox; open ${pathToFileURL(html).href}`,
    );
  }

  async close(): Promise<void> {}
}
