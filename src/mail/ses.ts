import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { EmailTransportSettings } from '../config-email';
import { MailDeliveryError, type Mailer, type MailMessage } from './mailer';
import { composeMime } from './mime';

/** Attempts per send; with the per-attempt timeout this bounds how long a request waits on SES. */
const MAX_ATTEMPTS = 2;

/**
 * Amazon SES v2 SendEmail with the composed MIME as raw content. The function's role may send from the
 * configured identity only (template.yaml grants ses:SendEmail on it alone).
 */
export class SesMailer implements Mailer {
  private readonly client: SESv2Client;

  constructor(
    settings: Extract<EmailTransportSettings, { kind: 'ses' }>,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.client = new SESv2Client({
      region: settings.region,
      maxAttempts: MAX_ATTEMPTS,
      // Without throwOnRequestTimeout the SDK only logs a warning and a hung endpoint hangs the request.
      requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs, throwOnRequestTimeout: true },
      ...(settings.endpoint === undefined
        ? {}
        : {
            endpoint: settings.endpoint,
            // A stand-in accepts any credentials; AWS uses the default provider chain (the function's role).
            credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          }),
    });
  }

  async send(message: MailMessage): Promise<void> {
    const raw = await composeMime(this.from, message);
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [message.to] },
          Content: { Raw: { Data: raw } },
        }),
      );
    } catch (error) {
      const { name, message: reason } = error as Error;
      throw new MailDeliveryError('ses', `${name}: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
