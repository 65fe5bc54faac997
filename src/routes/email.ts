import { performance } from 'node:perf_hooks';
import type { Request } from 'express';
import { Router } from 'express';
import { forgotPasswordBody, resetPasswordBody } from '../contract/account';
import {
  changeEmailBody,
  type EmailUnchangedResponse,
  type EmailVerifiedResponse,
  FORGOT_PASSWORD_MESSAGE,
  type ForgotPasswordResponse,
  type PasswordResetResponse,
  type VerificationSentResponse,
  verifyEmailBody,
} from '../contract/email';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { AttemptLimiter } from '../services/attempt-limits';
import type { EmailService, Requester } from '../services/email';
import { loadPasswordPolicy } from '../services/password-policy';
import type { SessionService } from '../services/sessions';
import type { StepUpService } from '../services/step-up';

/** POST /email, /email/verify, /email/verify/resend, /password/forgot, /password/reset. */
export function emailRoutes(
  {
    emails,
    sessions,
    limiter,
    stepUp,
  }: { emails: EmailService; sessions: SessionService; limiter: AttemptLimiter; stepUp: StepUpService },
  cookies: SessionCookies,
): Router {
  const router = Router();
  const signedIn = requireSession(sessions, cookies);

  router.post('/email/verify', async (req, res) => {
    const { token } = parseBody(verifyEmailBody, req.body);
    const email = await emails.verify(token, requester(req));
    res.json({ message: 'Email address verified', email } satisfies EmailVerifiedResponse);
  });

  router.post('/email/verify/resend', signedIn, async (req, res) => {
    const session = currentSession(res);
    const pendingEmail = await limiter.mail(`user:${session.userKey}`, attempt(req), () => emails.resend(session));
    res.status(202).json({ message: 'Verification link sent', pendingEmail } satisfies VerificationSentResponse);
  });

  router.post('/email', signedIn, async (req, res) => {
    const { email, ...proof } = parseBody(changeEmailBody, req.body);
    const session = currentSession(res);
    // The mail limits (a mailbox cannot be flooded) around the step-up (with its guessing limits).
    const change = await limiter.mail(`user:${session.userKey}`, attempt(req), async () =>
      emails.changeAddress(await stepUp.prove(session, proof, attempt(req)), email, requester(req)),
    );
    if ('unchanged' in change) {
      res.json({ message: 'This is already the verified address', email: change.unchanged } satisfies EmailUnchangedResponse);
      return;
    }
    res
      .status(202)
      .json({ message: 'Verification link sent', pendingEmail: change.pendingEmail } satisfies VerificationSentResponse);
  });

  router.post('/password/forgot', async (req, res) => {
    const startedAt = performance.now();
    const identifier = parseBody(forgotPasswordBody, req.body);
    const target = await emails.forgotKey(identifier);
    await limiter.mail(target.limitKey, attempt(req), () => emails.forgot(target, requester(req), startedAt));
    res.status(202).json({ message: FORGOT_PASSWORD_MESSAGE } satisfies ForgotPasswordResponse);
  });

  router.post('/password/reset', async (req, res) => {
    await loadPasswordPolicy();
    const { token, newPassword } = parseBody(resetPasswordBody, req.body);
    await emails.reset(token, newPassword, requester(req));
    res.json({ message: 'Password reset; every session was signed out' } satisfies PasswordResetResponse);
  });

  return router;
}

function requester(req: Request): Requester {
  return { log: req.log, ip: req.ip, userAgent: req.get('user-agent') };
}

function attempt(req: Request) {
  return { ip: req.ip, log: req.log, userAgent: req.get('user-agent') };
}
