import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for AWS Secrets Manager's GetSecretValue (JSON 1.1 protocol), so the real SDK
 * path of the built artifact runs without an AWS account: point AWS_ENDPOINT_URL_SECRETS_MANAGER at
 * `endpoint`. It knows the secrets it is given and records every request it was sent.
 */
export interface FakeSecretsManager {
  endpoint: string;
  requests: Array<{ target: string; secretId: unknown; signed: boolean }>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeSecretsManager(...secrets: Array<{ name: string; value: string }>): Promise<FakeSecretsManager> {
  const requests: FakeSecretsManager['requests'] = [];
  const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-AbCdEf`;

  const server = createServer(async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const body = JSON.parse((await readBody(request)) || '{}') as { SecretId?: unknown };
    const signed = String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ');
    requests.push({ target, secretId: body.SecretId, signed });

    const reply = (status: number, payload: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(payload));
    };
    const secret = secrets.find(({ name }) => body.SecretId === name || body.SecretId === arnOf(name));
    if (target !== 'secretsmanager.GetSecretValue') {
      reply(400, { __type: 'UnknownOperationException', message: `unsupported: ${target}` });
    } else if (secret === undefined) {
      reply(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
    } else {
      reply(200, {
        ARN: arnOf(secret.name),
        Name: secret.name,
        SecretString: secret.value,
        VersionId: '11111111-2222-3333-4444-555555555555',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: Math.floor(Date.now() / 1000),
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
