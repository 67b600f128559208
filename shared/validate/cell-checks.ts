import { type FieldDef, isoCountryCodes, type Lookups, type Template } from '../template';
import type { IssueCode } from './codes';
import { checkIsoDate } from './dates';
import { checkEmail, mixesScripts } from './email';
import { controlMark, invisibleMark, maxCellLength, scanMarks } from './hidden-characters';
import { intlPhoneSupport } from './kind-support';

/**
 * A compiled cell rule: the raw cell text in, an issue code or null out. These run on every cell of every
 * row, so they are plain loops and Set lookups, with no allocation on the valid path.
 */
export type CellCheck = (value: string) => IssueCode | null;

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function allDigits(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (!isAsciiDigit(value.charCodeAt(i))) return false;
  return value.length > 0;
}

/** Space, tab, line breaks, no-break space, zero-width and bidi marks, BOM: invisible edges of a cell. */
export function isInvisibleEdge(code: number): boolean {
  return (
    code <= 32 ||
    code === 0xa0 ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    code === 0xfeff
  );
}

function hasInvisibleEdge(value: string): boolean {
  return isInvisibleEdge(value.charCodeAt(0)) || isInvisibleEdge(value.charCodeAt(value.length - 1));
}

// Whole numbers beyond 15 digits stop being exact in spreadsheets and JavaScript alike.
const maxWholeDigits = 15;

function checkWhole(value: string): IssueCode | null {
  if (!allDigits(value)) return 'whole.format';
  return value.length > maxWholeDigits ? 'whole.tooLarge' : null;
}

function checkDate(value: string): IssueCode | null {
  const verdict = checkIsoDate(value);
  return verdict === 'ok' ? null : verdict === 'invalid' ? 'date.invalid' : 'date.format';
}

function checkEmailCell(value: string): IssueCode | null {
  const verdict = checkEmail(value);
  if (verdict !== 'ok') return verdict === 'tooLong' ? 'email.tooLong' : 'email.format';
  return mixesScripts(value) ? 'email.mixedScript' : null;
}

function isUpperLetter(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** US `12345`, `12345-6789`, `12345-6789-01`; Canadian `A1A 1A1` in capitals with one space. */
export function isPostalCode(value: string): boolean {
  const n = value.length;
  if (n === 7 && value.charCodeAt(3) === 32) {
    return (
      isUpperLetter(value.charCodeAt(0)) &&
      isAsciiDigit(value.charCodeAt(1)) &&
      isUpperLetter(value.charCodeAt(2)) &&
      isAsciiDigit(value.charCodeAt(4)) &&
      isUpperLetter(value.charCodeAt(5)) &&
      isAsciiDigit(value.charCodeAt(6))
    );
  }
  if (n !== 5 && n !== 10 && n !== 13) return false;
  for (let i = 0; i < n; i++) {
    const code = value.charCodeAt(i);
    const dash = i === 5 || i === 10;
    if (dash ? code !== 45 : !isAsciiDigit(code)) return false;
  }
  return true;
}

/** A Norwegian postcode: exactly four digits (`0150`). */
export function isNorwegianPostcode(value: string): boolean {
  return value.length === 4 && allDigits(value);
}

/** `+` and digits only, the shape of E.164: checked before the library parses anything. */
function looksE164(value: string): boolean {
  if (value.charCodeAt(0) !== 43 || value.length < 4 || value.length > 16) return false;
  for (let i = 1; i < value.length; i++) if (!isAsciiDigit(value.charCodeAt(i))) return false;
  return true;
}

function checkTags(value: string): IssueCode | null {
  if (hasInvisibleEdge(value)) return 'text.whitespace';
  // An empty tag between commas ("vip,,gold") usually means a stray comma.
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i === value.length || value.charCodeAt(i) === 44) {
      if (value.slice(start, i).trim() === '') return 'tags.empty';
      start = i + 1;
    }
  }
  return null;
}

const kindCodes = {
  text: 0,
  phone10: 1,
  flag01: 2,
  email: 3,
  region: 4,
  postal: 5,
  date: 6,
  whole: 7,
  choice: 8,
  idRef: 9,
  tags: 10,
  idNumber: 11,
  phoneIntl: 12,
  postalNo: 13,
  /** One of the allowed values (the account's countries, opt-in words, list items): see the default case. */
  inSet: 14,
} as const;

const isoCountries: ReadonlySet<string> = new Set(isoCountryCodes);

/** The opt-in words a column takes: the list's own pair when it has one, else the field's yes and no words. */
export function optInWordsOf(field: FieldDef, lookups: Lookups | undefined): { yes: string[]; no: string[] } {
  const own = lookups?.optInWords;
  if (own) return { yes: [own.yes], no: [own.no] };
  return { yes: [...(field.optIn?.yes ?? [])], no: [...(field.optIn?.no ?? [])] };
}

/**
 * A column's rule, compiled once: a kind number and, for list kinds, the allowed values. `checkValue`
 * switches on the number, so the validator's inner loop has one call site that stays monomorphic and
 * inlinable - a closure per column would make it megamorphic and several times slower.
 */
export type ColumnRule = Readonly<{ kind: number; allowed: ReadonlySet<string> | null; code: IssueCode }>;

