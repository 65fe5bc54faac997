import createFetchClient, { type Client } from 'openapi-fetch';
import { AuthError, errorFromBody, networkError, type Result } from './errors.js';
import type { paths } from './openapi.js';

export { AuthError, type ClientErrorCode, type ErrorCode, type Result, type ServiceErrorCode } from './errors.js';
export type { components, paths } from './openapi.js';

/** Types read off the routes of the generated document, so they follow the service whatever its schemas are named. */
type Json<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method];
type Success<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { responses: infer Responses }
    ? Json<Responses[Extract<keyof Responses, 200 | 201 | 202>]>
    : never;
type RequestBody<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { requestBody?: infer Body } ? Json<NonNullable<Body>> : never;

export type RegisterRequest = RequestBody<'/register', 'post'>;
export type LoginRequest = RequestBody<'/login', 'post'>;
export type ChangePasswordRequest = RequestBody<'/password', 'post'>;
export type DeleteAccountRequest = RequestBody<'/account', 'delete'>;
export type ChangeEmailRequest = RequestBody<'/email', 'post'>;
export type ForgotPasswordRequest = RequestBody<'/password/forgot', 'post'>;
export type ResetPasswordRequest = RequestBody<'/password/reset', 'post'>;
export type Profile = Success<'/register', 'post'>['response'];
/** A started session: what /login/mfa and /passkeys/login answer, and /login without two-step verification. */
export type LoginAnswer = Success<'/login/mfa', 'post'>['response'];
/** /login's answer when the password was right and a second factor is needed: pass `mfaToken` to loginMfa(). */
export type MfaRequired = Extract<Success<'/login', 'post'>, { mfaRequired: true }>;
export type MfaLoginRequest = RequestBody<'/login/mfa', 'post'>;
export type MfaStatus = Success<'/mfa', 'get'>['totp'];
export type StartTotpRequest = RequestBody<'/mfa/totp', 'post'>;
export type TotpEnrolment = Success<'/mfa/totp', 'post'>;
export type ConfirmTotpRequest = RequestBody<'/mfa/totp/confirm', 'post'>;
export type ReplaceRecoveryCodesRequest = RequestBody<'/mfa/recovery-codes', 'post'>;
export type DisableTotpRequest = RequestBody<'/mfa/totp', 'delete'>;

/** True when login() needs its second step (loginMfa) before there is a session. */
export const isMfaRequired = (answer: LoginAnswer | MfaRequired): answer is MfaRequired => 'mfaRequired' in answer;
export type RefreshAnswer = Success<'/refresh', 'post'>['response'];
export type Me = Success<'/me', 'get'>['response'];
export type Session = Success<'/sessions', 'get'>['sessions'][number];
export type Passkey = Success<'/passkeys', 'get'>['passkeys'][number];
export type AddPasskeyRequest = RequestBody<'/passkeys/register', 'post'>;
export type RemovePasskeyRequest = RequestBody<'/passkeys/{id}', 'delete'>;
export type PasskeyLoginRequest = RequestBody<'/passkeys/login', 'post'>;
export type PasskeyRegistrationOptions = Success<'/passkeys/register/options', 'post'>;
export type PasskeyLoginOptions = Success<'/passkeys/login/options', 'post'>;

/** The credentials a token-mode client holds (in memory; persist them yourself with `onTokens`). */
export interface Tokens {
  /** The access token (JWT), for `Authorization: Bearer`. */
  token: string;
  /** When it expires, in epoch seconds. */
  expiresAt: number;
  /** The single-use refresh credential (token mode only). */
  refreshToken?: string;
  refreshExpiresAt?: number;
}

export interface SessionTimes {
  /** When the access token expires, in epoch seconds. */
  expiresAt: number;
  /** When the session ends unless refreshed, in epoch seconds. */
  refreshExpiresAt: number;
}

