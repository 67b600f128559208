import type { FieldDef, Lookups, Template } from '../template';
import type { IssueCode } from './codes';
import { checkIsoDate } from './dates';
import { checkEmail } from './email';

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

const checkText: CellCheck = (value) => (hasInvisibleEdge(value) ? 'text.whitespace' : null);

const checkPhone10: CellCheck = (value) => (value.length === 10 && allDigits(value) ? null : 'phone.digits');

const checkFlag01: CellCheck = (value) => (value === '1' || value === '0' ? null : 'flag.value');

const checkEmailCell: CellCheck = (value) => {
  const verdict = checkEmail(value);
  return verdict === 'ok' ? null : verdict === 'tooLong' ? 'email.tooLong' : 'email.format';
};

// Whole numbers beyond 15 digits stop being exact in spreadsheets and JavaScript alike.
const maxWholeDigits = 15;
const checkWhole: CellCheck = (value) => {
  if (!allDigits(value)) return 'whole.format';
  return value.length > maxWholeDigits ? 'whole.tooLarge' : null;
};

const checkDate: CellCheck = (value) => {
  const verdict = checkIsoDate(value);
  return verdict === 'ok' ? null : verdict === 'invalid' ? 'date.invalid' : 'date.format';
};

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

const checkPostal: CellCheck = (value) => (isPostalCode(value) ? null : 'postal.format');

const checkTags: CellCheck = (value) => {
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
};

function setCheck(allowed: ReadonlySet<string>, code: IssueCode): CellCheck {
  return (value) => (allowed.has(value) ? null : code);
}

/** Compiles one field's rule. Empty cells never reach a check: emptiness is a row rule (required). */
export function compileCellCheck(
  field: FieldDef,
  template: Template,
  lookups: Lookups | undefined,
): CellCheck {
  switch (field.kind) {
    case 'text':
      return checkText;
    case 'phone10':
      return checkPhone10;
    case 'flag01':
      return checkFlag01;
    case 'email':
      return checkEmailCell;
    case 'region':
      return setCheck(new Set(template.regions.map((r) => r.code)), 'state.unknown');
    case 'postal':
      return checkPostal;
    case 'date':
      return checkDate;
    case 'whole':
      return checkWhole;
    case 'choice':
      return setCheck(new Set((field.choices ?? []).map((c) => c.value)), 'choice.value');
    case 'idRef': {
      const list = field.lookup ? lookups?.[field.lookup] : undefined;
      if (!list) return (value) => (allDigits(value) ? null : 'id.format');
      return setCheck(new Set(list.map((item) => item.id)), 'id.unknown');
    }
    case 'tags':
      return checkTags;
  }
}
