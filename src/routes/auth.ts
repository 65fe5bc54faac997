import { type Response, Router } from 'express';
import {
  type LoginResponse,
  type LogoutResponse,
  loginBody,
  logoutBody,
  type RegisterResponse,
  registerBody,
  type VerifiedResponse,
  verifyBody,
} from '../contract/auth';
import { type MfaRequiredResponse, mfaLoginBody } from '../contract/mfa';
import { UnauthenticatedError } from '../errors';
import { presentedToken } from '../http/authenticate';
import type { SessionCookies } from '../http/cookies';
import { logTokenRefused, subjectOfVerifiedToken } from '../http/security-log';
import { parseBody } from '../http/validate';
import type { AttemptLimiter } from '../services/attempt-limits';
import { type AuthService, needsSecondStep } from '../services/auth';
import { DEVICE_COOKIE_MAX_AGE_SECONDS, type DeviceCookies } from '../services/device-cookies';
import { type EmailService, newMailing } from '../services/email';
import { normaliseAddress } from '../services/email-addresses';
import type { MfaLoginService } from '../services/mfa-login';
import { loadPasswordPolicy } from '../services/password-policy';
import type { LoginResult, SessionService } from '../services/sessions';
import { usernameKey } from '../services/usernames';

/** POST /register, /login, /login/mfa, /verify, /logout: parse, call the services, shape the response. */
export function authRoutes(
  auth: AuthService,
  sessions: SessionService,
  cookies: SessionCookies,
  limiter: AttemptLimiter,
  devices: DeviceCookies,
  emails: EmailService,
  mfaLogins: MfaLoginService,
): Router {
  const router = Router();

  /**
   * A session has started (by password, or by password and second factor): its cookies, and for a browser
   * new to the account the device cookie (the new-device notice goes out from the sign-in's event); then the body.
   */
  const signedIn = (res: Response, login: LoginResult, deviceCookie: string | undefined) => {
    cookies.setSession(res, login);
    // Remember this browser for the account: its sign-ins get a failure budget of their own from now on.
    const userKey = usernameKey(login.profile.username);
    if (devices.deviceOf(deviceCookie, userKey) === null)
      cookies.device.set(res, devices.issue(userKey), DEVICE_COOKIE_MAX_AGE_SECONDS);
    res.json(loginAnswer(login));
  };

  router.post('/register', async (req, res) => {
    await loadPasswordPolicy();
    const { email, ...registration } = parseBody(registerBody, req.body);
    const attempt = { ip: req.ip, log: req.log };
    // No uniqueness check on the address here: the answer is the same whether another account uses it.
    const mailing = email === undefined ? undefined : newMailing();
    const address = email === undefined ? undefined : normaliseAddress(email);
    const withEmail = mailing === undefined || address === undefined ? {} : { email: { address, tokenHash: mailing.tokenHash } };
    const profile = await limiter.register(registration.username, attempt, () =>
      auth.register({ ...registration, ...withEmail }),
    );
    if (mailing !== undefined && address !== undefined) {
      await emails.afterRegistration({ userKey: usernameKey(profile.username), name: profile.name, address }, mailing, {
        log: req.log,
        ip: req.ip,
        userAgent: req.get('user-agent'),
      });
    }
    res.status(201).json({ message: 'User registered successfully', response: profile } satisfies RegisterResponse);
  });

  router.post('/login', async (req, res) => {
    const body = parseBody(loginBody, req.body);
    // By address: the account that claimed it (one read whether or not there is one).
    const credentials =
      body.email === undefined
        ? { username: body.username ?? '', password: body.password }
        : { ...(await emails.loginName(body.email)), password: body.password };
    const deviceCookie = cookies.device.read(req);
    const client = { userAgent: req.get('user-agent'), ip: req.ip };
    const attempt = { ...client, log: req.log, deviceCookie };
    const login = await limiter.login(credentials.username, attempt, () => auth.login(credentials, client));
    // The password was right and the account has a second factor: no session, no cookie yet.
    if (needsSecondStep(login)) res.set('Cache-Control', 'no-store').json(login satisfies MfaRequiredResponse);
    else signedIn(res, login, deviceCookie);
  });

  router.post('/login/mfa', async (req, res) => {
    const proof = parseBody(mfaLoginBody, req.body);
    const deviceCookie = cookies.device.read(req);
    const client = { userAgent: req.get('user-agent'), ip: req.ip };
    const login = await mfaLogins.complete(proof, client, { ...client, log: req.log, deviceCookie });
    signedIn(res, login, deviceCookie);
  });

  router.post('/verify', async (req, res) => {
    const body = parseBody(verifyBody, req.body);
    try {
      const session = await sessions.verifyAccess(requireToken(presentedToken(req, cookies, body.token)), body.username);
      res.json({ verified: true, message: 'success', username: session.username, amr: session.amr } satisfies VerifiedResponse);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      logTokenRefused(req, error, body.username);
      res.status(401).json({ verified: false, message: error.message, code: error.code });
    }
  });

  router.post('/logout', async (req, res) => {
    const body = parseBody(logoutBody, req.body);
    const token = requireToken(presentedToken(req, cookies, body.token));
    await sessions.logout(token);
    req.log.info({ event: 'logout', username: subjectOfVerifiedToken(token), ip: req.ip }, 'logged out');
    cookies.clearSession(res);
    res.json({ message: 'Logged out successfully' } satisfies LogoutResponse);
  });

  return router;
}

/** The body of a successful sign-in, by password or by passkey. */
export function loginAnswer(login: LoginResult): LoginResponse {
  return {
    message: 'User logged in successfully',
    response: {
      ...login.profile,
      token: login.token,
      expiresAt: login.expiresAt,
      refreshToken: login.refreshToken,
      refreshExpiresAt: login.refreshExpiresAt,
    },
  };
}

function requireToken(token: string | undefined): string {
  if (token === undefined) throw new UnauthenticatedError('No token provided');
  return token;
}
