import { spawn } from 'node:child_process';
import { once } from 'node:events';

/** dynalite on disk in a child process, so a test can kill it for real (SIGKILL) and start it again. */
export interface DynaliteProcess {
  endpoint: string;
  port: number;
  kill(): Promise<void>;
}

const CHILD_SCRIPT = `
const dynalite = require('dynalite');
const [path, port] = process.argv.slice(1);
const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(Number(port), '127.0.0.1', () => console.log('port=' + server.address().port));
`;

export async function spawnDynalite(dataDir: string, port = 0): Promise<DynaliteProcess> {
  const child = spawn(process.execPath, ['-e', CHILD_SCRIPT, dataDir, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const boundPort = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/port=(\d+)/);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`dynalite exited with ${code}`)));
  });
  return {
    endpoint: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    },
  };
}
