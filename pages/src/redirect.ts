/**
 * `?redirect_to=<url>`: where to send the browser after sign-in. Accepted only in two plain forms, an
 * absolute `http(s)://` URL or a path on this service (`/…`), with no backslashes or control
 * characters (which browsers read as slashes or drop, the usual tricks: `//evil.example`,
 * `/\evil.example`, `https:evil`); then its origin, as the browser parses it, must be the service's own
 * or one of ALLOWED_ORIGINS, with no user name or password. The parsed URL, not the raw text, is what
 * the browser is sent to.
 */
export type RedirectTarget = { url: URL } | { refused: string };

/** C0 controls, DEL and the backslash: never part of a URL an app would send. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SUSPICIOUS = /[\u0000-\u001f\u007f\\]/;
const PLAIN_FORM = /^(https?:\/\/[^/]|\/(?!\/))/i;

export function redirectTarget(raw: string | null, page: URL, allowedOrigins: readonly string[]): RedirectTarget | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const value = raw.trim();
  if (SUSPICIOUS.test(value) || !PLAIN_FORM.test(value)) return { refused: raw };
  let url: URL;
  try {
    url = new URL(value, page);
  } catch {
    return { refused: raw };
  }
  const allowed =
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === '' &&
    (url.origin === page.origin || allowedOrigins.includes(url.origin));
  return allowed ? { url } : { refused: raw };
}
