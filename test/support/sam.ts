import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** Paths and readers shared by the tests of template.yaml (test/template.test.ts) and of its `sam build` output (test/sam-artifact.test.ts). */

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BUILD_HINT = 'run `npm run build:lambda` (scripts/build-lambda.sh) first';

/** Every file under a directory, as absolute paths. */
export async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** The Python of the SAM CLI's virtualenv, for its YAML loader and the SAM transform. */
export function samPython(): string {
  const python = join(ROOT, '.venv', 'bin', 'python');
  assert.ok(existsSync(python), `the SAM CLI virtualenv is missing; ${BUILD_HINT}`);
  return python;
}

/** The parts of a SAM template the tests read. */
export interface SamTemplate {
  Parameters: Record<string, { Default?: string | number }>;
  Globals: { Function: Record<string, unknown> };
  Resources: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> }>;
}

/** A SAM template as JSON, parsed by the SAM CLI's own YAML loader (it knows the !Ref/!Sub tags). */
export function parseSamTemplate(path: string): SamTemplate {
  const parsed = spawnSync(
    samPython(),
    [
      '-c',
      'import json,sys; from samcli.yamlhelper import yaml_parse; print(json.dumps(yaml_parse(open(sys.argv[1]).read())))',
      path,
    ],
    { encoding: 'utf8' },
  );
  assert.equal(parsed.status, 0, parsed.stderr);
  return JSON.parse(parsed.stdout) as SamTemplate;
}
