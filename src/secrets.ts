import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Reads a secret's string value from AWS Secrets Manager (once per cold start: config caches it). */
export async function readSecretFromSecretsManager(secretId: string): Promise<string> {
  const client = new SecretsManagerClient({});
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (SecretString === undefined) throw new Error(`secret ${secretId} has no string value`);
    return SecretString;
  } finally {
    client.destroy();
  }
}
