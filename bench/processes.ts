import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every child the bench starts is registered here and stopped on exit, on failure and on SIGINT, so
 * a broken or interrupted run never leaves a store or server behind.
 */
const children = new Set<ChildProcess>();

export function stopAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

process.once('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAll();
    console.error(`\nbench: ${signal}, child processes stopped`);
    process.exit(130);
  });
}

export interface Spawned {
  child: ChildProcess;
  pid: number;
  /** Everything the child wrote to stderr so far, for error messages. */
  stderr(): string;
  /** Resolves when the child has exited, or after `timeoutMs`, whichever is first. */
  exited(timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a Node 24 child (the same node that runs the bench) and registers it for clean-up. */
export function spawnNode(args: string[], env: NodeJS.ProcessEnv, options: { stdin?: boolean } = {}): Spawned {
  const child = spawn(process.execPath, args, { env, stdio: [options.stdin === true ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(' ')}`);
  children.add(child);
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    pid: child.pid,
    stderr: () => stderr,
    exited: (timeoutMs) => Promise.race([exited, sleep(timeoutMs).then(() => undefined)]),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(3000).then(() => true)]);
        if (timedOut) child.kill('SIGKILL');
        await exited;
      }
      children.delete(child);
    },
  };
}

/** Resolves with the first stdout line of a child, parsed as JSON (how helper processes report back). */
export function firstJsonLine<T>(spawned: Spawned, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      cleanup();
      try {
        resolve(JSON.parse(buffer.slice(0, newline)) as T);
      } catch (error) {
        reject(error as Error);
      }
    };
    const onExit = (code: number | null) => fail(new Error(`exited with code ${code} before answering`));
    const cleanup = () => {
      clearTimeout(timer);
      spawned.child.stdout?.off('data', onData);
      spawned.child.off('exit', onExit);
    };
    function fail(error: Error) {
      cleanup();
      reject(new Error(`${error.message}\n${spawned.stderr()}`));
    }
    spawned.child.stdout?.setEncoding('utf8').on('data', onData);
    spawned.child.once('exit', onExit);
  });
}

/** A TCP port that is free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until something accepts TCP connections on 127.0.0.1:port. */
export async function waitForPort(port: number, timeoutMs: number, spawned: Spawned): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (spawned.child.exitCode !== null)
      throw new Error(`server exited with code ${spawned.child.exitCode}\n${spawned.stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(50);
  }
  throw new Error(`server did not listen on port ${port} within ${timeoutMs} ms\n${spawned.stderr()}`);
}

/**
 * Request and answer over a child's stdin and stdout, one JSON line each way (for helper processes that
 * stay up between jobs).
 */
export function jsonConversation(spawned: Spawned): { ask<T>(message: unknown, timeoutMs: number): Promise<T> } {
  if (spawned.child.stdout === null || spawned.child.stdin === null) throw new Error('the child needs piped stdin and stdout');
  const lines = createInterface({ input: spawned.child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => waiting.shift()?.(line));
  return {
    ask<T>(message: unknown, timeoutMs: number) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms\n${spawned.stderr()}`)), timeoutMs);
        waiting.push((line) => {
          clearTimeout(timer);
          try {
            resolve(JSON.parse(line) as T);
          } catch (error) {
            reject(error as Error);
          }
        });
        spawned.child.stdin?.write(`${JSON.stringify(message)}\n`);
      });
    },
  };
}
