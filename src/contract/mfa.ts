import * as z from 'zod';
import { RECOVERY_CODE_COUNT } from '../services/recovery-codes';
import { oneFactorAtMost, recoveryCode, stepUpFields, totpCode } from './step-up';

/**
 * GET /mfa, POST /mfa/totp, /mfa/totp/confirm, /mfa/recovery-codes, DELETE /mfa/totp, POST /login/mfa,
 * and the second-factor fields every step-up body carries: request and response bodies.
 */

export const startTotpBody = oneFactorAtMost(z.object(stepUpFields)).meta({ id: 'StartTotpRequest' });
export const confirmTotpBody = z.object({ code: totpCode }).meta({ id: 'ConfirmTotpRequest' });
export const replaceRecoveryCodesBody = oneFactorAtMost(z.object(stepUpFields)).meta({ id: 'ReplaceRecoveryCodesRequest' });
export const disableTotpBody = oneFactorAtMost(z.object(stepUpFields)).meta({ id: 'DisableTotpRequest' });

export const mfaLoginBody = z
  .object({
    mfaToken: z
      .string({ error: 'must be a string' })
      .min(1, 'must not be empty')
      .max(128, 'is too long')
      .meta({ description: 'The mfaToken from POST /login (5 minutes, single-use, 5 tries)' }),
    code: totpCode.optional().meta({ description: 'A code from the authenticator app (or send `recoveryCode`)' }),
    recoveryCode: recoveryCode.optional(),
  })
  .refine((body) => (body.code === undefined) !== (body.recoveryCode === undefined), {
    path: ['code'],
    message: 'send either code or recoveryCode',
  })
  .meta({ id: 'MfaLoginRequest' });

const secondFactorMethod = z.enum(['totp', 'recovery_code']);

export const mfaRequiredResponse = z
  .strictObject({
    mfaRequired: z.literal(true),
    mfaToken: z.string().meta({ description: 'For POST /login/mfa: valid for 5 minutes, once, with 5 tries' }),
    methods: z
      .array(secondFactorMethod)
      .min(1)
      .meta({ description: 'What POST /login/mfa accepts: `totp` (`code`), `recovery_code` (`recoveryCode`)' }),
    expiresAt: z.number().int().meta({ description: 'When the mfaToken expires, in epoch seconds' }),
  })
  .meta({
    id: 'MfaRequiredResponse',
    description: 'The password was right and the account has two-step verification: no session yet',
  });

export const mfaStatusResponse = z
  .strictObject({
    totp: z.strictObject({
      enabled: z.boolean(),
      recoveryCodesLeft: z.number().int().min(0).meta({ description: 'Unused recovery codes; 0 when TOTP is off' }),
    }),
  })
  .meta({ id: 'MfaStatusResponse' });

export const totpEnrolmentResponse = z
  .strictObject({
    secret: z.string().meta({ description: 'The shared secret in base32, to type into an app by hand' }),
    otpauthUri: z.string().meta({ description: 'The otpauth:// URI (SHA1, 6 digits, 30 s) the QR code holds' }),
    qrSvg: z.string().meta({ description: 'The URI as a QR code: an SVG document made by the server' }),
    expiresAt: z.number().int().meta({ description: 'Confirm with a code by then (epoch seconds; 10 minutes)' }),
  })
  .meta({ id: 'TotpEnrolmentResponse' });

export const recoveryCodesResponse = z
  .strictObject({
    message: z.string(),
    recoveryCodes: z
      .array(z.string())
      .length(RECOVERY_CODE_COUNT)
      .meta({
        description: `${RECOVERY_CODE_COUNT} recovery codes, shown this once (only their hashes are kept); each works once`,
      }),
  })
  .meta({ id: 'RecoveryCodesResponse' });

export const totpDisabledResponse = z
  .strictObject({ message: z.literal('Two-step verification is off') })
  .meta({ id: 'TotpDisabledResponse' });

export type MfaRequiredResponse = z.infer<typeof mfaRequiredResponse>;
export type MfaStatusResponse = z.infer<typeof mfaStatusResponse>;
export type TotpEnrolmentResponse = z.infer<typeof totpEnrolmentResponse>;
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponse>;
export type TotpDisabledResponse = z.infer<typeof totpDisabledResponse>;
