import { readFile } from 'node:fs/promises';
import { generateSigningKey, parseSigningKeys } from '../src/config-signing-keys';

/**
 * Prints an ES256 key set for JWT_SIGNING_KEYS / the Secrets Manager secret named by
 * JWT_SIGNING_KEYS_SECRET_ID. With a file argument, prints that set with a new key appended: the key
 * that signs does not change until JWT_SIGNING_KID names the new one, so verifiers see it first.
 *
 *   npm run --silent keys:generate > keys.json
 *   npm run --silent keys:generate -- keys.json > keys.next.json
 */
async function main(): Promise<void> {
  const existingFile = process.argv[2];
  const existing = existingFile === undefined ? [] : parseSigningKeys(await readFile(existingFile, 'utf8'));
  const added = generateSigningKey();
  process.stdout.write(`${JSON.stringify({ keys: [...existing, added] }, null, 2)}\n`);
  process.stderr.write(`new key: ${added.kid}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
