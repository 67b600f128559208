import { describe, expect, it } from 'vitest';
import { nameHash, pairHash, pairTagOf, pairTags, uniqueHash } from './pair-hash';

describe('pairHash', () => {
  it('keeps a million names sharing one email apart and says which pair a key stands for', () => {
    const email = uniqueHash('noemail@company.com');
    const seen = new Set<number>();
    let unsafe = 0;
    for (let r = 0; r < 1_000_000; r++) {
      const key = pairHash(pairTags.nameEmail, nameHash(`First${r}`, `Last${r}`), email);
      if (!Number.isSafeInteger(key) || key < 0) unsafe++;
      seen.add(key);
    }
    expect(unsafe).toBe(0);
    expect(seen.size).toBe(1_000_000);
    expect(pairTagOf(pairHash(pairTags.emailPhone, 12345, 67890))).toBe(pairTags.emailPhone);
  });
});
