import * as z from 'zod';

/**
 * The hosted pages' branding (part of `loadConfig`). Every value ends up in a page, so each is checked
 * to be safe where it goes: the name is plain text, the logo an http(s) URL (http only for a local
 * address), and the accent colour a hex colour, the only form put into the generated style sheet.
 */

const DEFAULT_ACCENT = '#2563eb';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const hexColour = z
  .string()
  .trim()
  .regex(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i, 'must be a hex colour such as #2563eb')
  .transform((value) =>
    (value.length === 4 ? `#${[...value.slice(1)].map((digit) => digit + digit).join('')}` : value).toLowerCase(),
  );

/** URL.parse: undefined for what z.url() has already refused (zod runs later refinements on it too). */
const parsed = (value: string): URL | undefined => URL.parse(value) ?? undefined;

const logoUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((value) => {
    const url = parsed(value);
    return url === undefined || url.protocol === 'https:' || LOCAL_HOSTS.has(url.hostname);
  }, 'must be https (http only for localhost)')
  .refine((value) => {
    const url = parsed(value);
    return url === undefined || (url.username === '' && url.password === '');
  }, 'must not contain a user name or password');

export const brandingEnvSchema = {
  BRAND_NAME: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(60, 'must be at most 60 characters')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters')
    .default('serverless-auth'),
  BRAND_LOGO_URL: logoUrl.optional(),
  BRAND_ACCENT_COLOR: hexColour.default(DEFAULT_ACCENT),
};

export interface Branding {
  /** The app's name, shown in the pages' header and titles. */
  name: string;
  /** An image shown beside the name; its origin is added to the pages' img-src policy. */
  logoUrl: string | undefined;
  /** `#rrggbb`, lower case. */
  accentColor: string;
}

const brandingObject = z.object(brandingEnvSchema);

export function brandingSettings(values: z.infer<typeof brandingObject>): Branding {
  return { name: values.BRAND_NAME, logoUrl: values.BRAND_LOGO_URL, accentColor: values.BRAND_ACCENT_COLOR };
}
