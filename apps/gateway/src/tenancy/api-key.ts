import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

const base62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const base36 = '0123456789abcdefghijklmnopqrstuvwxyz';

export const apiKeyPrefix = 'm0-';
const keyBodyLength = 40;
const shownPrefixLength = 10;

export interface GeneratedApiKey {
  /** shown to the caller once, never stored */
  key: string;
  /** sha256 hex of the key: what the database keeps */
  hash: string;
  /** the first characters, to recognise a key in listings */
  prefix: string;
}

/** `m0-` and 40 base62 characters (about 238 random bits). */
export function generateApiKey(): GeneratedApiKey {
  const key = `${apiKeyPrefix}${randomString(base62, keyBodyLength)}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, shownPrefixLength) };
}

/** Keys are random and long, so a plain sha256 is enough (no salt, no slow hash). */
export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/** Ids such as `proj_k3x9...`: lowercase, so they also fit case-insensitive SQL names. */
export function randomId(prefix: string, length = 20): string {
  return `${prefix}_${randomString(base36, length)}`;
}

/** Two `hashApiKey` hashes compared in time independent of where they differ. */
export function sameKeyHash(presented: string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  const [a, b] = [Buffer.from(presented, 'hex'), Buffer.from(expected, 'hex')];
  return a.length === b.length && timingSafeEqual(a, b);
}

// Rejection sampling keeps every character equally likely.
function randomString(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < limit) out += alphabet[byte % alphabet.length];
      if (out.length === length) break;
    }
  }
  return out;
}
