import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import request from 'supertest';
import { buildTestApp, type TestApp } from './support/app';
import { useTestStore } from './support/store';

/** Items as they are read back: a malformed one is an error, an item from before stamps still works. */

const testStore = useTestStore();
const alice = { name: 'Alice', username: 'alice', password: 'a perfectly fine passphrase' };

async function signedIn(): Promise<{ testApp: TestApp; tokens: { token: string; refreshToken: string }[] }> {
  const testApp = await buildTestApp(testStore);
  await request(testApp.app).post('/register').send(alice).expect(201);
  const tokens = [];
  for (let index = 0; index < 2; index += 1)
    tokens.push((await request(testApp.app).post('/login').send(alice).expect(200)).body.response);
  return { testApp, tokens };
}

async function update(testApp: TestApp, sk: string, expression: string, values?: Record<string, unknown>): Promise<void> {
  const items = await testStore.scan(testApp.tableName);
  for (const item of items.filter((entry) => String(entry.sk).startsWith(sk))) {
    await DynamoDBDocumentClient.from(testStore.client).send(
      new UpdateCommand({
        TableName: testApp.tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: expression,
        ExpressionAttributeValues: values,
      }),
    );
  }
}

describe('items read back from the store', () => {
  it('answers 500 INTERNAL for a malformed session item, never a wrong value or a refusal', async () => {
    const { testApp, tokens } = await signedIn();
    await update(testApp, 'SESSION#', 'SET refreshHash = :number', { ':number': 42 });
    const response = await request(testApp.app).post('/verify').send({ token: tokens[0]!.token }).expect(500);
    assert.deepEqual(response.body, { message: 'Internal server error', code: 'INTERNAL' });
    await request(testApp.app).get('/sessions').set('Authorization', `Bearer ${tokens[0]!.token}`).expect(500);
  });

  it('answers 500 INTERNAL for a malformed account item', async () => {
    const { testApp } = await signedIn();
    await update(testApp, 'PROFILE', 'REMOVE passwordHash');
    await request(testApp.app).post('/login').send(alice).expect(500);
  });

  it('keeps sessions from before security stamps and amr live, until the first password change ends them', async () => {
    const { testApp, tokens } = await signedIn();
    await update(testApp, 'PROFILE', 'REMOVE securityStamp');
    await update(testApp, 'SESSION#', 'REMOVE securityStamp, amr');
    const [current, other] = tokens as [{ token: string }, { token: string }, ...unknown[]];
    const verified = await request(testApp.app).post('/verify').send({ token: other.token }).expect(200);
    assert.deepEqual(verified.body.amr, ['pwd']);
    await request(testApp.app)
      .post('/password')
      .set('Authorization', `Bearer ${current.token}`)
      .send({ currentPassword: alice.password, newPassword: 'a new and better passphrase' })
      .expect(200);
    await request(testApp.app).post('/verify').send({ token: current.token }).expect(200);
    await request(testApp.app).post('/verify').send({ token: other.token }).expect(401);
  });
});