export interface AuthClientOptions {
  /** The service's URL, e.g. `https://auth.example.com` (with an API Gateway stage, `https://…/prod`). */
  baseUrl: string;
  /**
   * `cookie` (browsers): the service's HttpOnly cookies carry the session; the refresh credential is never
   * visible to script. `token` (Node, CLIs, mobile): the client holds the tokens and sends them itself.
   * Default: `cookie` where there is a `document`, else `token`.
   */
  mode?: 'cookie' | 'token';
  /** Tokens from an earlier run (token mode), e.g. read back from a keychain. */
  tokens?: Tokens;
  /** Told whenever the tokens change (login, refresh, logout: `undefined`), to persist them (token mode). */
  onTokens?: (tokens: Tokens | undefined) => void;
  /**
   * Told when the session starts, is refreshed or ends (`undefined`), in either mode: when its access
   * token and the session expire. A page can keep this (it is no secret) to know on its next load
   * whether to refresh first or whether anyone is signed in at all, without a refused request.
   */
  onSession?: (session: SessionTimes | undefined) => void;
  fetch?: (request: Request) => Promise<Response>;
}

export interface AuthClient {
  register(body: RegisterRequest): Promise<Result<Profile>>;
  /** With two-step verification on, the answer is MfaRequired (no session yet): then call loginMfa(). */
  login(body: LoginRequest): Promise<Result<LoginAnswer | MfaRequired>>;
  /** The second step: the mfaToken from login() and a code (or a recovery code); signs in as login() does. */
  loginMfa(body: MfaLoginRequest): Promise<Result<LoginAnswer>>;
  /** Ends this session; the client forgets its tokens whatever the answer. */
  logout(): Promise<Result<Success<'/logout', 'post'>>>;
  /** Swaps the refresh credential for new tokens. Concurrent calls share one request (a credential works once). */
  refresh(): Promise<Result<RefreshAnswer>>;
  me(): Promise<Result<Me>>;
  sessions(): Promise<Result<Session[]>>;
  revokeSession(id: string): Promise<Result<Success<'/sessions/{id}', 'delete'>>>;
  logoutAll(): Promise<Result<Success<'/logout-all', 'post'>>>;
  changePassword(body: ChangePasswordRequest): Promise<Result<Success<'/password', 'post'>>>;
  deleteAccount(body: DeleteAccountRequest): Promise<Result<Success<'/account', 'delete'>>>;
  /** Whether TOTP is on, and the recovery codes left. */
  mfaStatus(): Promise<Result<MfaStatus>>;
  /** Starts enrolling an authenticator app (the password, and the current code when replacing one). */
  startTotp(body: StartTotpRequest): Promise<Result<TotpEnrolment>>;
  /** Turns TOTP on with a first code; the answer's 10 recovery codes are shown once. */
  confirmTotp(body: ConfirmTotpRequest): Promise<Result<string[]>>;
  replaceRecoveryCodes(body: ReplaceRecoveryCodesRequest): Promise<Result<string[]>>;
  disableTotp(body: DisableTotpRequest): Promise<Result<Success<'/mfa/totp', 'delete'>>>;
  /** Verifies an address with the `token` of its mailed link (no session needed). */
  verifyEmail(token: string): Promise<Result<Success<'/email/verify', 'post'>>>;
  /** Mails a new verification link to the unverified address; the older one stops working. */
  resendVerification(): Promise<Result<Success<'/email/verify/resend', 'post'>>>;
  /** A new address (with the password): a link goes to it; the verified one stays in force until then. */
  changeEmail(body: ChangeEmailRequest): Promise<Result<Success<'/email', 'post'>>>;
  /** Asks for a reset link; the answer is the same whether or not one was sent. */
  forgotPassword(body: ForgotPasswordRequest): Promise<Result<Success<'/password/forgot', 'post'>>>;
  /** Sets a new password with a reset link's token; every session ends. */
  resetPassword(body: ResetPasswordRequest): Promise<Result<Success<'/password/reset', 'post'>>>;
  /** Options for navigator.credentials.create() (e.g. @simplewebauthn/browser's startRegistration). */
  passkeyRegistrationOptions(): Promise<Result<PasskeyRegistrationOptions>>;
  addPasskey(body: AddPasskeyRequest): Promise<Result<Passkey>>;
  passkeys(): Promise<Result<Passkey[]>>;
  removePasskey(id: string, body: RemovePasskeyRequest): Promise<Result<Success<'/passkeys/{id}', 'delete'>>>;
  /** Options for navigator.credentials.get(), with no username: the passkey is discoverable. */
  passkeyLoginOptions(): Promise<Result<PasskeyLoginOptions>>;
  /** Signs in with the assertion made for passkeyLoginOptions(), as login() does with a password. */
  passkeyLogin(body: PasskeyLoginRequest): Promise<Result<LoginAnswer>>;
  /** A live access token for calling your own APIs (`Authorization: Bearer`), refreshed when it is about to expire. */
  accessToken(): Promise<Result<string>>;
  /** The typed fetch client underneath, for anything the methods above do not cover. */
  readonly api: Client<paths>;
}

