import type { FieldKind } from '../template';
import { choiceFromWord, flagFromWord } from './choice';
import { normalizeDate } from './dates';
import { extractEmail } from './email';
import { lookupNameToId } from './lookup';
import { normalizePhone } from './phone';
import { formatCanadianPostal, formatZipPlus4, padZipLeadingZero } from './postal';
import { normalizeRegion } from './region';
import { dropEmptyTags } from './tags';
import { trimInvisible } from './text';
import type { Fix } from './types';
import { wholeFromAmount } from './whole';

/**
 * The fixes tried for each kind, in order; the first whose result passes the column's rule wins. Trimming
 * comes first everywhere, so a cell that only had a stray space is reported as exactly that.
 */
export const fixersByKind: Readonly<Record<FieldKind, readonly Fix[]>> = {
  text: [trimInvisible],
  phone10: [trimInvisible, normalizePhone],
  flag01: [trimInvisible, flagFromWord],
  email: [trimInvisible, extractEmail],
  region: [trimInvisible, normalizeRegion],
  postal: [trimInvisible, formatCanadianPostal, formatZipPlus4, padZipLeadingZero],
  date: [trimInvisible, normalizeDate],
  whole: [trimInvisible, wholeFromAmount],
  choice: [trimInvisible, choiceFromWord],
  idRef: [trimInvisible, lookupNameToId],
  tags: [trimInvisible, dropEmptyTags],
};

/** Every fix by the name it reports, for documentation and "apply all of a kind" menus. */
export const fixNames = [
  'text.trim',
  'phone.digits',
  'flag.word',
  'email.address',
  'region.code',
  'postal.canada',
  'postal.zip4',
  'postal.zeroPad',
  'date.iso',
  'date.excelSerial',
  'whole.number',
  'choice.word',
  'id.name',
  'tags.empty',
] as const;
export type FixName = (typeof fixNames)[number];
