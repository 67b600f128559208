import { cleanCell } from './text';
import type { Fix } from './types';

// Characters people put around phone digits. Anything else (letters, "ext") means we cannot be sure.
const phoneDecoration = /[\s\u00a0().\-/\u2010-\u2015]/g;

/**
 * `(555) 123-4567`, `+1 555.123.4567`, `1-555-123-4567`, `001 555 123 4567` -> `5551234567`. Only North
 * American numbers: 10 digits, or the country code 1 before them. A `+` with another country code
 * (`+47 912 34 567`), an extension or letters stay errors for a person to look at.
 */
export const normalizePhone: Fix = (value) => {
  let text = cleanCell(value);
  if (text.toLowerCase().startsWith('tel:')) text = text.slice(4);
  const international = text.startsWith('+');
  const digits = (international ? text.slice(1) : text).replace(phoneDecoration, '');
  if (!/^\d+$/.test(digits)) return null;
  let national: string;
  if (international) {
    // After a + the country code comes first, and it must be North America's 1.
    if (digits.length !== 11 || digits[0] !== '1') return null;
    national = digits.slice(1);
  } else if (digits.length === 13 && digits.startsWith('001')) {
    national = digits.slice(3);
  } else if (digits.length === 11 && digits[0] === '1') {
    national = digits.slice(1);
  } else {
    national = digits;
  }
  if (national.length !== 10) return null;
  // A North American area code never starts with 0 or 1.
  if (national[0] === '0' || national[0] === '1') return null;
  return { value: national, fix: 'phone.digits' };
};
