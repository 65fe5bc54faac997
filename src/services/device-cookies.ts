import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DerivedKeys } from './derived-keys';

/**
 * Device cookies (OWASP's "device cookie" scheme against account lockout): a successful sign-in leaves
 * the browser a long-lived value that names a device id and is bound to the account by a MAC. A
 * sign-in that presents a valid one for the account it is signing in to is judged by that device's
 * own failure budget instead of the account-wide one, so an attacker failing on purpose locks out
 * the devices they use, not the owner's. Any flow that wants to know "has this browser signed in to
 * this account before" (a new-device notice) reads the same cookie through this module.
 *
 * Value: `<key id>.<device id>.<mac>`, mac = HMAC-SHA256(device-cookie key, device id, account key).
 * Nothing is stored server-side; the value is no credential by itself (it never signs anyone in).
 */

/** One year: a device is remembered as long as a browser keeps the cookie. */
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 3600;

const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
const MAC_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
/** Longer values are refused before any parsing. */
const MAX_VALUE_LENGTH = 200;

export class DeviceCookies {
  constructor(private readonly keys: DerivedKeys) {}

  /** A new device id, bound to the account. */
  issue(userKey: string): string {
    const { id, key } = this.keys.current('device-cookie');
    const deviceId = randomBytes(16).toString('base64url');
    return `${id}.${deviceId}.${mac(key, deviceId, userKey)}`;
  }

  /** The device id the value names when it is a valid device cookie of this account, else null. */
  deviceOf(value: string | undefined, userKey: string): string | null {
    if (value === undefined || value.length > MAX_VALUE_LENGTH) return null;
    const parts = value.split('.');
    const deviceMac = parts.pop();
    const deviceId = parts.pop();
    const keyId = parts.join('.');
    if (deviceMac === undefined || deviceId === undefined) return null;
    if (!KEY_ID_PATTERN.test(keyId) || !DEVICE_ID_PATTERN.test(deviceId) || !MAC_PATTERN.test(deviceMac)) return null;
    const key = this.keys.byId(keyId, 'device-cookie');
    if (key === undefined) return null;
    const expected = Buffer.from(mac(key, deviceId, userKey), 'utf8');
    return timingSafeEqual(expected, Buffer.from(deviceMac, 'utf8')) ? deviceId : null;
  }
}

function mac(key: Buffer, deviceId: string, userKey: string): string {
  return createHmac('sha256', key).update(deviceId).update('\u0000').update(userKey, 'utf8').digest('base64url');
}
