import type { Template } from '../template';
import { regionCode } from './region';
import { cleanCell } from './text';
import type { Fix } from './types';

// The states whose ZIP codes start with 0, and the first three digits their ZIPs use. A spreadsheet that
// took the column for numbers dropped the zero (06103 -> 6103); with the state in the row we know which
// zeros to put back. (NY's 005 is one IRS office and is left out: a 3-digit NY ZIP stays an error.)
const zeroZipPrefixes: Readonly<Record<string, readonly (readonly [number, number])[]>> = {
  PR: [
    [6, 7],
    [9, 9],
  ],
  VI: [[8, 8]],
  MA: [
    [10, 27],
    [55, 55],
  ],
  RI: [[28, 29]],
  NH: [[30, 38]],
  ME: [[39, 49]],
  VT: [
    [50, 54],
    [56, 59],
  ],
  CT: [[60, 69]],
  NJ: [[70, 89]],
};

function regionHeader(template: Template): string | undefined {
  return template.fields.find((f) => f.kind === 'region')?.header;
}

/**
 * `6103` with state CT -> `06103` (and `61031234` -> `06103-1234`): ZIP codes that lost their leading zeros,
 * fixed only when the row's state is one whose ZIP codes start with the restored digits.
 */
export const padZipLeadingZero: Fix = (value, _field, context) => {
  const text = cleanCell(value);
  const match = /^(\d{3,4})(?:-?(\d{4}))?$/.exec(text);
  if (!match) return null;
  const header = regionHeader(context.template);
  const state =
    header && context.rowValue ? regionCode(context.template, context.rowValue(header)) : undefined;
  const ranges = state ? zeroZipPrefixes[state] : undefined;
  if (!ranges) return null;
  const zip = match[1].padStart(5, '0');
  const prefix = Number(zip.slice(0, 3));
  if (!ranges.some(([low, high]) => prefix >= low && prefix <= high)) return null;
  return { value: match[2] ? `${zip}-${match[2]}` : zip, fix: 'postal.zeroPad' };
};

/** ZIP+4 written without its dash (`123456789`, `12345 6789`) -> `12345-6789`. */
export const formatZipPlus4: Fix = (value) => {
  const match = /^(\d{5})[\s\u00a0.\u2010-\u2015]?(\d{4})$/.exec(cleanCell(value));
  return match ? { value: `${match[1]}-${match[2]}`, fix: 'postal.zip4' } : null;
};

// Canada Post: letters D F I O Q U are never used, and W and Z never start a code.
const canadianPostal = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[\s\u00a0-]*(\d[ABCEGHJ-NPRSTV-Z]\d)$/;

/** Canadian postal codes in any case and spacing (`k1a0b1`, `K1A-0B1`) -> `K1A 0B1`. */
export const formatCanadianPostal: Fix = (value) => {
  const match = canadianPostal.exec(cleanCell(value).toUpperCase());
  return match ? { value: `${match[1]} ${match[2]}`, fix: 'postal.canada' } : null;
};
