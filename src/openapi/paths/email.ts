import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { forgotPasswordBody, resetPasswordBody } from '../../contract/account';
import {
  changeEmailBody,
  emailUnchangedResponse,
  emailVerifiedResponse,
  forgotPasswordResponse,
  passwordResetResponse,
  verificationSentResponse,
  verifyEmailBody,
} from '../../contract/email';
import { json, jsonBody, noStore, registerRoute, SESSION_SECURITY } from '../responses';
import { signedInBodyRoutes } from '../signed-in-body-routes';

/** POST /email, /email/verify, /email/verify/resend, /password/forgot, /password/reset (src/routes/email.ts). */
export function registerEmailPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'POST /email/verify', {
    tags: ['Email'],
    summary: 'Verify the address a link was mailed to (the `token` of the link); the address is claimed for this account',
    request: { body: jsonBody(verifyEmailBody) },
    responses: { 200: json('Verified', emailVerifiedResponse) },
  });

  registerRoute(registry, 'POST /email/verify/resend', {
    tags: ['Email'],
    summary: 'Mail a new verification link to the unverified address; the older link stops working',
    security: SESSION_SECURITY,
    errorHeaders: noStore,
    responses: { 202: json('Sent', verificationSentResponse, noStore) },
  });

  signedInBodyRoutes(registry, ['Email'])('POST /email', {
    summary:
      'Change the address (password required): a link goes to the new one, a notice to the verified one, which stays in force until the new one is verified',
    body: changeEmailBody,
    responses: {
      200: json('The address given is the verified one already; nothing was sent', emailUnchangedResponse, noStore),
      202: json('A verification link was sent to the new address', verificationSentResponse, noStore),
    },
  });

  registerRoute(registry, 'POST /password/forgot', {
    tags: ['Email'],
    summary:
      'Ask for a password-reset link (by username or email): always 202 with the same body, whether or not a mail was sent',
    request: { body: jsonBody(forgotPasswordBody) },
    responses: { 202: json('Accepted; a link was mailed if the account has a verified address', forgotPasswordResponse) },
  });

  registerRoute(registry, 'POST /password/reset', {
    tags: ['Email'],
    summary: "Set a new password with a reset link's token: every session is signed out and the token is used up",
    request: { body: jsonBody(resetPasswordBody) },
    responses: { 200: json('Reset', passwordResetResponse) },
  });
}
