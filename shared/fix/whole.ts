import { cleanCell } from './text';
import type { Fix } from './types';

const currencyBefore = /^(?:US\$|CA\$|C\$|A\$|\$|€|£|kr\.?|NOK|USD|CAD|EUR|GBP)\s*/i;
const currencyAfter = /\s*(?:\$|€|£|kr\.?|NOK|USD|CAD|EUR|GBP)$/i;
// ",-" and ".-" say "no øre/cents" in Norwegian prices: `12 500,-`.
const noCents = /[.,]-$/;

// Each pattern: the integer part with its grouping, then an optional fraction. A shape two conventions read
// differently (12.500: twelve and a half, or twelve thousand five hundred?) matches none of them.
const shapes: readonly RegExp[] = [
  /^(\d+)(?:\.(\d+))?$/, // 12500 or 12500.00
  /^(\d{1,3}(?:,\d{3})+)(?:\.(\d+))?$/, // 12,500.00 (US); "12,500" is read as US grouping
  /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d+))?$/, // 1.234.567,00 (European)
  /^(\d{1,3}(?:\.\d{3})+),(\d+)$/, // 12.500,00 (European, with its decimal comma)
  /^(\d{1,3}(?:[ \u00a0\u202f']\d{3})+)(?:[.,](\d+))?$/, // 12 500,00 (Norwegian), 12'500 (Swiss)
  /^(\d+),(\d{1,2})$/, // 12500,00 (decimal comma; two digits cannot be US grouping)
];

/**
 * Amounts to a whole number: `$12,500.00` -> `12500`, `12 500,-` -> `12500`, `12500.0` -> `12500`. Only when
 * the cents are zero and the grouping is unambiguous; `12.5`, `-3` and `12.500` stay errors.
 */
export const wholeFromAmount: Fix = (value) => {
  const text = cleanCell(value).replace(currencyBefore, '').replace(currencyAfter, '').replace(noCents, '');
  // 12.000: twelve, or twelve thousand the European way. Not ours to pick.
  if (/^\d{1,3}\.\d{3}$/.test(text)) return null;
  for (const shape of shapes) {
    const match = shape.exec(text);
    if (!match) continue;
    if (match[2] !== undefined && !/^0+$/.test(match[2])) return null;
    const digits = match[1].replace(/\D/g, '');
    return { value: digits, fix: 'whole.number' };
  }
  return null;
};
