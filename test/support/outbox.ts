import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ParsedMail, simpleParser } from 'mailparser';

/**
 * The outbox transport's directory for one test app (EMAIL_TRANSPORT=outbox under a DATA_DIR of its
 * own): the mails are read back from the .eml files the service wrote, as a newcomer would open them.
 */
export interface Outbox {
  /** DATA_DIR for the app (the outbox is DATA_DIR/outbox). */
  dataDir: string;
  directory: string;
  /** Every mail written so far, oldest first. */
  mails(): Promise<ParsedMail[]>;
  /** The mails to one address, oldest first. */
  mailsTo(address: string): Promise<ParsedMail[]>;
  /** The token of the newest link of this kind mailed to the address (fails when there is none). */
  tokenFor(address: string, action: 'verify-email' | 'reset-password'): Promise<string>;
}

export async function tempOutbox(): Promise<Outbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'auth-outbox-'));
  const directory = join(dataDir, 'outbox');
  const mails = async (): Promise<ParsedMail[]> => {
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => name.endsWith('.eml')).sort();
    } catch {
      return [];
    }
    return Promise.all(names.map(async (name) => simpleParser(await readFile(join(directory, name)))));
  };
  const mailsTo = async (address: string) => (await mails()).filter((mail) => addressesOf(mail).includes(address.toLowerCase()));
  return {
    dataDir,
    directory,
    mails,
    mailsTo,
    async tokenFor(address, action) {
      const links = (await mailsTo(address))
        .flatMap((mail) => linksIn(mail))
        .filter((link) => link.searchParams.get('action') === action);
      const token = links.at(-1)?.searchParams.get('token');
      if (token === null || token === undefined) throw new Error(`no ${action} link mailed to ${address}`);
      return token;
    },
  };
}

export function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to === undefined ? [] : [mail.to];
  return to.flatMap((entry) => entry.value.map((value) => (value.address ?? '').toLowerCase()));
}

/** The http(s) links in the plain-text part. */
export function linksIn(mail: ParsedMail): URL[] {
  return [...(mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((match) => new URL(match[0]));
}
