import * as z from 'zod';
import { addressProblem, MAX_ADDRESS_LENGTH } from '../services/email-addresses';
import { oneFactorAtMost, stepUpFields } from './step-up';

/** POST /email, /email/verify, /email/verify/resend, /password/forgot, /password/reset: request and response bodies. */

/** An email address: trimmed and its domain lower-cased by the service (src/services/email-addresses.ts). */
export const emailAddress = z
  .string({ error: 'must be a string' })
  .max(MAX_ADDRESS_LENGTH + 64, 'is too long')
  .superRefine((value, context) => {
    const problem = addressProblem(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem });
  })
  .meta({ format: 'email', maxLength: MAX_ADDRESS_LENGTH });

/** The token of a mailed link (the `token` query parameter of the link). */
export const mailedToken = z
  .string({ error: 'must be a string' })
  .min(1, 'must not be empty')
  .max(128, 'is too long')
  .meta({ description: 'The `token` query parameter of the mailed link' });

export const verifyEmailBody = z.object({ token: mailedToken }).meta({ id: 'VerifyEmailRequest' });

/** A fresh proof (src/services/step-up.ts): the password, and a code when two-step verification is on. */
export const changeEmailBody = oneFactorAtMost(z.object({ email: emailAddress, ...stepUpFields })).meta({
  id: 'ChangeEmailRequest',
});

export const emailVerifiedResponse = z
  .strictObject({ message: z.literal('Email address verified'), email: z.string().meta({ description: 'The verified address' }) })
  .meta({ id: 'EmailVerifiedResponse' });

export const verificationSentResponse = z
  .strictObject({
    message: z.literal('Verification link sent'),
    pendingEmail: z.string().meta({
      description: 'The address the link was sent to; until it is verified, the verified address (if any) stays in force',
    }),
  })
  .meta({ id: 'VerificationSentResponse' });

export const emailUnchangedResponse = z
  .strictObject({ message: z.literal('This is already the verified address'), email: z.string() })
  .meta({ id: 'EmailUnchangedResponse' });

export const FORGOT_PASSWORD_MESSAGE = 'If the account has a verified email address, a reset link has been sent to it';

export const forgotPasswordResponse = z
  .strictObject({ message: z.literal(FORGOT_PASSWORD_MESSAGE) })
  .meta({ id: 'ForgotPasswordResponse' });

export const passwordResetResponse = z
  .strictObject({ message: z.literal('Password reset; every session was signed out') })
  .meta({ id: 'PasswordResetResponse' });

export type EmailVerifiedResponse = z.infer<typeof emailVerifiedResponse>;
export type VerificationSentResponse = z.infer<typeof verificationSentResponse>;
export type EmailUnchangedResponse = z.infer<typeof emailUnchangedResponse>;
export type ForgotPasswordResponse = z.infer<typeof forgotPasswordResponse>;
export type PasswordResetResponse = z.infer<typeof passwordResetResponse>;
