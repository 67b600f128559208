import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new API key: what the user keeps (`key`) and what the database keeps (`publicId`, `secretHash`). */
export type NewApiKey = Readonly<{ key: string; publicId: string; secretHash: Uint8Array }>;

const keyPattern = /^lpk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/**
 * The secret is 32 random bytes, so a plain SHA-256 is enough to store it: there is nothing to guess, and a
 * slow hash would only slow every request down. The public id finds the row without comparing secrets.
 */
export function hashSecret(secret: string): Uint8Array {
  return createHash('sha256').update(secret).digest();
}

export function generateApiKey(): NewApiKey {
  const publicId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { key: `lpk_${publicId}_${secret}`, publicId, secretHash: hashSecret(secret) };
}

/** Splits a key as a user typed it; null when it is not shaped like one of ours. */
export function parseApiKey(key: string): { publicId: string; secret: string } | null {
  const match = keyPattern.exec(key.trim());
  return match ? { publicId: match[1], secret: match[2] } : null;
}

// Compared against when no key row exists, so an unknown public id costs the same time as a wrong secret.
const decoyHash = hashSecret('decoy');

/** Constant-time check of a secret against the stored hash (or the decoy when no row was found). */
export function secretMatches(secret: string, storedHash: Uint8Array | null): boolean {
  const actual = hashSecret(secret);
  const known = storedHash !== null && storedHash.length === actual.length;
  const same = timingSafeEqual(actual, known ? storedHash : decoyHash);
  return known && same;
}
