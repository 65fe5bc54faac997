import { type RequestHandler, Router } from 'express';
import {
  type PasskeyAddedResponse,
  type PasskeyRemovedResponse,
  type PasskeysResponse,
  passkeyLoginBody,
  registerPasskeyBody,
  removePasskeyBody,
} from '../contract/passkeys';
import { AppError, NotFoundError } from '../errors';
import { currentSession, requireSession } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { parseBody } from '../http/validate';
import type { AccountService } from '../services/accounts';
import type { AttemptLimiter } from '../services/attempt-limits';
import type { AuthService } from '../services/auth';
import type { PasskeyService } from '../services/passkeys';
import type { SessionService } from '../services/sessions';
import type { StepUpService } from '../services/step-up';
import { loginAnswer } from './auth';

export interface PasskeyRouteServices {
  passkeys: PasskeyService | null;
  auth: AuthService;
  accounts: AccountService;
  sessions: SessionService;
  limiter: AttemptLimiter;
  stepUp: StepUpService;
}

/** POST /passkeys/register/options, /passkeys/register, GET /passkeys, DELETE /passkeys/{id}, POST /passkeys/login/options, /passkeys/login. */
export function passkeyRoutes(
  { passkeys, auth, accounts, sessions, limiter, stepUp }: PasskeyRouteServices,
  cookies: SessionCookies,
): Router {
  const router = Router();
  if (passkeys === null) {
    const unavailable: RequestHandler = () => {
      throw new AppError('PASSKEYS_UNAVAILABLE');
    };
    router.post(['/passkeys/register/options', '/passkeys/register', '/passkeys/login/options', '/passkeys/login'], unavailable);
    router.get('/passkeys', unavailable);
    router.delete('/passkeys/:id', unavailable);
    return router;
  }
  const signedIn = requireSession(sessions, cookies);

  router.post('/passkeys/register/options', signedIn, async (_req, res) => {
    const session = currentSession(res);
    const { name } = await accounts.profile(session);
    res.json(await passkeys.registrationOptions({ userKey: session.userKey, username: session.username, name }));
  });

  router.post('/passkeys/register', signedIn, async (req, res) => {
    const { credential, name } = parseBody(registerPasskeyBody, req.body);
    const session = currentSession(res);
    const added = await passkeys.register(session.userKey, credential, name);
    if (!added.ok) {
      req.log.info({ event: 'passkey.register_refused', reason: added.reason, username: session.username }, 'passkey not added');
      throw new AppError('PASSKEY_NOT_REGISTERED');
    }
    req.log.info({ event: 'passkey.added', username: session.username, passkeyId: added.value.id }, 'passkey added');
    res.status(201).json({ message: 'Passkey added', passkey: added.value } satisfies PasskeyAddedResponse);
  });

  router.get('/passkeys', signedIn, async (_req, res) => {
    res.json({ passkeys: await passkeys.list(currentSession(res).userKey) } satisfies PasskeysResponse);
  });

  router.delete('/passkeys/:id', signedIn, async (req, res) => {
    const proof = parseBody(removePasskeyBody, req.body);
    const session = currentSession(res);
    await stepUp.prove(session, proof, { ip: req.ip, log: req.log });
    if (!(await passkeys.remove(session.userKey, String(req.params.id)))) throw new NotFoundError('No such passkey');
    req.log.info({ event: 'passkey.removed', username: session.username, passkeyId: String(req.params.id) }, 'passkey removed');
    res.json({ message: 'Passkey removed' } satisfies PasskeyRemovedResponse);
  });

  // Anyone may ask, and each answer is a challenge item written: counted per client IP.
  router.post('/passkeys/login/options', async (req, res) => {
    const options = await limiter.passkeyChallenge({ ip: req.ip, log: req.log }, () => passkeys.authenticationOptions());
    res.set('Cache-Control', 'no-store').json(options);
  });

  router.post('/passkeys/login', async (req, res) => {
    const { credential } = parseBody(passkeyLoginBody, req.body);
    const verified = await passkeys.authenticate(credential, req.log);
    if (!verified.ok) {
      req.log.info({ event: 'passkey.login_refused', reason: verified.reason, ip: req.ip }, 'passkey sign-in refused');
      throw new AppError('PASSKEY_REFUSED');
    }
    const login = await auth.loginWithPasskey(verified.value, { userAgent: req.get('user-agent'), ip: req.ip });
    req.log.info({ event: 'passkey.login', username: login.profile.username, ip: req.ip }, 'signed in with a passkey');
    cookies.setSession(res, login);
    res.set('Cache-Control', 'no-store').json(loginAnswer(login));
  });

  return router;
}
