import { isRealDate } from '../validate/dates';
import { foldWords } from './fold';
import { cleanCell } from './text';
import type { DateOrder, Fix, FixSuggestion } from './types';

// A time after the date is dropped: the template's date columns hold days, and the day written is kept as
// written (no time zone conversion, which could move it to the day before).
const time = String.raw`(?:(?:T|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?`;
const yearFirst = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${time}$`);
const yearLast = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${time}$`);
const excelSerial = /^(\d{5})(?:\.\d+)?$/;

const monthWords: Readonly<Record<string, number>> = {};
const months = [
  ['january', 'januar', 'jan'],
  ['february', 'februar', 'feb'],
  ['march', 'mars', 'mar'],
  ['april', 'apr'],
  ['may', 'mai'],
  ['june', 'juni', 'jun'],
  ['july', 'juli', 'jul'],
  ['august', 'aug'],
  ['september', 'sept', 'sep'],
  ['october', 'oktober', 'oct', 'okt'],
  ['november', 'nov'],
  ['december', 'desember', 'dec', 'des'],
];
months.forEach((words, i) => {
  for (const word of words) (monthWords as Record<string, number>)[word] = i + 1;
});
// Words that may surround a written date without changing it: weekdays (English, Norwegian) and fillers.
const ignoredWords = new Set(
  [
    'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun',
    'mandag tirsdag onsdag torsdag fredag lordag sondag man tir ons tor fre lor son',
    'the of den',
  ]
    .join(' ')
    .split(' '),
);

/** A date split into its numbers before the day/month order is known. */
export type DateParts =
  | Readonly<{ shape: 'ymd'; year: number; month: number; day: number }>
  | Readonly<{ shape: 'numeric'; first: number; second: number; year: number; dotted: boolean }>
  | Readonly<{ shape: 'serial'; serial: number }>;

function writtenDate(text: string): DateParts | null {
  const tokens = foldWords(text)
    .split(' ')
    .map((t) => t.replace(/^(\d{1,2})(?:st|nd|rd|th)$/, '$1'))
    .filter((t) => t !== '' && !ignoredWords.has(t));
  if (tokens.length !== 3) return null;
  let month = 0;
  let day = 0;
  let year = 0;
  for (const token of tokens) {
    if (/^\d{4}$/.test(token) && !year) year = Number(token);
    else if (/^\d{1,2}$/.test(token) && !day) day = Number(token);
    else if (monthWords[token] && !month) month = monthWords[token];
    else return null;
  }
  return month && day && year ? { shape: 'ymd', year, month, day } : null;
}

/** Reads the shapes dates come in; null when the value is not a date this module understands. */
export function parseDateParts(value: string): DateParts | null {
  const text = cleanCell(value);
  let match = yearFirst.exec(text);
  if (match) return { shape: 'ymd', year: Number(match[1]), month: Number(match[3]), day: Number(match[4]) };
  match = yearLast.exec(text);
  if (match) {
    return {
      shape: 'numeric',
      first: Number(match[1]),
      second: Number(match[3]),
      year: Number(match[4]),
      dotted: match[2] === '.',
    };
  }
  match = excelSerial.exec(text);
  if (match) return { shape: 'serial', serial: Number(match[1]) };
  return /[a-z]/i.test(text) ? writtenDate(text) : null;
}

function iso(year: number, month: number, day: number): string | null {
  if (!isRealDate(year, month, day)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * What a numeric date says about the order on its own: `dmy` when the first number cannot be a month
 * (13/04/2021), `mdy` when the second cannot (04/13/2021), `same` when both orders give one day (03/03/2021),
 * `either` when both are months, null when neither order gives a real day.
 */
export function orderEvidence(
  parts: Extract<DateParts, { shape: 'numeric' }>,
): DateOrder | 'same' | 'either' | null {
  const asDmy = isRealDate(parts.year, parts.second, parts.first);
  const asMdy = isRealDate(parts.year, parts.first, parts.second);
  if (asDmy && asMdy) return parts.first === parts.second ? 'same' : 'either';
  return asDmy ? 'dmy' : asMdy ? 'mdy' : null;
}

/** Excel's day count (1900 date system) as an ISO date; serials before 1927 are not taken for dates. */
export function excelSerialToIso(serial: number): string | null {
  // Day 0 is 1899-12-30 for every serial after Excel's fictional 1900-02-29.
  if (!Number.isInteger(serial) || serial < 10000 || serial > 2958465) return null;
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * The ISO date a value means, given the column's day/month order (if known), or null when it is not certain:
 * an ambiguous 03/04/2021 without an order, a value that contradicts the order, a day that does not exist.
 * Dotted dates (04.03.2021) are day-first by the European convention that writes them.
 */
export function toIsoDate(value: string, order?: DateOrder): FixSuggestion | null {
  const parts = parseDateParts(value);
  if (!parts) return null;
  if (parts.shape === 'serial') {
    const result = excelSerialToIso(parts.serial);
    return result ? { value: result, fix: 'date.excelSerial' } : null;
  }
  if (parts.shape === 'ymd') {
    const result = iso(parts.year, parts.month, parts.day);
    return result ? { value: result, fix: 'date.iso' } : null;
  }
  const evidence = orderEvidence(parts);
  const columnOrder = parts.dotted ? 'dmy' : order;
  let chosen: DateOrder;
  if (evidence === null) return null;
  if (evidence === 'same') chosen = 'mdy';
  else if (evidence === 'either') {
    if (!columnOrder) return null;
    chosen = columnOrder;
  } else {
    if (columnOrder && columnOrder !== evidence) return null;
    chosen = evidence;
  }
  const result =
    chosen === 'dmy'
      ? iso(parts.year, parts.second, parts.first)
      : iso(parts.year, parts.first, parts.second);
  return result ? { value: result, fix: 'date.iso' } : null;
}

/** Dates in the common shapes and Excel serial numbers -> YYYY-MM-DD, using the column's day/month order. */
export const normalizeDate: Fix = (value, field, context) =>
  toIsoDate(value, context.dateOrderByField?.[field.header] ?? context.dateOrder);

/** How many values of a column are day-first, month-first or either, counting slashed and dashed dates. */
export type DateOrderEvidence = { dayFirst: number; monthFirst: number; ambiguous: number };

export function emptyDateEvidence(): DateOrderEvidence {
  return { dayFirst: 0, monthFirst: 0, ambiguous: 0 };
}

/** Adds one value's evidence; dotted dates say nothing (their order is the convention, not a choice). */
export function addDateEvidence(evidence: DateOrderEvidence, value: string): void {
  const parts = parseDateParts(value);
  if (parts?.shape !== 'numeric' || parts.dotted) return;
  const says = orderEvidence(parts);
  if (says === 'dmy') evidence.dayFirst++;
  else if (says === 'mdy') evidence.monthFirst++;
  else if (says === 'either') evidence.ambiguous++;
}

/** The order the evidence decides: only one side seen. Both or neither: null, the user picks. */
export function orderFromEvidence(evidence: DateOrderEvidence): DateOrder | null {
  if (evidence.dayFirst > 0 && evidence.monthFirst === 0) return 'dmy';
  if (evidence.monthFirst > 0 && evidence.dayFirst === 0) return 'mdy';
  return null;
}

/**
 * Decides a column's day/month order from its values: a first number over 12 anywhere means day-first, a
 * second number over 12 means month-first. Null when nothing decides or the column contradicts itself.
 */
export function decideDateOrder(values: Iterable<string>): DateOrder | null {
  const evidence = emptyDateEvidence();
  for (const value of values) addDateEvidence(evidence, value);
  return orderFromEvidence(evidence);
}
