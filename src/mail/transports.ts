import type { EmailSettings } from '../config-email';
import type { Logger } from '../logger';
import type { Mailer, MailMessage } from './mailer';

/**
 * The mailer EMAIL_TRANSPORT names. Its module (and the SDK or nodemailer behind it) is loaded on the
 * first send, so a cold start that mails nothing never pays for it.
 */
export function createMailer(settings: EmailSettings, logger: Logger): Mailer {
  let loaded: Promise<Mailer> | undefined;
  const load = (): Promise<Mailer> => {
    loaded ??= loadMailer(settings, logger);
    return loaded;
  };
  return {
    send: async (message: MailMessage) => (await load()).send(message),
    close: async () => {
      if (loaded !== undefined) await (await loaded).close();
    },
  };
}

async function loadMailer(settings: EmailSettings, logger: Logger): Promise<Mailer> {
  const { transport } = settings;
  switch (transport.kind) {
    case 'ses': {
      const { SesMailer } = await import('./ses');
      return new SesMailer(transport, settings.from, settings.timeoutMs);
    }
    case 'smtp': {
      const { SmtpMailer } = await import('./smtp');
      return new SmtpMailer(transport, settings.from, settings.timeoutMs);
    }
    case 'outbox': {
      const { OutboxMailer } = await import('./outbox');
      return new OutboxMailer(transport, settings.from, logger);
    }
  }
}
