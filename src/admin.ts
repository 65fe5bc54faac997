import { hostname, userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config';
import { AdminTargetError, connectAdmin } from './dependencies/admin';
import { AppError } from './errors';
import { createLogger } from './logger';
import { type AdminUserView, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './services/admin';
import { EVENT_PAGE_DEFAULT, EVENT_PAGE_MAX, type SecurityEventView } from './services/security-events';
import type { SessionView } from './services/sessions';

/**
 * The admin CLI: `npm run admin -- <command>` (docs/admin.md). It reads the same settings as the server
 * (src/config.ts) and calls the admin service (src/services/admin.ts), the same code as the admin API.
 * Exit codes: 0 done, 1 refused or failed (the reason on stderr), 2 a usage error.
 */

const HELP = `Usage: npm run admin -- [--aws] [--json] <command> [options]

Operates on the accounts of the store the server's settings name: the local server's DATA_DIR
(through the running server if there is one), DYNAMODB_ENDPOINT when set, or with --aws the table
TABLE_NAME in AWS_REGION, with credentials from the AWS SDK's default chain (AWS_PROFILE, SSO,
environment variables, an instance or container role).

Commands:
  users list [--prefix P] [--limit N] [--after CURSOR]
                              users in username order, ${DEFAULT_PAGE_SIZE} a page (--limit up to ${MAX_PAGE_SIZE});
                              a page ends with the --after value of the next one
  users show <username>       the account: name, created, disabled, live sessions
  users disable <username>    refuse its sign-ins (403 ACCOUNT_DISABLED) and end every session now
  users enable <username>     let it sign in again (the ended sessions stay ended)
  users sign-out <username>   end every session of the user (a lost or stolen device)
  users unlock <username>     clear the account's failed-login lockout
  users delete <username> --yes
                              delete the account, its sessions and passkeys
  users reindex               add accounts created before the user directory to it (Scans the
                              table once, a page at a time)
  users events <username> [--limit N] [--after CURSOR]
                              the user's security events (audit trail), newest first, ${EVENT_PAGE_DEFAULT} a
                              page (--limit up to ${EVENT_PAGE_MAX}); a page ends with the --after value of the next
  sessions list <username>    the user's live sessions

Users are named by username (case-insensitively, as at sign-in), or by the email address they verified.

Options:
  --aws      use the deployed table TABLE_NAME (AWS_REGION, default credential chain)
  --json     print JSON instead of text
  -h, --help this help
`;

class UsageError extends Error {}

const OPTIONS = {
  aws: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  prefix: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
  yes: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Each command: how many arguments it takes and which options besides --aws, --json and --help. */
const COMMANDS: Record<string, { args: number; options: (keyof typeof OPTIONS)[] }> = {
  'users list': { args: 0, options: ['prefix', 'limit', 'after'] },
  'users show': { args: 1, options: [] },
  'users disable': { args: 1, options: [] },
  'users enable': { args: 1, options: [] },
  'users sign-out': { args: 1, options: [] },
  'users unlock': { args: 1, options: [] },
  'users delete': { args: 1, options: ['yes'] },
  'users reindex': { args: 0, options: [] },
  'users events': { args: 1, options: ['limit', 'after'] },
  'sessions list': { args: 1, options: [] },
};

const GLOBAL_OPTIONS = new Set(['aws', 'json', 'help']);

function parse(argv: string[]): { command: string; args: string[]; values: Values } | { help: true } {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) return { help: true };
  const command = positionals.slice(0, 2).join(' ');
  const spec = COMMANDS[command];
  if (spec === undefined) throw new UsageError(`unknown command: ${command}`);
  const args = positionals.slice(2);
  if (args.length !== spec.args) throw new UsageError(`${command} takes ${spec.args === 0 ? 'no arguments' : 'a username'}`);
  for (const option of Object.keys(values)) {
    if (!GLOBAL_OPTIONS.has(option) && !spec.options.includes(option as keyof typeof OPTIONS))
      throw new UsageError(`${command} has no option --${option}`);
  }
  return { command, args, values };
}

function pageSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError('--limit must be a whole number');
  return Number(value);
}

const table = (rows: string[][]): string => {
  const widths = (rows[0] ?? []).map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

const userRows = (users: AdminUserView[]): string[][] => [
  ['USERNAME', 'NAME', 'CREATED', 'STATUS'],
  ...users.map((user) => [user.username, user.name, user.createdAt, user.disabled ? 'disabled' : 'active']),
];

const sessionRows = (sessions: SessionView[]): string[][] => [
  ['ID', 'CREATED', 'LAST USED', 'EXPIRES', 'METHODS', 'IP', 'USER AGENT'],
  ...sessions.map((session) => [
    session.id,
    session.createdAt,
    session.lastUsedAt,
    session.expiresAt,
    session.amr.join(' '),
    session.ip ?? '',
    session.userAgent ?? '',
  ]),
];

const eventRows = (events: SecurityEventView[]): string[][] => [
  ['AT', 'KIND', 'OUTCOME', 'IP', 'DETAILS'],
  ...events.map((event) => [
    event.at,
    event.kind,
    event.outcome,
    event.ip ?? '',
    Object.entries(event.details)
      .map(([key, value]) => `${key}=${String(value)}`)
      .join(' '),
  ]),
];

/** Runs one command; returns what to print (JSON or text). */
async function run(command: string, args: string[], values: Values): Promise<{ json: unknown; text: string }> {
  if (command === 'users delete' && values.yes !== true)
    throw new UsageError('users delete needs --yes: the account cannot be brought back');
  const limit = pageSize(values.limit);
  const config = await loadConfig();
  const logger = createLogger(config.logLevel, process.stderr);
  const connection = await connectAdmin(config, { aws: values.aws === true, logger });
  const { admin } = connection;
  const actor = `cli:${userInfo().username}@${hostname()}`;
  const username = args[0] ?? '';
  try {
    switch (command) {
      case 'users list': {
        const page = await admin.list({ prefix: values.prefix, after: values.after, limit });
        const more =
          page.next === null
            ? ''
            : `\nmore: npm run admin -- users list${values.prefix === undefined ? '' : ` --prefix ${JSON.stringify(values.prefix)}`} --after ${JSON.stringify(page.next)}`;
        return {
          json: page,
          text: page.users.length === 0 ? `no users (${connection.target})` : `${table(userRows(page.users))}${more}`,
        };
      }
      case 'users show': {
        const user = await admin.show(username);
        return { json: user, text: table(Object.entries(user).map(([key, value]) => [`${key}:`, String(value)])) };
      }
      case 'users disable': {
        const user = await admin.disable(username, actor);
        return { json: user, text: `disabled ${user.username}: every session ended, sign-ins refused` };
      }
      case 'users enable': {
        const user = await admin.enable(username, actor);
        return { json: user, text: `enabled ${user.username}: it can sign in again` };
      }
      case 'users sign-out': {
        const revoked = await admin.signOut(username, actor);
        return { json: { revoked }, text: `signed out ${username}: ${revoked} session${revoked === 1 ? '' : 's'} ended` };
      }
      case 'users unlock': {
        await admin.unlock(username, actor);
        return { json: { unlocked: true }, text: `unlocked ${username}: its failed sign-ins are forgotten` };
      }
      case 'users delete': {
        await admin.delete(username, actor);
        return { json: { deleted: true }, text: `deleted ${username}` };
      }
      case 'users reindex': {
        const added = await admin.reindex((scanned, addedHere) =>
          process.stderr.write(`scanned ${scanned} items, added ${addedHere}\n`),
        );
        return { json: { added }, text: `added ${added} account${added === 1 ? '' : 's'} to the user directory` };
      }
      case 'users events': {
        const page = await admin.eventsOf(username, { cursor: values.after, limit });
        const more =
          page.next === undefined
            ? ''
            : `\nmore: npm run admin -- users events ${JSON.stringify(username)} --after ${JSON.stringify(page.next)}`;
        return {
          json: page,
          text: page.events.length === 0 ? `no events for ${username}` : `${table(eventRows(page.events))}${more}`,
        };
      }
      case 'sessions list': {
        const sessions = await admin.sessionsOf(username);
        return {
          json: { sessions },
          text: sessions.length === 0 ? `no live sessions for ${username}` : table(sessionRows(sessions)),
        };
      }
      default:
        throw new UsageError(`unknown command: ${command}`);
    }
  } finally {
    await connection.close();
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const parsed = parse(argv);
    if ('help' in parsed) {
      process.stdout.write(HELP);
      return 0;
    }
    const output = await run(parsed.command, parsed.args, parsed.values);
    process.stdout.write(`${parsed.values.json === true ? JSON.stringify(output.json, null, 2) : output.text}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\nRun npm run admin -- --help for the commands.\n`);
      return 2;
    }
    if (error instanceof AppError) process.stderr.write(`error: ${error.message} (${error.code})\n`);
    else if (error instanceof ConfigError || error instanceof AdminTargetError) process.stderr.write(`error: ${error.message}\n`);
    else process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
