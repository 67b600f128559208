import type { Fix } from './types';

// Characters people put around phone digits. Anything else (letters, "ext") means we cannot be sure.
const phoneDecoration = /[\s\u00a0().\-+/]/g;

/**
 * `(555) 123-4567`, `+1 555.123.4567`, `1-555-123-4567` -> `5551234567`. Only North American numbers: 10 digits,
 * or 11 starting with the country code 1. Anything else stays an error for a person to look at.
 */
export const normalizePhone: Fix = (value) => {
  const digits = value.replace(phoneDecoration, '');
  if (!/^\d+$/.test(digits)) return null;
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  if (national.length !== 10) return null;
  // A North American area code and exchange never start with 0 or 1.
  if (national[0] === '0' || national[0] === '1') return null;
  return { value: national, fix: 'phone.digits' };
};