/** Compiles one field's rule. Empty cells never reach a check: emptiness is a row rule (required). */
export function compileColumnRule(
  field: FieldDef,
  template: Template,
  lookups: Lookups | undefined,
): ColumnRule {
  switch (field.kind) {
    case 'region': {
      // The account's states (Configio's Countries and States) when known, else the template's regions.
      const states = field.lookup ? lookups?.[field.lookup] : undefined;
      return {
        kind: kindCodes.region,
        allowed: new Set(states ? states.map((item) => item.id) : template.regions.map((r) => r.code)),
        code: 'state.unknown',
      };
    }
    case 'country': {
      const countries = field.lookup ? lookups?.[field.lookup] : undefined;
      return {
        kind: kindCodes.inSet,
        allowed: countries ? new Set(countries.map((item) => item.id)) : isoCountries,
        code: 'country.unknown',
      };
    }
    case 'optIn': {
      const words = optInWordsOf(field, lookups);
      return { kind: kindCodes.inSet, allowed: new Set([...words.yes, ...words.no]), code: 'optIn.value' };
    }
    case 'listItem': {
      const list = field.lookup ? lookups?.[field.lookup] : undefined;
      // An unknown list: any text will do (Configio takes the value as it is).
      if (!list) return { kind: kindCodes.text, allowed: null, code: 'text.whitespace' };
      return { kind: kindCodes.inSet, allowed: new Set(list.map((item) => item.id)), code: 'list.unknown' };
    }
    case 'phoneIntl':
      // Throws now, not on the first cell, when the library was not loaded (kind-support.ts).
      intlPhoneSupport();
      return { kind: kindCodes.phoneIntl, allowed: null, code: 'phone.international' };
    case 'choice':
      return {
        kind: kindCodes.choice,
        allowed: new Set((field.choices ?? []).map((c) => c.value)),
        code: 'choice.value',
      };
    case 'idRef': {
      const list = field.lookup ? lookups?.[field.lookup] : undefined;
      if (!list) return { kind: kindCodes.idNumber, allowed: null, code: 'id.format' };
      return { kind: kindCodes.idRef, allowed: new Set(list.map((item) => item.id)), code: 'id.unknown' };
    }
    default:
      return { kind: kindCodes[field.kind], allowed: null, code: 'text.whitespace' };
  }
}

// The error values of Excel (and of LibreOffice and Google Sheets, which share them). A workbook's error
// cells read as these (shared/codec); a CSV saved from a spreadsheet holds them as text.
const excelErrors: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#EXTERNAL!',
  '#PYTHON!',
]);

/**
 * Runs a compiled rule on a non-empty cell: an issue code, or null when the value is valid. A spreadsheet's
 * error value is never data, whatever the column. Before the column's own rule, what no column may hold:
 * more than Excel's 32,767 characters, control characters (NUL, ESC…; PostgreSQL text cannot hold NUL). After it, in text columns, direction marks and zero-width
 * characters inside the value (a warning: they make a cell read differently from what it holds).
 *
 * Only text and tag cells are scanned for them whatever they hold: every other column's rule rejects a
 * control character anyway, so its cells are scanned only when that rule fails (rarely), to say which it is.
 */
export function checkValue(rule: ColumnRule, value: string): IssueCode | null {
  if (value.charCodeAt(0) === 35 && excelErrors.has(value)) return 'value.excelError';
  if (value.length > maxCellLength) return 'cell.tooLong';
  switch (rule.kind) {
    case kindCodes.text:
      return checkText(value, hasInvisibleEdge(value) ? 'text.whitespace' : null);
    case kindCodes.phone10:
      return value.length === 10 && allDigits(value) ? null : failed(value, 'phone.digits');
    case kindCodes.flag01:
      return value === '1' || value === '0' ? null : failed(value, 'flag.value');
    case kindCodes.email:
      return orControl(value, checkEmailCell(value));
    case kindCodes.postal:
      return isPostalCode(value) ? null : failed(value, 'postal.format');
    case kindCodes.date:
      return orControl(value, checkDate(value));
    case kindCodes.whole:
      return orControl(value, checkWhole(value));
    case kindCodes.idNumber:
      return allDigits(value) ? null : failed(value, 'id.format');
    case kindCodes.tags:
      return checkText(value, checkTags(value));
    case kindCodes.phoneIntl:
      return looksE164(value) && intlPhoneSupport().isE164(value)
        ? null
        : failed(value, 'phone.international');
    case kindCodes.postalNo:
      return isNorwegianPostcode(value) ? null : failed(value, 'postal.norway');
    default:
      return rule.allowed?.has(value) ? null : failed(value, rule.code);
  }
}

/** A text or tag cell: control characters first, then its own rule's code, then invisible marks inside. */
function checkText(value: string, code: IssueCode | null): IssueCode | null {
  const marks = scanMarks(value);
  if (marks & controlMark) return 'text.control';
  return code === null && marks & invisibleMark ? 'text.invisible' : code;
}

/** A failed cell of another kind: a control character is named as such (the rule rejected it too). */
function failed(value: string, code: IssueCode): IssueCode {
  return scanMarks(value) & controlMark ? 'text.control' : code;
}

function orControl(value: string, code: IssueCode | null): IssueCode | null {
  return code === null ? null : failed(value, code);
}

/** One field's rule as a function, for callers outside the hot loop (fix tests, the server). */
export function compileCellCheck(
  field: FieldDef,
  template: Template,
  lookups: Lookups | undefined,
): CellCheck {
  const rule = compileColumnRule(field, template, lookups);
  return (value) => checkValue(rule, value);
}
