import * as z from 'zod';
import { exactlyOneIdentifier, newPassword, presentedPassword, presentedUsername, profileFields } from './auth';
import { emailAddress, mailedToken } from './email';
import { oneFactorAtMost, stepUpFactorFields, stepUpFields } from './step-up';

/**
 * GET /me, POST /password, DELETE /account, POST /password/forgot and /password/reset: request and
 * response bodies; new passwords follow the registration policy.
 */

/** Both need a fresh proof (src/services/step-up.ts): the password, and a code when two-step verification is on. */
export const changePasswordBody = oneFactorAtMost(
  z.object({
    currentPassword: presentedPassword,
    newPassword,
    ...stepUpFactorFields,
  }),
).meta({ id: 'ChangePasswordRequest' });

export const deleteAccountBody = oneFactorAtMost(z.object(stepUpFields)).meta({ id: 'DeleteAccountRequest' });

export const forgotPasswordBody = z
  .object({
    username: presentedUsername.optional().meta({ description: 'The username; or give `email` instead' }),
    email: emailAddress.optional().meta({ description: "The account's verified address, instead of `username`" }),
  })
  .superRefine(exactlyOneIdentifier)
  .meta({ id: 'ForgotPasswordRequest' });

export const resetPasswordBody = z.object({ token: mailedToken, newPassword }).meta({ id: 'ResetPasswordRequest' });

export const meResponse = z
  .strictObject({
    response: z.strictObject({
      ...profileFields,
      createdAt: z.iso.datetime().meta({ description: 'When the account was created' }),
      email: z
        .string()
        .nullable()
        .meta({ description: 'The verified address, else the unverified one given last; null when none was given' }),
      emailVerified: z.boolean().meta({ description: 'Whether `email` is verified' }),
      pendingEmail: z
        .string()
        .nullable()
        .meta({ description: 'An address waiting to be verified while `email` (verified) stays in force; else null' }),
    }),
  })
  .meta({ id: 'MeResponse' });

export const passwordChangedResponse = z
  .strictObject({ message: z.literal('Password changed; every other session was signed out') })
  .meta({ id: 'PasswordChangedResponse' });

export const accountDeletedResponse = z
  .strictObject({ message: z.literal('Account deleted') })
  .meta({ id: 'AccountDeletedResponse' });

export type MeResponse = z.infer<typeof meResponse>;
export type PasswordChangedResponse = z.infer<typeof passwordChangedResponse>;
export type AccountDeletedResponse = z.infer<typeof accountDeletedResponse>;
