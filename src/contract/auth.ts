import * as z from 'zod';
import { passwordPolicyProblem } from '../services/password-policy';
import { MAX_TOKEN_LENGTH } from '../services/tokens';
import {
  MAX_USERNAME_KEY_BYTES,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_RULE,
  usernameKey,
  usernameProblem,
} from '../services/usernames';
import { emailAddress } from './email';
import { errorCodesOf } from './errors';
import { presentedPassword } from './step-up';

/**
 * POST /register, /login, /verify, /logout: request and response bodies. Field names are the original
 * tutorial API's, so existing clients keep working. The request schemas both validate requests
 * (`parseBody`) and generate the OpenAPI document, so the two cannot disagree; `.meta()` only adds
 * what a refinement cannot express in JSON Schema. Response objects are strict, so a field the
 * document does not name (a leaked hash, say) fails the tests' contract check.
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

const username = z
  .string({ error: 'must be a string' })
  .max(256, 'is too long')
  .superRefine((value, context) => {
    const problem = usernameProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  })
  // JSON Schema lengths count code points, as the rule does (width mapping keeps the count).
  .meta({
    description: USERNAME_RULE,
    pattern: USERNAME_PATTERN,
    minLength: USERNAME_MIN_LENGTH,
    maxLength: USERNAME_MAX_LENGTH,
  });

const token = z
  .string({ error: 'must be a string' })
  .max(MAX_TOKEN_LENGTH, 'is too long')
  .meta({ description: 'The access token (JWT). Optional: the Authorization Bearer header or the auth cookie also carry it.' });

/** Length counts Unicode code points; the password is never trimmed or otherwise altered. */
export const newPassword = z
  .string({ error: 'must be a string' })
  .refine((value) => [...value].length >= PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .refine((value) => [...value].length <= PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`)
  // JSON Schema lengths count code points too, so these state the refinements exactly.
  .meta({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });

export { presentedPassword };

export const registerBody = z
  .object({
    name: z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    username,
    password: newPassword,
    email: emailAddress.optional().meta({
      description:
        'Optional. Stored unverified and sent a verification link; registering never says whether another account uses it',
    }),
  })
  .superRefine(({ username, password }, context) => {
    const problem = passwordPolicyProblem(password, username);
    if (problem !== null) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .meta({ id: 'RegisterRequest' });

/** A username as typed to sign in (no rule beyond its size: a wrong one is just a wrong username). */
export const presentedUsername = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(256, 'is too long')
  .refine((value) => Buffer.byteLength(usernameKey(value)) <= MAX_USERNAME_KEY_BYTES, 'is too long');

export const loginBody = z
  .object({
    username: presentedUsername.optional().meta({ description: 'The username; or give `email` instead' }),
    email: emailAddress.optional().meta({
      description:
        "The account's verified address, instead of `username` (usernames may contain @, so the two are separate fields)",
    }),
    password: presentedPassword,
  })
  .superRefine(exactlyOneIdentifier)
  .meta({ id: 'LoginRequest' });

/** Exactly one of `username` and `email` names the account. */
export function exactlyOneIdentifier(
  body: { username?: string | undefined; email?: string | undefined },
  context: z.RefinementCtx,
): void {
  if ((body.username === undefined) === (body.email === undefined)) {
    context.addIssue({
      code: 'custom',
      path: [body.username === undefined ? 'username' : 'email'],
      message: 'give either username or email, not both and not neither',
    });
  }
}

export const verifyBody = z
  .object({
    token: token.optional(),
    username: z.string({ error: 'must be a string' }).max(256, 'is too long').optional(),
  })
  .meta({ id: 'VerifyRequest' });

export const logoutBody = z
  .object({
    token: token.optional(),
  })
  .meta({ id: 'LogoutRequest' });

export const profileFields = {
  username: z.string().meta({ description: 'The spelling the user registered with' }),
  name: z.string(),
};

export const profile = z.strictObject(profileFields).meta({ id: 'Profile' });

/** How a session was authenticated: RFC 8176 method values. */
export const authenticationMethods = z
  .array(z.string())
  .min(1)
  .meta({ description: 'How the session was authenticated: RFC 8176 `amr` values (`pwd`: a password)' });

export const registerResponse = z
  .strictObject({ message: z.literal('User registered successfully'), response: profile })
  .meta({ id: 'RegisterResponse' });

export const loginResponse = z
  .strictObject({
    message: z.literal('User logged in successfully'),
    response: z.strictObject({
      ...profileFields,
      token: z.string().meta({ description: 'The access token (JWT); also set as the HttpOnly auth cookie' }),
      expiresAt: z.number().int().meta({ description: 'When the token expires, in epoch seconds' }),
      refreshToken: z.string().meta({
        description: 'Single-use refresh credential for POST /refresh; also set as the HttpOnly refresh cookie (Path=/refresh)',
      }),
      refreshExpiresAt: z.number().int().meta({ description: 'When the session ends unless refreshed, in epoch seconds' }),
    }),
  })
  .meta({ id: 'LoginResponse' });

export const verifiedResponse = z
  .strictObject({ verified: z.literal(true), message: z.literal('success'), username: z.string(), amr: authenticationMethods })
  .meta({ id: 'VerifiedResponse' });

const [notVerifiedCode, ...otherNotVerifiedCodes] = errorCodesOf('POST /verify', 401);
if (notVerifiedCode === undefined) throw new Error('the error catalogue has no 401 for POST /verify');

export const notVerifiedResponse = z
  .strictObject({ verified: z.literal(false), message: z.string(), code: z.enum([notVerifiedCode, ...otherNotVerifiedCodes]) })
  .meta({ id: 'NotVerifiedResponse' });

export const logoutResponse = z.strictObject({ message: z.literal('Logged out successfully') }).meta({ id: 'LogoutResponse' });

export type RegisterResponse = z.infer<typeof registerResponse>;
export type LoginResponse = z.infer<typeof loginResponse>;
export type VerifiedResponse = z.infer<typeof verifiedResponse>;
export type NotVerifiedResponse = z.infer<typeof notVerifiedResponse>;
export type LogoutResponse = z.infer<typeof logoutResponse>;
