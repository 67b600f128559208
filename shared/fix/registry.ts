import type { FieldKind } from '../template';
import { choiceFromWord, flagFromWord } from './choice';
import { countryCode } from './country';
import { listItemWord } from './list-item';
import { optInWord } from './opt-in';
import { internationalPhone } from './phone-intl';
import { norwegianPostcode } from './postal-no';
import { normalizeDate } from './dates';
import { extractEmail } from './email';
import { lookupNameToId } from './lookup';
import { normalizePhone } from './phone';
import { formatCanadianPostal, formatZipPlus4, padZipLeadingZero } from './postal';
import { normalizeRegion } from './region';
import { dropEmptyTags } from './tags';
import { removeControls, removeInvisible, trimInvisible } from './text';
import type { Fix } from './types';
import { wholeFromAmount } from './whole';

/**
 * The fixes tried for each kind, in order; the first whose result passes the column's rule wins. Trimming
 * comes first everywhere, so a cell that only had a stray space is reported as exactly that; removing
 * control characters comes next (a `1\u0000` flag is then `1`).
 */
export const fixersByKind: Readonly<Record<FieldKind, readonly Fix[]>> = {
  text: [trimInvisible, removeInvisible, removeControls],
  phone10: [trimInvisible, removeControls, normalizePhone],
  flag01: [trimInvisible, removeControls, flagFromWord],
  email: [trimInvisible, removeControls, extractEmail],
  region: [trimInvisible, removeControls, normalizeRegion],
  postal: [trimInvisible, removeControls, formatCanadianPostal, formatZipPlus4, padZipLeadingZero],
  date: [trimInvisible, removeControls, normalizeDate],
  whole: [trimInvisible, removeControls, wholeFromAmount],
  choice: [trimInvisible, removeControls, choiceFromWord],
  idRef: [trimInvisible, removeControls, lookupNameToId],
  tags: [trimInvisible, removeInvisible, removeControls, dropEmptyTags],
  phoneIntl: [trimInvisible, removeControls, internationalPhone],
  postalNo: [trimInvisible, removeControls, norwegianPostcode],
  country: [trimInvisible, removeControls, countryCode],
  optIn: [trimInvisible, removeControls, optInWord],
  listItem: [trimInvisible, removeControls, listItemWord],
};

/** Every fix by the name it reports, for documentation and "apply all of a kind" menus. */
export const fixNames = [
  'text.trim',
  'text.invisible',
  'text.controls',
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
  'placeholder.clear',
  'multi.first',
  'multi.rest',
  'phone.international',
  'postal.norway',
  'country.code',
  'optIn.word',
  'list.item',
] as const;
export type FixName = (typeof fixNames)[number];
