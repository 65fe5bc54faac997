import type { Express } from 'express';
import request from 'supertest';

export interface NewUser {
  name: string;
  username: string;
  password: string;
}

export interface SignedIn {
  token: string;
  refreshToken: string;
}

/**
 * Registers `user` and signs in once, for tests that need a second account whose session must come
 * through untouched: the credentials of that session.
 */
export async function registerAndSignIn(app: Express, user: NewUser): Promise<SignedIn> {
  await request(app).post('/register').send(user).expect(201);
  const response = await request(app).post('/login').send({ username: user.username, password: user.password }).expect(200);
  return response.body.response as SignedIn;
}