/** An access token this close to its expiry is refreshed before use rather than sent and refused. */
const EXPIRY_MARGIN_SECONDS = 10;

interface Answer<Data> {
  data?: Data;
  error?: unknown;
  response: Response;
}

/** Runs one request and turns whatever happens into a Result. */
async function settle<Data>(send: () => Promise<Answer<Data>>): Promise<Result<NonNullable<Data>>> {
  let answer: Answer<Data>;
  try {
    answer = await send();
  } catch (cause) {
    if (cause instanceof SyntaxError)
      return { error: new AuthError(0, 'UNEXPECTED_RESPONSE', 'The service answered with something other than JSON') };
    return { error: networkError(cause) };
  }
  if (answer.response.ok && answer.data !== undefined && answer.data !== null) return { data: answer.data };
  return { error: errorFromBody(answer.response.status, answer.error) };
}

const notSignedIn = () => ({ error: new AuthError(401, 'UNAUTHENTICATED', 'Not signed in') });

export function createAuthClient(options: AuthClientOptions): AuthClient {
  const mode = options.mode ?? (typeof document === 'undefined' ? 'token' : 'cookie');
  const api = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    // Cookie mode sends the service's cookies, also from another origin of the same site (CORS with credentials).
    credentials: mode === 'cookie' ? 'include' : 'omit',
    // Always JSON, even without a body: the service refuses cookie-carrying requests of any other type (its CSRF rule).
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let tokens = options.tokens;

  function remember(next: (Tokens & SessionTimes) | undefined): void {
    options.onSession?.(next === undefined ? undefined : { expiresAt: next.expiresAt, refreshExpiresAt: next.refreshExpiresAt });
    if (next === undefined) tokens = undefined;
    // Cookie mode keeps the access token in memory for accessToken(), never the refresh credential.
    else if (mode === 'cookie') tokens = { token: next.token, expiresAt: next.expiresAt };
    else
      tokens = {
        token: next.token,
        expiresAt: next.expiresAt,
        refreshToken: next.refreshToken,
        refreshExpiresAt: next.refreshExpiresAt,
      };
    if (mode === 'token') options.onTokens?.(tokens);
  }

  const bearer = (): Record<string, string> =>
    mode === 'token' && tokens !== undefined ? { authorization: `Bearer ${tokens.token}` } : {};

  let refreshing: Promise<Result<RefreshAnswer>> | undefined;

  async function sendRefresh(): Promise<Result<RefreshAnswer>> {
    if (mode === 'token' && tokens?.refreshToken === undefined) return notSignedIn();
    const body = mode === 'token' ? { refreshToken: tokens?.refreshToken } : {};
    const result = await settle(() => api.POST('/refresh', { body }));
    if (result.error === undefined) remember(result.data.response);
    else if (result.error.status === 401) remember(undefined);
    return result.error === undefined ? { data: result.data.response } : result;
  }

  function refresh(): Promise<Result<RefreshAnswer>> {
    // Browsers: the Web Locks API also keeps other tabs of this origin from refreshing at the same time.
    const locks = mode === 'cookie' && typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (refreshing !== undefined) return refreshing;
    // (The lock's typings wrap the callback's promise in another; `then` unwraps it.)
    const sent = locks
      ? locks.request(`serverless-auth:refresh:${options.baseUrl}`, sendRefresh).then((result) => result)
      : sendRefresh();
    refreshing = sent.finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  }

  const fresh = () => tokens !== undefined && tokens.expiresAt - EXPIRY_MARGIN_SECONDS > Date.now() / 1000;

  /** A call that needs the session: refreshed first when the token has run out, and once more after a 401. */
  async function signedIn<Data>(
    send: (headers: Record<string, string>) => Promise<Answer<Data>>,
  ): Promise<Result<NonNullable<Data>>> {
    if (mode === 'token') {
      if (tokens === undefined) return notSignedIn();
      if (!fresh()) await refresh();
    }
    const result = await settle(() => send(bearer()));
    if (result.error?.status !== 401 || result.error.code !== 'UNAUTHENTICATED') return result;
    const refreshed = await refresh();
    return refreshed.error === undefined ? settle(() => send(bearer())) : result;
  }

  return {
    api,
    async register(body) {
      const result = await settle(() => api.POST('/register', { body }));
      return result.error === undefined ? { data: result.data.response } : result;
    },
    async login(body) {
      const result = await settle(() => api.POST('/login', { body }));
      if (result.error !== undefined) return result;
      if ('mfaRequired' in result.data) return { data: result.data };
      remember(result.data.response);
      return { data: result.data.response };
    },
    async loginMfa(body) {
      const result = await settle(() => api.POST('/login/mfa', { body }));
      if (result.error !== undefined) return result;
      remember(result.data.response);
      return { data: result.data.response };
    },
    async mfaStatus() {
      const result = await signedIn((headers) => api.GET('/mfa', { headers }));
      return result.error === undefined ? { data: result.data.totp } : result;
    },
    startTotp(body) {
      return signedIn((headers) => api.POST('/mfa/totp', { headers, body }));
    },
    async confirmTotp(body) {
      const result = await signedIn((headers) => api.POST('/mfa/totp/confirm', { headers, body }));
      return result.error === undefined ? { data: result.data.recoveryCodes } : result;
    },
    async replaceRecoveryCodes(body) {
      const result = await signedIn((headers) => api.POST('/mfa/recovery-codes', { headers, body }));
      return result.error === undefined ? { data: result.data.recoveryCodes } : result;
    },
    disableTotp(body) {
      return signedIn((headers) => api.DELETE('/mfa/totp', { headers, body }));
    },
    async logout() {
      const result = await settle(() => api.POST('/logout', { headers: bearer(), body: {} }));
      remember(undefined);
      return result;
    },
    refresh,
    async me() {
      const result = await signedIn((headers) => api.GET('/me', { headers }));
      return result.error === undefined ? { data: result.data.response } : result;
    },
    async sessions() {
      const result = await signedIn((headers) => api.GET('/sessions', { headers }));
      return result.error === undefined ? { data: result.data.sessions } : result;
    },
    revokeSession(id) {
      return signedIn((headers) => api.DELETE('/sessions/{id}', { headers, params: { path: { id } } }));
    },
    async logoutAll() {
      const result = await signedIn((headers) => api.POST('/logout-all', { headers }));
      if (result.error === undefined) remember(undefined);
      return result;
    },
    changePassword(body) {
      return signedIn((headers) => api.POST('/password', { headers, body }));
    },
    async deleteAccount(body) {
      const result = await signedIn((headers) => api.DELETE('/account', { headers, body }));
      if (result.error === undefined) remember(undefined);
      return result;
    },
    verifyEmail(token) {
      return settle(() => api.POST('/email/verify', { body: { token } }));
    },
    resendVerification() {
      return signedIn((headers) => api.POST('/email/verify/resend', { headers }));
    },
    changeEmail(body) {
      return signedIn((headers) => api.POST('/email', { headers, body }));
    },
    forgotPassword(body) {
      return settle(() => api.POST('/password/forgot', { body }));
    },
    resetPassword(body) {
      return settle(() => api.POST('/password/reset', { body }));
    },
    passkeyRegistrationOptions() {
      return signedIn((headers) => api.POST('/passkeys/register/options', { headers }));
    },
    async addPasskey(body) {
      const result = await signedIn((headers) => api.POST('/passkeys/register', { headers, body }));
      return result.error === undefined ? { data: result.data.passkey } : result;
    },
    async passkeys() {
      const result = await signedIn((headers) => api.GET('/passkeys', { headers }));
      return result.error === undefined ? { data: result.data.passkeys } : result;
    },
    removePasskey(id, body) {
      return signedIn((headers) => api.DELETE('/passkeys/{id}', { headers, params: { path: { id } }, body }));
    },
    passkeyLoginOptions() {
      return settle(() => api.POST('/passkeys/login/options'));
    },
    async passkeyLogin(body) {
      const result = await settle(() => api.POST('/passkeys/login', { body }));
      if (result.error !== undefined) return result;
      remember(result.data.response);
      return { data: result.data.response };
    },
    async accessToken() {
      if (tokens !== undefined && fresh()) return { data: tokens.token };
      const refreshed = await refresh();
      return refreshed.error === undefined ? { data: refreshed.data.token } : refreshed;
    },
  };
}
