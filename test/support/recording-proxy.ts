import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of the test DynamoDB (dynalite) that records the operation of every request
 * (`X-Amz-Target: DynamoDB_20120810.GetItem` → `dynamodb:GetItem`), so a test can compare what a function
 * really sends with what its IAM policy grants. It can also answer a request itself instead of
 * forwarding it (`intercept`), e.g. to throttle the writes to one kind of item as DynamoDB would.
 */
export interface RecordingProxy {
  endpoint: string;
  /** IAM action names of the requests seen, in order. */
  actions: string[];
  close(): Promise<void>;
}

/** A request as DynamoDB sees it: its operation (`UpdateItem`) and its JSON body. */
export interface StoreRequest {
  operation: string;
  body: Record<string, unknown>;
}

/** An answer made up by the proxy: status and JSON body. */
export interface MadeUpAnswer {
  status: number;
  body: Record<string, unknown>;
}

export type Interceptor = (request: StoreRequest) => MadeUpAnswer | undefined;

/** DynamoDB's answer to a write on a partition that is over its throughput. */
export const THROTTLED: MadeUpAnswer = {
  status: 400,
  body: {
    __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
  },
};

export async function startRecordingProxy(
  targetEndpoint: string,
  intercept: Interceptor = () => undefined,
): Promise<RecordingProxy> {
  const target = new URL(targetEndpoint);
  const actions: string[] = [];
  const server = createServer((incoming, outgoing) => {
    const operation =
      String(incoming.headers['x-amz-target'] ?? '')
        .split('.')
        .pop() ?? '';
    actions.push(`dynamodb:${operation}`);
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const raw = Buffer.concat(chunks);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        // Not JSON: forwarded as it is.
      }
      const answer = intercept({ operation, body });
      if (answer !== undefined) {
        outgoing.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
        outgoing.end(JSON.stringify(answer.body));
        return;
      }
      const upstream = forward(
        { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
        (reply) => {
          outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(outgoing);
        },
      );
      upstream.on('error', () => {
        outgoing.writeHead(502);
        outgoing.end();
      });
      upstream.end(raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    actions,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
