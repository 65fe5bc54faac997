import * as z from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/admin';
import { sessionView } from './sessions';

/** The admin API (src/routes/admin.ts): query parameters and response bodies. */

export const usernameParam = z.object({
  username: z
    .string()
    .meta({ description: 'The username (matched as at sign-in: case-insensitively, after Unicode normalisation)' }),
});

export const userListQuery = z
  .object({
    prefix: z.string({ error: 'must be a string' }).optional().meta({ description: 'Only usernames that start with this' }),
    after: z.string({ error: 'must be a string' }).optional().meta({ description: 'The `next` of the previous page' }),
    limit: z
      .string({ error: 'must be a string' })
      .regex(/^\d+$/, 'must be a whole number')
      .optional()
      .meta({ description: `Users per page, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE})` }),
  })
  .meta({ id: 'AdminUserListQuery' });

const timestamp = z.iso.datetime();

export const adminUser = z
  .strictObject({
    username: z.string(),
    name: z.string(),
    createdAt: timestamp.meta({ description: 'When the account was registered' }),
    disabled: z.boolean().meta({ description: 'True when an operator has disabled it: it cannot sign in' }),
  })
  .meta({ id: 'AdminUser' });

export const adminUserDetails = adminUser
  .extend({ sessions: z.number().int().min(0).meta({ description: 'How many live sessions it has' }) })
  .meta({ id: 'AdminUserDetails' });

export const adminUserPage = z
  .strictObject({
    users: z.array(adminUser).meta({ description: 'In username-key order; a page may hold fewer than `limit`' }),
    next: z.string().nullable().meta({ description: 'Pass as `after` for the next page; null on the last page' }),
  })
  .meta({ id: 'AdminUserPage' });

export const adminSessions = z.strictObject({ sessions: z.array(sessionView) }).meta({ id: 'AdminSessions' });

export const adminSignedOut = z
  .strictObject({ revoked: z.number().int().min(0).meta({ description: 'How many live sessions were ended' }) })
  .meta({ id: 'AdminSignedOut' });

export const adminDone = z.strictObject({ message: z.string() }).meta({ id: 'AdminDone' });

export type AdminUserPageResponse = z.infer<typeof adminUserPage>;
export type AdminUserResponse = z.infer<typeof adminUser>;
export type AdminUserDetailsResponse = z.infer<typeof adminUserDetails>;
export type AdminSessionsResponse = z.infer<typeof adminSessions>;
export type AdminSignedOutResponse = z.infer<typeof adminSignedOut>;
export type AdminDoneResponse = z.infer<typeof adminDone>;
