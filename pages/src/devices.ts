import UAParser from 'ua-parser-js';

/** "Chrome on macOS", "Safari on iPhone": a session's device, from the User-Agent it signed in with. */
export function deviceName(userAgent: string | null): string {
  if (userAgent === null || userAgent.trim() === '') return 'Unknown device';
  const { browser, os, device } = new UAParser(userAgent).getResult();
  const system = os.name === 'Mac OS' ? 'macOS' : os.name;
  // "Mobile Safari on iPhone" says "mobile" twice.
  const browserName = browser.name?.replace(/^Mobile /, '');
  // A phone or tablet is better known by its model ("iPhone", "iPad") than by its system's name.
  const place = device.model === 'iPhone' || device.model === 'iPad' ? device.model : system;
  if (browserName !== undefined && place !== undefined) return `${browserName} on ${place}`;
  if (browserName !== undefined) return browserName;
  if (place !== undefined) return `A browser on ${place}`;
  // Not a browser (curl, an SDK): its own name is the best there is, shortened.
  return userAgent.length > 60 ? `${userAgent.slice(0, 59)}…` : userAgent;
}
