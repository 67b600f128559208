import { formatKinds, type NumberFormat } from './cell-formats';
import { roundSerialToSecond, serialToIsoDate, serialToTime } from './excel-date';
import { formatExcelNumber, generalNumber } from './excel-number';
import type { CellNote } from './sheet-types';

// A cell's value as the text a person sees, never running a formula: a formula gives its saved result, an
// error value (#N/A, #REF!) its text with a note, a date its ISO form, a number what its format shows where
// that keeps information (see excel-number.ts). The sheet scanner handles strings itself; numbers, dates
// and booleans come here with the text of their `<v>`.

export type CellText = Readonly<{ text: string; note?: CellNote['code'] }>;

/**
 * The digits of a number Excel wrote in plain form that General shows exactly as written: an integer of at
 * most 15 digits or a decimal of at most 15 significant digits, without leading or trailing zeros. Most
 * numbers in a sheet are such, and need no formatting.
 */
function plainNumber(raw: string): boolean {
  const n = raw.length;
  const intStart = raw.charCodeAt(0) === 45 ? 1 : 0;
  let i = intStart;
  while (i < n && isDigit(raw.charCodeAt(i))) i++;
  const intEnd = i;
  if (intEnd === intStart) return false;
  const zeroInteger = raw.charCodeAt(intStart) === 48;
  if (zeroInteger && intEnd - intStart > 1) return false; // 007
  let significant = zeroInteger ? 0 : intEnd - intStart;
  if (i < n) {
    if (raw.charCodeAt(i) !== 46) return false;
    const fracStart = ++i;
    while (i < n && isDigit(raw.charCodeAt(i))) i++;
    if (i !== n || i === fracStart || raw.charCodeAt(n - 1) === 48) return false; // 1e5, 1., 1.50
    let first = fracStart;
    if (zeroInteger) while (raw.charCodeAt(first) === 48) first++;
    significant += n - first;
  } else if (zeroInteger && intStart === 1) {
    return false; // -0 reads 0
  }
  return significant <= 15;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** A number cell (`t="n"` or none), also a formula's saved number. */
export function numberText(raw: string, format: NumberFormat, date1904: boolean): CellText {
  if (format.kind !== formatKinds.date && format.kind !== formatKinds.other && plainNumber(raw))
    return { text: raw };
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) return { text: raw };
  if (format.date) return { text: dateText(value, format, date1904) };
  const text =
    format.kind === formatKinds.other ? formatExcelNumber(value, format.code) : generalNumber(value);
  // Excel keeps 15 significant digits; a longer ID lost its tail before ListPrep saw the file.
  if (Number.isInteger(value) && Math.abs(value) >= 1e15) return { text, note: 'xlsx.precision' };
  return { text };
}

/** A boolean cell: `1` or `0`. */
export function booleanText(raw: string): string {
  if (raw === '1' || raw === 'true') return 'TRUE';
  if (raw === '0' || raw === 'false') return 'FALSE';
  return raw;
}

/** A date cell of strict OOXML (`t="d"`): an ISO 8601 date and time, shown as the format says. */
export function isoCellText(raw: string, format: NumberFormat): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(raw.trim());
  if (!match) return raw;
  const [, day, hh = '00', mm = '00', ss = '00'] = match;
  const midnight = hh === '00' && mm === '00' && ss === '00';
  const parts = format.date ?? { date: true, time: !midnight, seconds: ss !== '00' };
  const time = parts.seconds ? `${hh}:${mm}:${ss}` : `${hh}:${mm}`;
  if (!parts.date) return time;
  return parts.time ? `${day} ${time}` : day;
}

function dateText(serial: number, format: NumberFormat, date1904: boolean): string {
  const rounded = roundSerialToSecond(serial);
  const day = serialToIsoDate(rounded, date1904);
  if (day === undefined) return generalNumber(serial);
  const parts = format.date!;
  const time = serialToTime(rounded, parts.seconds);
  if (!parts.date) return time;
  return parts.time ? `${day} ${time}` : day;
}
