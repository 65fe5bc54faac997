import * as z from 'zod';
import { MAX_REFRESH_TOKEN_LENGTH } from '../services/sessions';
import { authenticationMethods } from './auth';
import { errorBody, errorCodesOf } from './errors';

/** POST /refresh, GET /sessions, DELETE /sessions/{id}, POST /logout-all: request and response bodies. */

export const refreshBody = z
  .object({
    refreshToken: z.string({ error: 'must be a string' }).max(MAX_REFRESH_TOKEN_LENGTH, 'is too long').optional().meta({
      description: 'The refresh credential from /login or the last /refresh. Optional: browsers send the refresh cookie instead.',
    }),
  })
  .meta({ id: 'RefreshRequest' });

export const refreshResponse = z
  .strictObject({
    message: z.literal('Session refreshed'),
    response: z.strictObject({
      username: z.string(),
      token: z.string().meta({ description: 'A new access token (JWT); also set as the HttpOnly auth cookie' }),
      expiresAt: z.number().int().meta({ description: 'When the token expires, in epoch seconds' }),
      refreshToken: z.string().meta({
        description: 'The next single-use refresh credential (the presented one is now spent); also set as the refresh cookie',
      }),
      refreshExpiresAt: z.number().int().meta({ description: 'When the session ends unless refreshed again, in epoch seconds' }),
    }),
  })
  .meta({ id: 'RefreshResponse' });

/** POST /refresh's 401: also the reuse of a spent credential, which has just revoked its session. */
export const refreshRefusedBody = errorBody('RefreshRefusedError', errorCodesOf('POST /refresh', 401));

const timestamp = z.iso.datetime();

export const sessionView = z
  .strictObject({
    id: z.string().meta({ description: 'The session id, for DELETE /sessions/{id}' }),
    createdAt: timestamp.meta({ description: 'When the user signed in' }),
    lastUsedAt: timestamp.meta({ description: 'When the session was last refreshed (or created)' }),
    expiresAt: timestamp.meta({
      description: 'When the session ends unless refreshed (idle timeout, capped by the absolute lifetime)',
    }),
    userAgent: z.string().nullable().meta({ description: 'The User-Agent header of the sign-in request' }),
    ip: z.string().nullable().meta({ description: 'The client address of the sign-in request' }),
    amr: authenticationMethods,
    current: z.boolean().meta({ description: 'True for the session making this request' }),
  })
  .meta({ id: 'Session' });

export const sessionsResponse = z
  .strictObject({ sessions: z.array(sessionView).meta({ description: 'Live sessions, most recently used first' }) })
  .meta({ id: 'SessionsResponse' });

export const sessionRevokedResponse = z
  .strictObject({ message: z.literal('Session revoked') })
  .meta({ id: 'SessionRevokedResponse' });

export const logoutAllResponse = z
  .strictObject({
    message: z.literal('Logged out of every session'),
    revoked: z.number().int().min(0).meta({ description: 'How many sessions were revoked, the current one included' }),
  })
  .meta({ id: 'LogoutAllResponse' });

export type RefreshResponse = z.infer<typeof refreshResponse>;
export type SessionsResponse = z.infer<typeof sessionsResponse>;
export type SessionRevokedResponse = z.infer<typeof sessionRevokedResponse>;
export type LogoutAllResponse = z.infer<typeof logoutAllResponse>;
