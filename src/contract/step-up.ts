import * as z from 'zod';

/**
 * The fresh proof of a step-up (src/services/step-up.ts), as every body that carries one spells it: the
 * password, and, when two-step verification is on, a TOTP code or a recovery code. Kept apart from the
 * route contracts so each can import it without a cycle.
 */

/** A password the user types to prove who they are (not a new one, so no policy). */
export const presentedPassword = z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(1024, 'is too long');

export const totpCode = z
  .string({ error: 'must be a string' })
  .regex(/^\d{6}$/, 'must be the 6 digits your authenticator app shows')
  .meta({ description: 'The 6-digit code the authenticator app shows now' });

export const recoveryCode = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(64, 'is too long')
  .meta({ description: 'One of the recovery codes (case, spaces and dashes do not matter); each works once' });

/** The second factor of a step-up: required when two-step verification is on, ignored when it is off. */
export const stepUpFactorFields = {
  code: totpCode
    .optional()
    .meta({ description: 'A code from the authenticator app: required (or `recoveryCode`) when two-step verification is on' }),
  recoveryCode: recoveryCode.optional().meta({ description: 'Instead of `code`: one recovery code (used up)' }),
};

type FactorFields = { code?: string | undefined; recoveryCode?: string | undefined };

/** A code or a recovery code, never both. */
export function oneFactorAtMost<Schema extends z.ZodType<FactorFields>>(schema: Schema): Schema {
  return schema.refine((value) => value.code === undefined || value.recoveryCode === undefined, {
    path: ['recoveryCode'],
    message: 'send either code or recoveryCode, not both',
  });
}

/** The fresh proof of a step-up: the password, and the second factor when one is on. */
export const stepUpFields = {
  password: presentedPassword.meta({ description: "The account's password, as a fresh proof" }),
  ...stepUpFactorFields,
};
