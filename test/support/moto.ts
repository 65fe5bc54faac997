import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * moto's server (PyPI moto[server], installed into .venv-moto/ by scripts/setup-moto.sh) on 127.0.0.1,
 * as the SES v2 stand-in: the real AWS SDK sends to it, and `sentMessages` reads back what it accepted
 * through moto's own model API.
 */
export interface MotoServer {
  endpoint: string;
  /** Raw messages SES accepted so far, oldest first. */
  sentMessages(): Promise<MotoRawMessage[]>;
  stop(): Promise<void>;
}

export interface MotoRawMessage {
  id: string;
  source: string;
  destinations: string[];
  raw_data: string;
}

const PYTHON = join(import.meta.dirname, '..', '..', '.venv-moto', 'bin', 'python');

// Port 0: the OS picks a free port, which the child prints. It exits when its stdin closes, so it never
// outlives the test process.
const SERVER_SCRIPT = `
import sys
from moto.server import ThreadedMotoServer
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print("port=%d" % server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
`;

export async function startMoto(): Promise<MotoServer> {
  if (!existsSync(PYTHON)) throw new Error('moto is not installed: run bash scripts/setup-moto.sh (npm test does it first)');
  const child = spawn(PYTHON, ['-c', SERVER_SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/port=(\d+)/);
      if (match?.[1] !== undefined) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`moto exited with ${code}: ${errors}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    async sentMessages() {
      const response = await fetch(`${endpoint}/moto-api/data.json`);
      const data = (await response.json()) as { ses?: { RawMessage?: MotoRawMessage[] } };
      return data.ses?.RawMessage ?? [];
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
