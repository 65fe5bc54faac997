import { z } from 'zod';
import { passwordPolicyProblem } from '../services/password-policy';
import { MAX_TOKEN_LENGTH } from '../services/tokens';
import { MAX_USERNAME_KEY_BYTES, USERNAME_RULE, usernameKey, usernameProblem } from '../services/usernames';

/**
 * Request bodies. Field names are the original tutorial API's, so existing clients keep working.
 * These objects both validate requests (`parseBody`) and generate the OpenAPI document, so the two
 * cannot disagree; `.meta()` only adds what a refinement cannot express in JSON Schema.
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
  .meta({ description: USERNAME_RULE });

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

export const registerBody = z.object({
  name: z
    .string({ error: 'must be a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters'),
  username,
  password: newPassword,
})
  .superRefine(({ username, password }, context) => {
    const problem = passwordPolicyProblem(password, username);
    if (problem !== null) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  })
  .meta({ id: 'RegisterRequest' });

export const loginBody = z.object({
  username: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(256, 'is too long')
    .refine((value) => Buffer.byteLength(usernameKey(value)) <= MAX_USERNAME_KEY_BYTES, 'is too long'),
  password: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024, 'is too long'),
}).meta({ id: 'LoginRequest' });

export const verifyBody = z.object({
  token: token.optional(),
  username: z.string({ error: 'must be a string' }).max(256, 'is too long').optional(),
}).meta({ id: 'VerifyRequest' });

export const logoutBody = z.object({
  token: token.optional(),
}).meta({ id: 'LogoutRequest' });
