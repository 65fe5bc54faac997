import { createTransport, type Transporter } from 'nodemailer';
import type { EmailTransportSettings } from '../config-email';
import { MailDeliveryError, type Mailer, type MailMessage } from './mailer';
import { mailOptions } from './mime';

/** Any SMTP server (SMTP_URL: smtp:// with STARTTLS when offered, smtps:// for TLS from the start), through nodemailer. */
export class SmtpMailer implements Mailer {
  private readonly transporter: Transporter;

  constructor(
    settings: Extract<EmailTransportSettings, { kind: 'smtp' }>,
    private readonly from: string,
    timeoutMs: number,
  ) {
    const url = new URL(settings.url);
    this.transporter = createTransport({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port === '' ? undefined : Number(url.port),
      secure: url.protocol === 'smtps:',
      ...(url.username === ''
        ? {}
        : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
      // Each phase of a send is bounded, so an unreachable or stalled server fails the send instead of hanging it.
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
  }

  async send(message: MailMessage): Promise<void> {
    try {
      await this.transporter.sendMail(mailOptions(this.from, message));
    } catch (error) {
      const { code, responseCode, message: reason } = error as { code?: string; responseCode?: number; message: string };
      // nodemailer's messages carry the server's reply, never the mail itself.
      throw new MailDeliveryError('smtp', [code, responseCode, reason].filter((part) => part !== undefined).join(' '), {
        cause: error,
      });
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
