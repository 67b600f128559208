import { describe, expect, it } from 'vitest';
import { nameKey, phoneKey, uniqueKey } from './keys';
import { nameHash, uniqueHash } from './pair-hash';

describe('keys', () => {
  it('folds a unique value to trimmed lower case, whatever it holds', () => {
    expect(uniqueKey('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
    expect(uniqueKey('ann.lee@example.com')).toBe('ann.lee@example.com');
    // No letters: the same key. Beyond ASCII, full case folding: ß folds as ss does.
    expect(uniqueKey('1234567890@1234567.89')).toBe('1234567890@1234567.89');
    expect(uniqueKey('straße.nummer@example.de')).toBe('strasse.nummer@example.de');
    expect(uniqueKey('   ')).toBeUndefined();
  });

  it('keys phones by their digits and names by both parts', () => {
    expect(phoneKey('+1 (555) 123-4567')).toBe('5551234567');
    expect(phoneKey('12-34')).toBeUndefined();
    expect(nameKey(' Ann ', 'van  der Berg')).toBe('ann van der berg');
    expect(nameKey('Ann', ' ')).toBeUndefined();
  });
});

describe('Unicode in keys', () => {
  it('finds emails and names that differ only by normalisation or case folding as the same', () => {
    const nfc = 'jos\u00e9@example.com';
    const nfd = 'jose\u0301@example.com';
    expect(uniqueKey(nfd)).toBe(uniqueKey(nfc));
    expect(uniqueHash(nfd)).toBe(uniqueHash(nfc));
    expect(uniqueHash(' JOSE\u0301@Example.com ')).toBe(uniqueHash(nfc));
    expect(uniqueKey('STRASSE@example.de')).toBe(uniqueKey('straße@example.de'));
    expect(uniqueHash('STRASSE@example.de')).toBe(uniqueHash('straße@example.de'));
    expect(nameHash('Jose\u0301', 'Ålund')).toBe(nameHash('JOSÉ', 'A\u030alund'));
    expect(nameHash('Zoë\u00a0', 'Lee')).toBe(nameHash('zoë', 'lee'));
    expect(nameKey('Jose\u0301', 'Ålund')).toBe(nameKey('josé', 'ålund'));
    // Different letters stay different: a Cyrillic а is not a Latin a.
    expect(uniqueHash('p\u0430ypal@example.com')).not.toBe(uniqueHash('paypal@example.com'));
  });
});
