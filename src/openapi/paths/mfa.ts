import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  confirmTotpBody,
  disableTotpBody,
  mfaStatusResponse,
  recoveryCodesResponse,
  replaceRecoveryCodesBody,
  startTotpBody,
  totpDisabledResponse,
  totpEnrolmentResponse,
} from '../../contract/mfa';
import { json, noStore, registerRoute, SESSION_SECURITY } from '../responses';
import { signedInBodyRoutes } from '../signed-in-body-routes';

const STEP_UP =
  'A fresh proof: `password`, and, when two-step verification is on, `code` (from the app) or `recoveryCode`. ' +
  'Wrong ones count against the sign-in limits (429 with Retry-After past them).';

/** GET /mfa, POST /mfa/totp, /mfa/totp/confirm, /mfa/recovery-codes, DELETE /mfa/totp (src/routes/mfa.ts). */
export function registerMfaPaths(registry: OpenAPIRegistry): void {
  registerRoute(registry, 'GET /mfa', {
    tags: ['Two-step verification'],
    summary: 'Whether TOTP is on, and how many recovery codes are left',
    security: SESSION_SECURITY,
    responses: { 200: json('The second factors', mfaStatusResponse, noStore) },
  });

  const withBody = signedInBodyRoutes(registry, ['Two-step verification']);
  withBody('POST /mfa/totp', {
    summary: 'Start enrolling an authenticator app: the secret, its otpauth:// URI and a QR code (SVG)',
    description: `${STEP_UP} With TOTP already on, the current factor stays in force until the new one is confirmed.`,
    body: startTotpBody,
    responses: { 200: json('The enrolment: confirm it with a code within 10 minutes', totpEnrolmentResponse, noStore) },
  });

  withBody('POST /mfa/totp/confirm', {
    summary: 'Confirm the enrolment with a first code: TOTP is on, and 10 recovery codes are shown once',
    body: confirmTotpBody,
    responses: { 200: json('On; the recovery codes (only their hashes are kept)', recoveryCodesResponse, noStore) },
  });

  withBody('POST /mfa/recovery-codes', {
    summary: 'Replace the recovery codes: 10 new ones, and the old ones stop working',
    description: STEP_UP,
    body: replaceRecoveryCodesBody,
    responses: { 200: json('The new recovery codes', recoveryCodesResponse, noStore) },
  });

  withBody('DELETE /mfa/totp', {
    summary: 'Turn TOTP off, recovery codes included',
    description: STEP_UP,
    body: disableTotpBody,
    responses: { 200: json('Off', totpDisabledResponse, noStore) },
  });
}
