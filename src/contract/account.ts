import { z } from 'zod';
import { newPassword, presentedPassword, profileFields } from './auth';

/** GET /me, POST /password, DELETE /account: request and response bodies; new passwords follow the registration policy. */

export const changePasswordBody = z
  .object({
    currentPassword: presentedPassword,
    newPassword,
  })
  .meta({ id: 'ChangePasswordRequest' });

export const deleteAccountBody = z
  .object({
    password: presentedPassword,
  })
  .meta({ id: 'DeleteAccountRequest' });

export const meResponse = z
  .strictObject({
    response: z.strictObject({
      ...profileFields,
      createdAt: z.iso.datetime().meta({ description: 'When the account was created' }),
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
