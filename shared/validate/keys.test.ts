import { describe, expect, it } from 'vitest';
import { nameKey, phoneKey, uniqueKey } from './keys';

describe('keys', () => {
  it('folds a unique value to trimmed lower case, whatever it holds', () => {
    expect(uniqueKey('  Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
    expect(uniqueKey('ann.lee@example.com')).toBe('ann.lee@example.com');
    // No letters, and a letter whose case does not round-trip (ß upper-cases to SS): still the same key.
    expect(uniqueKey('1234567890@1234567.89')).toBe('1234567890@1234567.89');
    expect(uniqueKey('straße.nummer@example.de')).toBe('straße.nummer@example.de');
    expect(uniqueKey('   ')).toBeUndefined();
  });

  it('keys phones by their digits and names by both parts', () => {
    expect(phoneKey('+1 (555) 123-4567')).toBe('5551234567');
    expect(phoneKey('12-34')).toBeUndefined();
    expect(nameKey(' Ann ', 'van  der Berg')).toBe('ann van der berg');
    expect(nameKey('Ann', ' ')).toBeUndefined();
  });
});
