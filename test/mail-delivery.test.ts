import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../src/config';
import { MailDeliveryError, type Mailer, type MailMessage } from '../src/mail/mailer';
import { MailTemplates } from '../src/mail/templates';
import { createMailer } from '../src/mail/transports';
import { capturedLogger } from './support/logs';
import { type MotoServer, startMoto } from './support/moto';
import { startSmtpSink } from './support/smtp';

/**
 * The three transports against real counterparts on 127.0.0.1: moto's SES v2 server (read back through
 * moto's API), an SMTP server (smtp-server), and the outbox directory. The mailers are built from the
 * environment the way the service builds them (loadConfig, createMailer).
 */

const TOKEN = 'Zm9vYmFyLXRva2VuLXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ';
const templates = new MailTemplates('http://127.0.0.1:3000/');
const message: MailMessage = templates.passwordReset({
  to: 'ada@example.org',
  name: 'Ada <Lovelace> & "Co"',
  url: `http://127.0.0.1:3000/reset-password?token=${TOKEN}`,
  validForMinutes: 30,
});

async function mailerFor(env: Record<string, string>, logger = capturedLogger().logger): Promise<Mailer> {
  const config = await loadConfig({ NODE_ENV: 'test', EMAIL_TIMEOUT_MS: '1000', ...env });
  return createMailer(config.email, logger);
}

