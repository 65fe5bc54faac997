/**
 * ECDSA signatures are malleable: if (r, s) verifies, so does (r, n - s). A JWS ES256 signature is
 * r || s, 32 bytes each (RFC 7518 section 3.4). We sign only the low-S form (s <= n/2, as Bitcoin's
 * BIP 62 and libsecp256k1 do) and accept only it, so every token has exactly one valid signature.
 * OpenSSL, which signs for Node, returns either form, so our signatures are normalised after signing.
 */

/** The order of the P-256 group. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const HALF_ORDER = P256_ORDER >> 1n;
const COMPONENT_BYTES = 32;

const toBigInt = (bytes: Buffer): bigint => BigInt(`0x${bytes.toString('hex') || '0'}`);
const toBytes = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(COMPONENT_BYTES * 2, '0'), 'hex');

function signatureOf(token: string): { head: string; s: bigint; r: Buffer } | null {
  const dot = token.lastIndexOf('.');
  const signature = Buffer.from(token.slice(dot + 1), 'base64url');
  if (dot < 0 || signature.length !== COMPONENT_BYTES * 2) return null;
  return {
    head: token.slice(0, dot),
    r: signature.subarray(0, COMPONENT_BYTES),
    s: toBigInt(signature.subarray(COMPONENT_BYTES)),
  };
}

/** True when the compact JWS's ES256 signature is in low-S form. */
export function hasLowS(token: string): boolean {
  const signature = signatureOf(token);
  return signature !== null && signature.s <= HALF_ORDER;
}

/** The same compact JWS with its ES256 signature in low-S form (unchanged when it already is). */
export function withLowS(token: string): string {
  const signature = signatureOf(token);
  if (signature === null || signature.s <= HALF_ORDER) return token;
  const lowS = toBytes(P256_ORDER - signature.s);
  return `${signature.head}.${Buffer.concat([signature.r, lowS]).toString('base64url')}`;
}
