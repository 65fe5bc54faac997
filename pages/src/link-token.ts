/**
 * Mailed links open the page as `?action=<verify-email|reset-password>&token=…`. The token is read once,
 * then taken out of the address bar (and so out of the history and any copied URL); the page keeps it
 * in memory only.
 */
type LinkAction = 'verify-email' | 'reset-password';

let taken: { action: LinkAction; token: string } | undefined;

/** Reads and removes the link's action and token from the URL; call once, at start. */
export function takeLinkToken(): { action: LinkAction; token: string } | undefined {
  const url = new URL(location.href);
  const action = url.searchParams.get('action');
  const token = url.searchParams.get('token');
  if (token !== null) {
    url.searchParams.delete('token');
    url.searchParams.delete('action');
    history.replaceState(null, '', url.href);
  }
  if ((action === 'verify-email' || action === 'reset-password') && token !== null && token !== '') taken = { action, token };
  return taken;
}

/** The token of the link the page was opened from, for this action. */
export function linkToken(action: LinkAction): string | undefined {
  return taken?.action === action ? taken.token : undefined;
}
