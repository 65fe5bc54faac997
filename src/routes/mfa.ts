import { Router } from 'express';
import {
  confirmTotpBody,
  disableTotpBody,
  type MfaStatusResponse,
  type RecoveryCodesResponse,
  replaceRecoveryCodesBody,
  startTotpBody,
  type TotpDisabledResponse,
  type TotpEnrolmentResponse,
} from '../contract/mfa';
import { AppError } from '../errors';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { AccountService } from '../services/accounts';
import type { SessionService } from '../services/sessions';
import type { StepUpService } from '../services/step-up';
import type { TotpService } from '../services/totp';

export interface MfaRouteServices {
  sessions: SessionService;
  accounts: AccountService;
  totp: TotpService;
  stepUp: StepUpService;
}

/**
 * GET /mfa, POST /mfa/totp, POST /mfa/totp/confirm, POST /mfa/recovery-codes, DELETE /mfa/totp: the
 * signed-in user's TOTP factor. Starting an enrolment (which replaces an active factor once confirmed),
 * new recovery codes and turning it off all need a fresh proof (the step-up).
 */
export function mfaRoutes({ sessions, accounts, totp, stepUp }: MfaRouteServices, cookies: SessionCookies): Router {
  const router = Router();
  const signedIn = requireSession(sessions, cookies);

  router.get('/mfa', signedIn, async (_req, res) => {
    const session = currentSession(res);
    const { createdAt } = await accounts.profile(session);
    res.json({ totp: await totp.status(session.userKey, Date.parse(createdAt)) } satisfies MfaStatusResponse);
  });

  router.post('/mfa/totp', signedIn, async (req, res) => {
    const proof = parseBody(startTotpBody, req.body);
    const session = currentSession(res);
    const account = await stepUp.prove(session, proof, { ip: req.ip, log: req.log });
    const { secret, otpauthUri, qrSvg, expiresAt } = await totp.begin(account.userKey, account.username);
    req.log.info({ event: 'mfa.totp_enrolment_started', username: session.userKey }, 'TOTP enrolment started');
    res.json({ secret, otpauthUri, qrSvg, expiresAt } satisfies TotpEnrolmentResponse);
  });

  router.post('/mfa/totp/confirm', signedIn, async (req, res) => {
    const { code } = parseBody(confirmTotpBody, req.body);
    const session = currentSession(res);
    const recoveryCodes = await totp.confirm(session.userKey, code);
    if (recoveryCodes === null) throw new AppError('TOTP_NOT_CONFIRMED');
    req.log.info({ event: 'mfa.totp_enabled', username: session.userKey }, 'TOTP turned on');
    res.json({
      message: 'Two-step verification is on. Keep these recovery codes somewhere safe',
      recoveryCodes,
    } satisfies RecoveryCodesResponse);
  });

  router.post('/mfa/recovery-codes', signedIn, async (req, res) => {
    const proof = parseBody(replaceRecoveryCodesBody, req.body);
    const session = currentSession(res);
    await stepUp.prove(session, proof, { ip: req.ip, log: req.log });
    const recoveryCodes = await totp.replaceRecoveryCodes(session.userKey);
    if (recoveryCodes === null) throw new AppError('TOTP_NOT_ENABLED');
    req.log.info({ event: 'mfa.recovery_codes_replaced', username: session.userKey }, 'recovery codes replaced');
    res.json({ message: 'New recovery codes; the old ones no longer work', recoveryCodes } satisfies RecoveryCodesResponse);
  });

  router.delete('/mfa/totp', signedIn, async (req, res) => {
    const proof = parseBody(disableTotpBody, req.body);
    const session = currentSession(res);
    await stepUp.prove(session, proof, { ip: req.ip, log: req.log });
    if (!(await totp.disable(session.userKey))) throw new AppError('TOTP_NOT_ENABLED');
    req.log.info({ event: 'mfa.totp_disabled', username: session.userKey }, 'TOTP turned off');
    res.json({ message: 'Two-step verification is off' } satisfies TotpDisabledResponse);
  });

  return router;
}
