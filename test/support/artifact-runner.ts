/**
 * Child-process entry for test/sam-artifact.test.ts: loads the *built* handler from a copy of
 * `.aws-sam/build/AuthFunction` (argv[2], laid out like Lambda's /var/task, outside the project so no
 * project node_modules is reachable) and drives it like API Gateway would. Configuration comes from the
 * environment, as in Lambda; NODE_PATH plays the role of the layer's /opt/nodejs/node_modules.
 * Writes a JSON report to argv[3]; stdout is left to the function's own logs.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { assertAuthFlowThroughHandler, invoke, type LambdaHandler } from './lambda-flow';

export interface ArtifactRunReport {
  /** Where `require('bcrypt')` resolves from the artifact, or the error when it does not. */
  bcryptResolvedTo: string | null;
  loadError: string | null;
  /** Every loaded module file whose path mentions bcrypt (JS and the native .node binary). */
  bcryptModulesLoaded: string[];
  /** The auth cookie value of one more login, for the parent to check the token's signature. */
  token: string | null;
}

const [taskDir, reportPath] = process.argv.slice(2);
if (taskDir === undefined || reportPath === undefined) throw new Error('usage: artifact-runner <taskDir> <reportPath>');

const requireFromTask = createRequire(join(taskDir, 'lambda.js'));
const report: ArtifactRunReport = { bcryptResolvedTo: null, loadError: null, bcryptModulesLoaded: [], token: null };

try {
  report.bcryptResolvedTo = requireFromTask.resolve('bcrypt');
} catch (error) {
  report.loadError = (error as Error).message;
}

try {
  const { handler } = requireFromTask('./lambda.js') as { handler: LambdaHandler };
  for (const version of ['2.0', '1.0'] as const) await assertAuthFlowThroughHandler(handler, version);

  const username = `token-${Date.now()}`;
  const password = 'another perfectly fine passphrase';
  const registered = await invoke(handler, '2.0', { method: 'POST', path: '/register', body: { name: 'Token', username, password } });
  if (registered.statusCode !== 201) throw new Error(`register answered ${registered.statusCode}`);
  const login = await invoke(handler, '2.0', { method: 'POST', path: '/login', body: { username, password } });
  report.token = /^auth_token=([^;]+)/.exec(login.setCookies[0] ?? '')?.[1] ?? null;
} catch (error) {
  report.loadError ??= (error as Error).stack ?? String(error);
  throw error;
} finally {
  report.bcryptModulesLoaded = Object.keys(requireFromTask.cache).filter((path) => path.includes('bcrypt'));
  writeFileSync(reportPath, JSON.stringify(report));
}
