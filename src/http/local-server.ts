import type { RequestListener, Server } from 'node:http';
import type { Socket } from 'node:net';
import { StartupError } from '../startup-error';

// Not `import … from 'node:http'`: the ES module facade Node builds for it reads every export, and its lazy
// WebSocket, CloseEvent and MessageEvent load Node's bundled undici (10 MiB resident) that nothing here uses.
const { createServer } = process.getBuiltinModule('node:http');

/**
 * The local server's HTTP limits. Node's defaults let one client hold a connection for minutes: a
 * request timeout of 300 s, checked every 30 s, and no cap on connections. In Lambda, API Gateway
 * does this job; locally the server must.
 */
export interface HttpLimits {
  /** The whole request, headers and body, must arrive within this (a trickled body is cut off). */
  requestTimeoutMs: number;
  /** The headers must arrive within this. */
  headersTimeoutMs: number;
  /** Connections beyond this many are closed as soon as they open. */
  maxConnections: number;
}

/** How often Node looks for requests past their timeouts; its default of 30 s would stretch every timeout by up to that. */
const TIMEOUT_CHECK_INTERVAL_MS = 250;

/** A minimal JSON response written straight to the socket, for errors Node raises before Express sees a request. */
function writeRawJson(socket: Socket, status: number, reason: string, body: { message: string; code: string }): void {
  const json = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
  );
}

/** Node's client errors, answered as JSON like every other error of the service. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  const response = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || response?.headersSent) {
    socket.destroy();
    return;
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    writeRawJson(socket, 408, 'Request Timeout', { message: 'Request not received in time', code: 'REQUEST_TIMEOUT' });
  } else if (error.code === 'HPE_HEADER_OVERFLOW') {
    writeRawJson(socket, 431, 'Request Header Fields Too Large', {
      message: 'Request headers too large',
      code: 'HEADERS_TOO_LARGE',
    });
  } else if (error.code?.startsWith('HPE_')) {
    writeRawJson(socket, 400, 'Bad Request', { message: 'Malformed HTTP request', code: 'MALFORMED_REQUEST' });
  } else {
    socket.destroy();
  }
}

/** The HTTP server of `npm start`, with the limits applied. */
export function createLocalHttpServer(app: RequestListener, limits: HttpLimits): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    app,
  );
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
  return server;
}

/** A listen failure the person starting the server can fix, as one line; anything else as it is. */
function listenProblem(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Cannot listen on ${where}: the port is already in use (is the server already running?). Stop what uses it, or set PORT to a free port (PORT=0 picks one).`,
        { cause: error },
      );
    case 'EACCES':
      return new StartupError(
        `Cannot listen on ${where}: permission denied (ports below 1024 need privileges). Set PORT to 1024 or above.`,
        { cause: error },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new StartupError(
        `Cannot listen on HOST=${host}: no such host name. Set HOST to an address of this machine (the default is 127.0.0.1).`,
        { cause: error },
      );
    case 'EADDRNOTAVAIL':
      return new StartupError(
        `Cannot listen on HOST=${host}: it is not an address of this machine. Set HOST to one of its addresses (the default is 127.0.0.1).`,
        { cause: error },
      );
    default:
      return error;
  }
}

/** Listens on `host:port`; resolves with the port listened on, rejects with a StartupError saying what to fix. */
export function listenOn(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenProblem(error, host, port));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
