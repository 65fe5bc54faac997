import MailComposer from 'nodemailer/lib/mail-composer';
import type { MailMessage } from './mailer';

/**
 * The message as nodemailer composes it (multipart/alternative: text, then HTML), so every transport
 * sends the same MIME: SMTP through nodemailer itself, SES as raw content, the outbox as an .eml file.
 */
export function mailOptions(from: string, message: MailMessage) {
  return { from, to: message.to, subject: message.subject, text: message.text, html: message.html };
}

export function composeMime(from: string, message: MailMessage): Promise<Buffer> {
  return new MailComposer(mailOptions(from, message)).compile().build();
}
