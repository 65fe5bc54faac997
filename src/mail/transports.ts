import type { EmailSettings } from '../config-email';
import type { Logger } from '../logger';
import type { Mailer } from './mailer';
import { OutboxMailer } from './outbox';
import { SesMailer } from './ses';
import { SmtpMailer } from './smtp';

/** The mailer EMAIL_TRANSPORT names. */
export function createMailer(settings: EmailSettings, logger: Logger): Mailer {
  const { transport } = settings;
  switch (transport.kind) {
    case 'ses':
      return new SesMailer(transport, settings.from, settings.timeoutMs);
    case 'smtp':
      return new SmtpMailer(transport, settings.from, settings.timeoutMs);
    case 'outbox':
      return new OutboxMailer(transport, settings.from, logger);
  }
}
