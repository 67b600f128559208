import { cleanCell } from './text';
import type { Fix } from './types';

/**
 * Norwegian postcodes: `NO-0150`, `N-0150`, `NO 0150` -> `0150`, and the zeros a spreadsheet dropped put
 * back (`150` -> `0150`, `10` -> `0010`): every Norwegian postcode has four digits, so a shorter number in a
 * postcode column can only be one whose zeros went missing. A code with a place name (`0150 Oslo`) stays.
 */
export const norwegianPostcode: Fix = (value) => {
  const text = cleanCell(value);
  const match = /^(?:NO?\s*-?\s*)?(\d{1,4})(?:\.0+)?$/i.exec(text);
  if (!match) return null;
  return { value: match[1].padStart(4, '0'), fix: 'postal.norway' };
};
