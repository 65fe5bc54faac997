// The hosted sign-in page's script (bundled into public/assets/app.js by `npm run build:pages`).
// The session lives in the service's HttpOnly cookies: the page never reads or stores a token. Every
// request goes to a URL relative to the page, so it also works under an API Gateway stage prefix.
import { type AuthClient, type AuthError, createAuthClient, type Me } from '@serverless-auth/client';
import { takeLinkToken } from './link-token';
import { messageFor } from './messages';
import type { Page, PageConfig, View } from './page';
import { type RedirectTarget, redirectTarget } from './redirect';
import { rememberSession, sessionState } from './session-hint';
import { views } from './views';

const DEFAULT_CONFIG: PageConfig = { name: 'serverless-auth', logoUrl: null, redirectOrigins: [] };

const viewRoot = document.getElementById('view') as HTMLElement;
const notice = document.getElementById('notice') as HTMLElement;

/** The service's URL: the page's own directory (`https://host/prod/` under a stage prefix). */
const serviceUrl = new URL('.', location.href).href;

async function loadConfig(auth: AuthClient): Promise<PageConfig> {
  try {
    const { data } = await auth.api.GET('/page-config.json');
    if (data !== undefined) return data;
  } catch {
    // Unreachable: the page still works, unbranded, and its calls will say what is wrong.
  }
  return DEFAULT_CONFIG;
}

function applyBranding(config: PageConfig): void {
  for (const element of document.querySelectorAll('[data-brand-name]')) element.textContent = config.name;
  const logo = document.getElementById('brand-logo');
  if (config.logoUrl !== null && logo instanceof HTMLImageElement) {
    logo.src = config.logoUrl;
  }
}

function createPage(
  auth: AuthClient,
  config: PageConfig,
  redirect: RedirectTarget | undefined,
): Page & { start(user: Me | undefined): void } {
  let user: Me | undefined;
  let noticeKept = false;

  function viewFor(id: string): View {
    const audience = user === undefined ? 'signed-out' : 'signed-in';
    return (
      views.find((view) => view.id === id && view.audience === audience) ??
      (views.find((view) => view.audience === audience) as View)
    );
  }

  function render(focus: boolean): void {
    const view = viewFor(location.hash.slice(1));
    if (location.hash.slice(1) !== view.id) history.replaceState(null, '', `#${view.id}`);
    document.title = `${view.title} · ${config.name}`;
    viewRoot.replaceChildren(view.render(page));
    if (!noticeKept) notify('');
    noticeKept = false;
    if (focus) viewRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  function notify(text: string, tone: 'success' | 'warning' = 'success'): void {
    notice.textContent = text;
    notice.className = `notice ${tone}`;
    notice.hidden = text === '';
    noticeKept = text !== '';
  }

  function signedOut(text: string): void {
    rememberSession(undefined);
    user = undefined;
    notify(text, 'success');
    show('sign-in');
  }

  function show(viewId: string): void {
    if (location.hash === `#${viewId}`) render(true);
    else location.hash = viewId; // the hashchange listener renders
  }

  const page: Page & { start(user: Me | undefined): void } = {
    auth,
    config,
    get user() {
      return user;
    },
    redirect,
    show,
    notify,
    signedOut,
    reload: () => {
      void auth.me().then((result) => {
        if (result.data) user = result.data;
        render(false);
      });
    },
    failed(error: AuthError) {
      if (user !== undefined && (error.code === 'UNAUTHENTICATED' || error.code === 'REFRESH_TOKEN_REUSED')) {
        signedOut(messageFor(error));
      }
      return messageFor(error);
    },
    async signedIn() {
      const me = await auth.me();
      if (me.error) {
        notify(messageFor(me.error), 'warning');
        return;
      }
      user = me.data;
      if (redirect !== undefined && 'url' in redirect) {
        location.assign(redirect.url.href);
        return;
      }
      refusedRedirectNotice();
      show('account');
    },
    start(signedInUser) {
      user = signedInUser;
      refusedRedirectNotice();
      window.addEventListener('hashchange', () => render(true));
      render(false);
    },
  };

  function refusedRedirectNotice(): void {
    if (redirect !== undefined && 'refused' in redirect && user !== undefined) {
      notify(`You were not sent on to “${redirect.refused}”: it is not an address this service may send you to.`, 'warning');
    }
  }

  return page;
}

async function start(): Promise<void> {
  const auth = createAuthClient({ baseUrl: serviceUrl, mode: 'cookie', onSession: rememberSession });
  const config = await loadConfig(auth);
  applyBranding(config);
  const redirect = redirectTarget(
    new URLSearchParams(location.search).get('redirect_to'),
    new URL(location.href),
    config.redirectOrigins,
  );
  const page = createPage(auth, config, redirect);
  // A mailed link: its token is read and taken out of the address bar before anything else.
  const link = takeLinkToken();
  if (link?.action === 'reset-password') history.replaceState(null, '', `${location.pathname}${location.search}#reset-password`);

  let user: Me | undefined;
  const state = sessionState();
  // An expired access token is refreshed first: sending it would only be refused.
  if (state !== 'signed-out' && (state === 'live' || (await auth.refresh()).error === undefined)) {
    const me = await auth.me();
    if (me.data) user = me.data;
    else rememberSession(undefined);
  }
  // Already signed in, and an app asked to have the user back: go straight there.
  if (user !== undefined && redirect !== undefined && 'url' in redirect) {
    location.assign(redirect.url.href);
    return;
  }
  page.start(user);
  if (link?.action === 'verify-email') {
    const verified = await auth.verifyEmail(link.token);
    if (verified.error) page.notify(messageFor(verified.error), 'warning');
    else page.notify(`Thank you: ${verified.data.email} is verified.`, 'success');
    if (user !== undefined) page.reload();
  }
}

void start();
