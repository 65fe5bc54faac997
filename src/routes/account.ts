import { Router } from 'express';
import {
  type AccountDeletedResponse,
  changePasswordBody,
  deleteAccountBody,
  type MeResponse,
  type PasswordChangedResponse,
} from '../contract/account';
import { ValidationError } from '../errors';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { AccountService } from '../services/accounts';
import { loadPasswordPolicy, passwordPolicyProblem } from '../services/password-policy';
import type { SessionService } from '../services/sessions';
import type { StepUpService } from '../services/step-up';

/** GET /me, POST /password, DELETE /account: the signed-in user's own account; changes need a fresh proof (step-up). */
export function accountRoutes(
  sessions: SessionService,
  accounts: AccountService,
  cookies: SessionCookies,
  stepUp: StepUpService,
): Router {
  const router = Router();
  const signedIn = requireSession(sessions, cookies);

  router.get('/me', signedIn, async (_req, res) => {
    res.json({ response: await accounts.profile(currentSession(res)) } satisfies MeResponse);
  });

  router.post('/password', signedIn, async (req, res) => {
    await loadPasswordPolicy();
    const { currentPassword, newPassword, code, recoveryCode } = parseBody(changePasswordBody, req.body);
    const policyProblem = passwordPolicyProblem(newPassword, currentSession(res).username);
    if (policyProblem !== null) throw new ValidationError('newPassword', policyProblem);
    const session = currentSession(res);
    const attempt = { ip: req.ip, log: req.log, userAgent: req.get('user-agent') };
    const account = await stepUp.prove(session, { password: currentPassword, code, recoveryCode }, attempt);
    await accounts.changePassword(session, account, newPassword);
    res.json({ message: 'Password changed; every other session was signed out' } satisfies PasswordChangedResponse);
  });

  router.delete('/account', signedIn, async (req, res) => {
    const proof = parseBody(deleteAccountBody, req.body);
    const account = await stepUp.prove(currentSession(res), proof, {
      ip: req.ip,
      log: req.log,
      userAgent: req.get('user-agent'),
    });
    await accounts.deleteAccount(account);
    cookies.clearSession(res);
    res.json({ message: 'Account deleted' } satisfies AccountDeletedResponse);
  });

  return router;
}
