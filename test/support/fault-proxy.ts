import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the store whose behaviour the test switches at will:
 * - `forward`: passes bytes both ways;
 * - `reset`: drops every connection at once (the store is down, or the network refuses);
 * - `blackhole`: accepts connections and never answers (the store hangs);
 * - `slow`: forwards, but holds every answer back for `SLOW_ANSWER_MS` (the store answers, late).
 */
export type FaultMode = 'forward' | 'reset' | 'blackhole' | 'slow';

/** How late the store answers in `slow` mode: under any per-call timeout, so each call alone succeeds. */
export const SLOW_ANSWER_MS = 600;

export interface FaultProxy {
  endpoint: string;
  setMode(mode: FaultMode): void;
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port: targetPort } = new URL(target);
  let mode: FaultMode = 'forward';
  const open = new Set<Socket>();

  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'blackhole') {
      client.resume(); // read and discard
      return;
    }
    const upstream = createConnection({ host: hostname, port: Number(targetPort) });
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    if (mode === 'slow') {
      upstream.on('data', (chunk: Buffer) => setTimeout(() => client.write(chunk), SLOW_ANSWER_MS));
    } else {
      upstream.pipe(client);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setMode(next) {
      mode = next;
      // Connections kept alive from before the switch get the new behaviour too.
      for (const socket of open) socket.destroy();
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
