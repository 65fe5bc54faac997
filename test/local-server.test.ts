import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalHttpServer } from '../src/http/local-server';
import { buildTestApp } from './support/app';
import { useTestStore } from './support/store';

/** The local server's connection limits, on real sockets, around the real app (as src/server.ts builds it). */

const testStore = useTestStore();
const LIMITS = { requestTimeoutMs: 1500, headersTimeoutMs: 1000, maxConnections: 4 };
let server: Server;
let port: number;

async function open(): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

interface RawResponse {
  status: number;
  headers: string;
  body: string;
}

/** Everything the server sends until it closes the connection, parsed as one HTTP response. */
async function responseOf(socket: Socket): Promise<RawResponse | null> {
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => {});
  await once(socket, 'close');
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return null;
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body };
}

const requestHead = (contentLength: number) =>
  `POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n`;

describe('the local HTTP server holds no connection for long', () => {
  before(async () => {
    const { app } = await buildTestApp(testStore);
    server = createLocalHttpServer(app, LIMITS);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 413 at once when the declared Content-Length is over the limit, and closes', async () => {
    const socket = await open();
    socket.write(requestHead(999_999_999));
    // No body byte is ever sent: the answer must not wait for one (nor for the request timeout, a 408).
    const response = await responseOf(socket);
    assert.equal(response?.status, 413);
    assert.deepEqual(JSON.parse(response?.body ?? ''), { message: 'Request body too large', code: 'BODY_TOO_LARGE' });
  });

  it('cuts off a body trickled slowly with a JSON 408', async () => {
    const socket = await open();
    socket.write(requestHead(200));
    const trickle = (async () => {
      for (let sent = 0; sent < 200 && !socket.destroyed; sent += 1) {
        socket.write(' ');
        await sleep(100);
      }
    })();
    const response = await responseOf(socket);
    await trickle;
    assert.equal(response?.status, 408);
    assert.equal(JSON.parse(response?.body ?? '').code, 'REQUEST_TIMEOUT');
    assert.match(response?.headers ?? '', /content-type: application\/json/i);
  });

  it('cuts off headers that never end', async () => {
    const socket = await open();
    socket.write('POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const response = await responseOf(socket);
    assert.equal(response?.status, 408);
  });

  it('caps the number of connections, and takes new ones when old ones close', async () => {
    const held = await Promise.all(Array.from({ length: LIMITS.maxConnections }, () => open()));
    // Let the server count them before the next one arrives.
    await sleep(50);
    const refused = await open();
    refused.write('GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    assert.equal(await responseOf(refused), null, 'the connection over the cap is closed without an answer');

    const first = held.shift();
    first?.destroy();
    await sleep(50);
    const admitted = await open();
    admitted.write('GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
    assert.equal((await responseOf(admitted))?.status, 200);
    for (const socket of held) socket.destroy();
  });
});
