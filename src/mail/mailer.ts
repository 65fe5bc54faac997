import type { EmailSettings } from '../config-email';

/**
 * How mail leaves the service: one interface, three transports (EMAIL_TRANSPORT). The mail modules are
 * the only code that speaks SES, SMTP or writes the outbox, as src/store/ is for DynamoDB.
 */

/** One rendered mail to one recipient: a plain-text and an HTML part of the same content. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  /** Hands the message to the transport; throws MailDeliveryError when it could not. */
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/**
 * The transport did not take the message (unreachable, timed out, refused it). Its message names the
 * transport's reason and never the mail's content, so it is safe to log.
 */
export class MailDeliveryError extends Error {
  constructor(
    readonly transport: EmailSettings['transport']['kind'],
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${transport}: ${reason}`, options);
    this.name = 'MailDeliveryError';
  }
}
