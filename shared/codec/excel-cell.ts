import type { CellValue } from 'exceljs';
import {
  dateFormatParts,
  roundSerialToSecond,
  serialFromExcelJsDate,
  serialToIsoDate,
  serialToTime,
} from './excel-date';
import { formatExcelNumber, generalNumber } from './excel-number';
import type { CellNote } from './sheet-types';

export type CellText = Readonly<{ text: string; note?: CellNote['code'] }>;

const empty: CellText = { text: '' };

/**
 * A cell's value as the text a person sees, never running a formula: a formula gives its saved result, an
 * error value (#N/A, #REF!) its text with a note, a date its ISO form, a number what its format shows where
 * that keeps information (see excel-number.ts).
 */
export function cellText(value: CellValue, numFmt: string | undefined, date1904: boolean): CellText {
  if (value === null || value === undefined) return empty;
  switch (typeof value) {
    case 'string':
      return { text: value };
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) >= 1e15) {
        // Excel keeps 15 significant digits; a longer ID lost its tail before ListPrep saw the file.
        return { text: formatExcelNumber(value, numFmt), note: 'xlsx.precision' };
      }
      return { text: formatExcelNumber(value, numFmt) };
    case 'boolean':
      return { text: value ? 'TRUE' : 'FALSE' };
  }
  if (value instanceof Date) return { text: dateText(value, numFmt, date1904) };
  if ('error' in value) return { text: String(value.error), note: 'xlsx.errorCell' };
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) return { text: '', note: 'xlsx.noCachedValue' };
    return cellText(value.result, numFmt, date1904);
  }
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return { text };
    return cellText(text as CellValue, numFmt, date1904);
  }
  return empty;
}

function dateText(date: Date, numFmt: string | undefined, date1904: boolean): string {
  const serial = roundSerialToSecond(serialFromExcelJsDate(date, date1904));
  const day = serialToIsoDate(serial, date1904);
  if (day === undefined) return generalNumber(serial);
  const parts = dateFormatParts(numFmt ?? 'yyyy-mm-dd');
  const time = serialToTime(serial, parts.seconds);
  if (!parts.date) return time;
  return parts.time ? `${day} ${time}` : day;
}
