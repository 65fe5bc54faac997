import type { AuthClient, AuthError, Me, paths } from '@serverless-auth/client';
import type { RedirectTarget } from './redirect';

/** What GET /page-config.json says: the branding and where sign-in may return to. */
export type PageConfig = paths['/page-config.json']['get']['responses'][200]['content']['application/json'];

/** What every view and account section is given. */
export interface Page {
  readonly auth: AuthClient;
  readonly config: PageConfig;
  /** The signed-in user; undefined while signed out. */
  readonly user: Me | undefined;
  /** `?redirect_to=`, checked: where sign-in returns to, or why it will not. */
  readonly redirect: RedirectTarget | undefined;
  /** Goes to a view by its id (the URL's hash), moving focus to its heading. */
  show(viewId: string): void;
  /** After a successful login: remembers it, then returns to the app or shows the account. */
  signedIn(): Promise<void>;
  /** After a sign-out (or a session that ended elsewhere): shows sign-in with a notice. */
  signedOut(notice: string): void;
  /** A message at the top of the page, announced to screen readers. */
  notify(text: string, tone?: 'success' | 'warning'): void;
  /** Draws the current view again, with fresh data. */
  reload(): void;
  /** The person-readable message for a failed call; a call that found the session gone signs out. */
  failed(error: AuthError): string;
}

/**
 * A view: one screen of the page, reached at `#<id>`. To add one, write a module that exports a View
 * and add it to the list in views/index.ts. Only views for the current state are shown; asking for
 * another falls back to that state's first view.
 */
export interface View {
  id: string;
  /** The heading and the document title. */
  title: string;
  audience: 'signed-out' | 'signed-in';
  render(page: Page): HTMLElement;
}

/**
 * A part of the account console (a card with a heading). To add one, write a module that exports an
 * AccountSection and add it to the list in account/index.ts.
 */
export interface AccountSection {
  id: string;
  title: string;
  render(page: Page, user: Me): HTMLElement;
}
