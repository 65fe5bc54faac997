import { z } from 'zod';
import { MAX_REFRESH_TOKEN_LENGTH } from '../services/sessions';
import { newPassword } from './schemas';

/** Request bodies of the session and account routes; new passwords follow the registration policy. */

const currentPassword = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024, 'is too long');

export const refreshBody = z.object({
  refreshToken: z
    .string({ error: 'must be a string' })
    .max(MAX_REFRESH_TOKEN_LENGTH, 'is too long')
    .optional()
    .meta({ description: 'The refresh credential from /login or the last /refresh. Optional: browsers send the refresh cookie instead.' }),
}).meta({ id: 'RefreshRequest' });

export const changePasswordBody = z.object({
  currentPassword,
  newPassword,
}).meta({ id: 'ChangePasswordRequest' });

export const deleteAccountBody = z.object({
  password: currentPassword,
}).meta({ id: 'DeleteAccountRequest' });