async function deliveryError(send: Promise<void>): Promise<MailDeliveryError> {
  const error = await send.then(
    () => assert.fail('the send should have failed'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof MailDeliveryError, String(error));
  assert.ok(!error.message.includes(TOKEN), 'the error never carries the mail');
  return error;
}

/** A TCP server that accepts connections and never says anything: a stalled mail server. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = await silentServer();
  await server.close();
  return server.port;
}

describe('mail over SES v2 (moto)', () => {
  let moto: MotoServer;
  before(async () => {
    moto = await startMoto();
    const admin = new SESv2Client({
      region: 'eu-west-1',
      endpoint: moto.endpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await admin.send(new CreateEmailIdentityCommand({ EmailIdentity: 'auth.example.com' }));
    admin.destroy();
  });
  after(async () => {
    await moto?.stop();
  });

  it('sends through SendEmail from the sender address, as raw MIME with a text and an HTML part', async () => {
    const mailer = await mailerFor({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@auth.example.com',
      SES_ENDPOINT: moto.endpoint,
      AWS_REGION: 'eu-west-1',
    });
    await mailer.send(message);
    await mailer.close();

    const [sent, ...others] = await moto.sentMessages();
    assert.equal(others.length, 0);
    assert.equal(sent?.source, 'no-reply@auth.example.com');
    // moto lists the recipients of the To header after those of Destination: the same one here.
    assert.deepEqual([...new Set(sent?.destinations)], ['ada@example.org']);
    const parsed = await simpleParser(sent?.raw_data ?? '');
    assert.equal(parsed.subject, message.subject);
    assert.equal(parsed.from?.text, 'no-reply@auth.example.com');
    assert.equal(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : undefined, 'ada@example.org');
    assert.equal(parsed.text?.trim(), message.text.trim());
    assert.ok(parsed.html, 'an HTML part');
    assert.equal(parsed.html.trim(), message.html.trim());
    assert.match(parsed.text ?? '', new RegExp(`reset-password\\?token=${TOKEN}`));
    assert.ok(parsed.messageId, 'a Message-ID header');
  });

  it('uses SES_REGION over AWS_REGION: an identity verified in another region does not send', async () => {
    const mailer = await mailerFor({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@auth.example.com',
      SES_ENDPOINT: moto.endpoint,
      AWS_REGION: 'eu-west-1',
      SES_REGION: 'us-west-2',
    });
    const error = await deliveryError(mailer.send(message));
    assert.match(error.message, /^ses: MessageRejected/);
    await mailer.close();
  });

  it('fails with MailDeliveryError when SES refuses the sender (no verified identity)', async () => {
    const before = (await moto.sentMessages()).length;
    const mailer = await mailerFor({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'someone@unverified.example.net',
      SES_ENDPOINT: moto.endpoint,
      AWS_REGION: 'eu-west-1',
    });
    const error = await deliveryError(mailer.send(message));
    assert.match(error.message, /^ses: MessageRejected: .*unverified\.example\.net/);
    assert.equal((await moto.sentMessages()).length, before, 'nothing was sent');
    await mailer.close();
  });

  it('fails with MailDeliveryError, within the timeout, when SES cannot be reached or does not answer', async () => {
    const unreachable = await mailerFor({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@auth.example.com',
      SES_ENDPOINT: `http://127.0.0.1:${await closedPort()}`,
    });
    await deliveryError(unreachable.send(message));
    await unreachable.close();

    const silent = await silentServer();
    const stalled = await mailerFor({
      EMAIL_TRANSPORT: 'ses',
      EMAIL_FROM: 'no-reply@auth.example.com',
      SES_ENDPOINT: `http://127.0.0.1:${silent.port}`,
    });
    const started = Date.now();
    await deliveryError(stalled.send(message));
    // Two attempts of EMAIL_TIMEOUT_MS (1 s) each, plus the SDK's retry back-off.
    assert.ok(Date.now() - started < 4000, `gave up after ${Date.now() - started} ms`);
    await stalled.close();
    await silent.close();
  });
});

describe('mail over SMTP (smtp-server)', () => {
  it('sends to the server in SMTP_URL, authenticating with its credentials', async () => {
    const sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'p@ss:word/1' } });
    const mailer = await mailerFor({ EMAIL_TRANSPORT: 'smtp', EMAIL_FROM: 'no-reply@auth.example.com', SMTP_URL: sink.url });
    await mailer.send(message);
    const [received] = await sink.waitFor(1);
    assert.deepEqual(received?.envelope, { from: 'no-reply@auth.example.com', to: ['ada@example.org'] });
    assert.equal(received?.parsed.subject, message.subject);
    assert.equal(received?.parsed.text?.trim(), message.text.trim());
    assert.ok(received?.parsed.html, 'an HTML part');
    assert.equal(received.parsed.html.trim(), message.html.trim());
    assert.match(received?.raw ?? '', /multipart\/alternative/);
    await mailer.close();
    await sink.close();
  });

  it('fails with MailDeliveryError on wrong credentials, a refused message, no server and a silent server', async () => {
    const sink = await startSmtpSink({ credentials: { user: 'mailer', pass: 'right' } });
    const wrongCredentials = await mailerFor({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://mailer:wrong@127.0.0.1:${sink.port}` });
    const authError = await deliveryError(wrongCredentials.send(message));
    assert.match(authError.message, /^smtp: EAUTH 535/);
    assert.ok(!authError.message.includes('wrong'), 'the password is not repeated');
    await wrongCredentials.close();
    await sink.close();

    const refusing = await startSmtpSink({ rejectWith: { code: 550, message: 'mailbox unavailable' } });
    const refused = await mailerFor({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: refusing.url });
    assert.match((await deliveryError(refused.send(message))).message, /^smtp: EMESSAGE 550/);
    await refused.close();
    await refusing.close();

    const nobody = await mailerFor({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
    assert.match((await deliveryError(nobody.send(message))).message, /^smtp: ESOCKET connect ECONNREFUSED/);
    await nobody.close();

    const silent = await silentServer();
    const stalled = await mailerFor({ EMAIL_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${silent.port}` });
    const started = Date.now();
    assert.match((await deliveryError(stalled.send(message))).message, /^smtp: ETIMEDOUT/);
    assert.ok(Date.now() - started < 3000, `gave up after ${Date.now() - started} ms`);
    await stalled.close();
    await silent.close();
  });
});

describe('mail to the outbox', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'outbox-test-'));
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('writes each mail as an .eml file (and its HTML part) readable by the owner only, and logs the file, never the link', async () => {
    const logs = capturedLogger();
    const mailer = await mailerFor({ EMAIL_TRANSPORT: 'outbox', DATA_DIR: dataDir }, logs.logger);
    await mailer.send(message);
    await mailer.send({ ...message, to: 'grace@example.org' });

    const outbox = join(dataDir, 'outbox');
    const files = (await readdir(outbox)).sort();
    const emls = files.filter((file) => file.endsWith('.eml'));
    assert.equal(emls.length, 2);
    assert.deepEqual(
      files
        .filter((file) => file.endsWith('.html'))
        .map((file) => file.replace(/\.html$/, '.eml'))
        .sort(),
      emls,
    );
    assert.equal((await stat(outbox)).mode & 0o777, 0o700);
    for (const file of files) assert.equal((await stat(join(outbox, file))).mode & 0o777, 0o600, file);

    const recipients = await Promise.all(emls.map(async (file) => (await simpleParser(await readFile(join(outbox, file)))).to));
    assert.deepEqual(recipients.map((to) => (to && !Array.isArray(to) ? to.text : '')).sort(), [
      'ada@example.org',
      'grace@example.org',
    ]);
    const parsed = await simpleParser(await readFile(join(outbox, emls[0] ?? '')));
    assert.match(parsed.text ?? '', new RegExp(TOKEN));

    const lines = logs.lines().filter((line) => line.file !== undefined);
    assert.equal(lines.length, 2);
    assert.match(String(lines[0]?.msg), /^mail written to the outbox; open file:\/\/.*\.html$/);
    assert.ok(!logs.raw.join('\n').includes(TOKEN), 'no token in any log line');
    await mailer.close();
  });

  it('fails with MailDeliveryError when the outbox cannot be written', async () => {
    const blocked = join(dataDir, 'not-a-directory');
    await (await import('node:fs/promises')).writeFile(blocked, 'x');
    const mailer = await mailerFor({ EMAIL_TRANSPORT: 'outbox', DATA_DIR: blocked });
    assert.match((await deliveryError(mailer.send(message))).message, /^outbox: /);
  });
});

describe('mail templates', () => {
  const notice = {
    to: 'ada@example.org',
    name: 'Ada <b>',
    at: Date.UTC(2030, 0, 2, 3, 4, 5),
    device: { userAgent: 'Firefox <script>', ip: '203.0.113.9' },
  };
  const all: Record<string, MailMessage> = {
    verifyEmail: templates.verifyEmail({
      to: 'ada@example.org',
      name: 'Ada <b>',
      url: 'http://127.0.0.1:3000/verify-email?token=abc',
      validForMinutes: 24 * 60,
    }),
    passwordReset: templates.passwordReset({
      to: 'ada@example.org',
      name: 'Ada <b>',
      url: 'http://127.0.0.1:3000/reset-password?token=abc',
      validForMinutes: 30,
    }),
    passwordChanged: templates.passwordChanged({ ...notice, how: 'changed' }),
    passwordWasReset: templates.passwordChanged({ ...notice, how: 'reset' }),
    emailChanged: templates.emailChanged({ ...notice, newAddress: 'new@example.org' }),
    newDevice: templates.newDevice(notice),
    accountLocked: templates.accountLocked({ ...notice, lockedForMinutes: 15 }),
    refreshTokenReused: templates.refreshTokenReused(notice),
  };

  it('give every mail a subject, a plain-text part and an HTML part that say the same, with user input escaped', () => {
    for (const [kind, mail] of Object.entries(all)) {
      assert.ok(mail.subject.includes('127.0.0.1:3000'), `${kind}: the subject names the site`);
      assert.ok(mail.text.startsWith('Hello Ada <b>,'), kind);
      assert.ok(mail.html.includes('Hello Ada &lt;b&gt;,'), `${kind}: the name is escaped in HTML`);
      assert.ok(!mail.html.includes('<b>') && !mail.html.includes('<script>'), `${kind}: no markup from user input`);
    }
  });

  it('put the link in both parts of the link mails, with how long it works', () => {
    assert.match(all.verifyEmail!.text, /http:\/\/127\.0\.0\.1:3000\/verify-email\?token=abc/);
    assert.match(all.verifyEmail!.html, /href="http:\/\/127\.0\.0\.1:3000\/verify-email\?token=abc"/);
    assert.match(all.verifyEmail!.text, /for 1 day/);
    assert.match(all.passwordReset!.html, /href="http:\/\/127\.0\.0\.1:3000\/reset-password\?token=abc"/);
    assert.match(all.passwordReset!.text, /for 30 minutes/);
  });

  it('say in every security notice what happened, when, from which device and IP, and what to do', () => {
    for (const kind of [
      'passwordChanged',
      'passwordWasReset',
      'emailChanged',
      'newDevice',
      'accountLocked',
      'refreshTokenReused',
    ]) {
      const mail = all[kind]!;
      assert.match(mail.text, /When: Wed, 02 Jan 2030 03:04:05 GMT/, kind);
      assert.match(mail.text, /Device: Firefox <script>/, kind);
      assert.match(mail.html, /Device: Firefox &lt;script&gt;/, kind);
      assert.match(mail.text, /IP address: 203\.0\.113\.9/, kind);
      assert.match(mail.text, /If it was not, reset your password now/, kind);
    }
    assert.match(all.emailChanged!.text, /new@example\.org/);
    assert.match(all.accountLocked!.text, /for 15 minutes/);
    assert.match(all.passwordWasReset!.text, /every session was signed out/);
  });
});
