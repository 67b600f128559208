import { describe, expect, it } from 'vitest';
import { generateApiKey, hashSecret, parseApiKey, secretMatches } from './api-keys';

describe('API keys', () => {
  it('verifies a new key against its stored hash, which does not contain the secret', () => {
    const key = generateApiKey();
    const parsed = parseApiKey(key.key);
    expect(parsed?.publicId).toBe(key.publicId);
    expect(secretMatches(parsed?.secret ?? '', key.secretHash)).toBe(true);
    expect(Buffer.from(key.secretHash).toString('hex')).not.toContain(
      Buffer.from(parsed?.secret ?? '').toString('hex'),
    );
    expect(key.secretHash).toEqual(hashSecret(parsed?.secret ?? ''));
  });

  it('refuses a wrong secret, a missing row and a hash of the wrong length', () => {
    const key = generateApiKey();
    const other = parseApiKey(generateApiKey().key);
    expect(secretMatches(other?.secret ?? '', key.secretHash)).toBe(false);
    expect(secretMatches(parseApiKey(key.key)?.secret ?? '', null)).toBe(false);
    expect(secretMatches(parseApiKey(key.key)?.secret ?? '', new Uint8Array(3))).toBe(false);
  });

  it('only parses keys of its own shape', () => {
    const key = generateApiKey().key;
    expect(parseApiKey(` ${key} `)).not.toBeNull();
    for (const bad of ['', 'lpk_', key.slice(0, -1), key.replace('lpk_', 'sk_'), `${key}x`])
      expect(parseApiKey(bad)).toBeNull();
  });
});
