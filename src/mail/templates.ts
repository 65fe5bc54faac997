import escapeHtml from 'escape-html';
import type { MailMessage } from './mailer';

/**
 * Every mail the service sends, in one place. Each template says what it has to say as paragraphs and
 * at most one action link; `render` lays that out as the plain-text part and the HTML part, escaping
 * every value in the HTML (names, addresses and user agents are the users' own input).
 */

/** Where and from what a thing was done, as the security notices report it. */
export interface DeviceInfo {
  userAgent?: string | undefined;
  ip?: string | undefined;
}

interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Said after the action: what the link is for and how long it works. */
  footnotes?: string[];
}

/** The things a security notice reports, and what the reader should do if it was not them. */
interface Notice {
  to: string;
  name: string;
  /** Epoch milliseconds. */
  at: number;
  device: DeviceInfo;
}

/** The site named in every mail: the page's host, which the reader knows the service by. */
export class MailTemplates {
  private readonly site: string;

  constructor(private readonly publicUrl: string) {
    this.site = new URL(publicUrl).host;
  }

  verifyEmail(input: { to: string; name: string; url: string; validForMinutes: number }): MailMessage {
    return this.render(input.to, {
      subject: `Confirm your email address for ${this.site}`,
      greeting: `Hello ${input.name},`,
      paragraphs: [`Please confirm that ${input.to} is your email address for your account at ${this.site}.`],
      action: { label: 'Confirm this address', url: input.url },
      footnotes: [
        `The link works once, for ${describeMinutes(input.validForMinutes)}. A newer link replaces it.`,
        'If you did not ask for this, ignore this mail: the address stays unconfirmed.',
      ],
    });
  }

  passwordReset(input: { to: string; name: string; url: string; validForMinutes: number }): MailMessage {
    return this.render(input.to, {
      subject: `Reset your password for ${this.site}`,
      greeting: `Hello ${input.name},`,
      paragraphs: [`Someone (we hope you) asked to reset the password of your account at ${this.site}.`],
      action: { label: 'Choose a new password', url: input.url },
      footnotes: [
        `The link works once, for ${describeMinutes(input.validForMinutes)}; a newer request or a password change ends it. Setting a new password signs out every session.`,
        'If you did not ask for this, ignore this mail: your password stays as it is.',
      ],
    });
  }

  passwordChanged(input: Notice & { how: 'changed' | 'reset' }): MailMessage {
    const what = input.how === 'reset' ? 'was reset through a link mailed to this address' : 'was changed';
    return this.notice(input, `Your password for ${this.site} ${input.how === 'reset' ? 'was reset' : 'was changed'}`, [
      `The password of your account at ${this.site} ${what}${input.how === 'reset' ? ', and every session was signed out' : ''}.`,
    ]);
  }

  emailChanged(input: Notice & { newAddress: string }): MailMessage {
    return this.notice(input, `The email address of your ${this.site} account is being changed`, [
      `Someone signed in to your account at ${this.site} asked to change its email address to ${input.newAddress}.`,
      'This address stays in force until the new one is confirmed from its own mailbox.',
    ]);
  }

  newDevice(input: Notice): MailMessage {
    return this.notice(input, `New sign-in to your ${this.site} account`, [
      `Your account at ${this.site} was signed in to from a device or browser it had not seen before.`,
    ]);
  }

  accountLocked(input: Notice & { lockedForMinutes: number }): MailMessage {
    return this.notice(input, `Sign-in to your ${this.site} account is paused`, [
      `There were too many failed sign-in attempts on your account at ${this.site}, so signing in is refused for ${describeMinutes(input.lockedForMinutes)}.`,
      'Your password still works once the pause is over; nobody has signed in with these attempts.',
    ]);
  }

  refreshTokenReused(input: Notice): MailMessage {
    return this.notice(input, `A session of your ${this.site} account was signed out`, [
      `A sign-in credential of your account at ${this.site} was used twice, which means a copy of it may be in someone else's hands, so that session was signed out.`,
    ]);
  }

  /** A security notice: what happened, when, from where, and what to do if it was not the reader. */
  private notice(input: Notice, subject: string, paragraphs: string[]): MailMessage {
    return this.render(input.to, {
      subject,
      greeting: `Hello ${input.name},`,
      paragraphs: [
        ...paragraphs,
        `When: ${new Date(input.at).toUTCString()}`,
        `Device: ${input.device.userAgent ?? 'unknown'}`,
        `IP address: ${input.device.ip ?? 'unknown'}`,
        `If this was you, there is nothing to do. If it was not, reset your password now ("Forgot password?" on the sign-in page), which signs out every session.`,
      ],
      action: { label: `Open ${this.site}`, url: this.publicUrl },
    });
  }

  private render(to: string, content: Content): MailMessage {
    const footnotes = content.footnotes ?? [];
    const text = [
      content.greeting,
      ...content.paragraphs,
      ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
      ...footnotes,
      `-- ${this.site}`,
    ].join('\n\n');
    const paragraph = (value: string) => `<p>${escapeHtml(value)}</p>`;
    const html = [
      '<!doctype html>',
      `<html><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
      '<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 36rem">',
      paragraph(content.greeting),
      ...content.paragraphs.map(paragraph),
      ...(content.action
        ? [
            `<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`,
            `<p style="font-size: small">${escapeHtml(content.action.url)}</p>`,
          ]
        : []),
      ...footnotes.map((note) => `<p style="font-size: small">${escapeHtml(note)}</p>`),
      `<p style="color: #666">${escapeHtml(this.site)}</p>`,
      '</body></html>',
    ].join('\n');
    return { to, subject: content.subject, text: `${text}\n`, html: `${html}\n` };
  }
}

function describeMinutes(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} ${minutes === 24 * 60 ? 'day' : 'days'}`;
  if (minutes % 60 === 0) return `${minutes / 60} ${minutes === 60 ? 'hour' : 'hours'}`;
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
