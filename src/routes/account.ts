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
import type { AttemptLimiter } from '../services/attempt-limits';
import { loadPasswordPolicy, passwordPolicyProblem } from '../services/password-policy';
import type { SecurityNotices } from '../services/security-notices';
import type { SessionService } from '../services/sessions';

/** GET /me, POST /password, DELETE /account: the signed-in user's own account. */
export function accountRoutes(
  sessions: SessionService,
  accounts: AccountService,
  cookies: SessionCookies,
  limiter: AttemptLimiter,
  notices: SecurityNotices,
): Router {
  const router = Router();
  const signedIn = requireSession(sessions, cookies);

  router.get('/me', signedIn, async (_req, res) => {
    res.json({ response: await accounts.profile(currentSession(res)) } satisfies MeResponse);
  });

  router.post('/password', signedIn, async (req, res) => {
    await loadPasswordPolicy();
    const { currentPassword, newPassword } = parseBody(changePasswordBody, req.body);
    const policyProblem = passwordPolicyProblem(newPassword, currentSession(res).username);
    if (policyProblem !== null) throw new ValidationError('newPassword', policyProblem);
    const session = currentSession(res);
    const account = await limiter.confirmPassword(session.username, { ip: req.ip, log: req.log }, () =>
      accounts.changePassword(session, currentPassword, newPassword),
    );
    await notices.passwordChanged(account, 'changed', { ip: req.ip, userAgent: req.get('user-agent') });
    res.json({ message: 'Password changed; every other session was signed out' } satisfies PasswordChangedResponse);
  });

  router.delete('/account', signedIn, async (req, res) => {
    const { password } = parseBody(deleteAccountBody, req.body);
    const session = currentSession(res);
    await limiter.confirmPassword(session.username, { ip: req.ip, log: req.log }, () =>
      accounts.deleteAccount(session, password),
    );
    cookies.clearSession(res);
    res.json({ message: 'Account deleted' } satisfies AccountDeletedResponse);
  });

  return router;
}
