import type { DuplicateMatch } from '../duplicate-index';
import { type MessageGroup, type MessageTable, mergeSameRows } from './types';

const rows = (group: MessageGroup | undefined) => {
  if (!group) return 'other rows';
  const shown = group.rows.join(', ');
  const more = group.more > 0 ? ` and ${group.more} more` : '';
  return group.rows.length + group.more === 1 ? `row ${shown}` : `rows ${shown}${more}`;
};

const pairWords = {
  value: 'value',
  namePhone: 'name and phone',
  emailPhone: 'email and phone',
  nameEmail: 'name and email',
} as const;

const pairs = (matches: readonly DuplicateMatch[]) =>
  matches.length === 3
    ? 'the same name, phone and email'
    : matches.map((match) => `the same ${pairWords[match]}`).join(' and ');

/** "the same name and phone as rows 3, 7, and the same email and phone as row 9" */
const sameAs = (groups: readonly MessageGroup[]) =>
  mergeSameRows(groups)
    .map((m) => `${pairs(m.matches)} as ${rows(m.group)}`)
    .join(', and ');

// Written for someone who has never heard of a "template": say what is wrong and how to put it right.
export const en: MessageTable = {
  'required.missing': (p) => `${p.label} is required. Type it in, or delete the row if it is not a contact.`,
  'text.whitespace': (p) => `${p.label} has spaces or invisible characters at the start or end. Remove them.`,
  'phone.digits': (p) =>
    `${p.label} must be exactly 10 digits with nothing else: no +1, spaces, dashes, dots or brackets. Example: 5551234567.`,
  'flag.value': (p) => `${p.label} must be 1 (yes) or 0 (no).`,
  'email.format': (p) => `${p.label} is not a valid email address. It should look like name@example.com.`,
  'email.tooLong': (p) => `${p.label} is longer than 254 characters, too long for an email address.`,
  'email.duplicate': (p) =>
    `This email is also used in ${rows(p.groups[0])}. Each contact needs its own email: remove the duplicate rows or correct the address.`,
  'value.duplicate': (p) =>
    `${p.label} must be different on every row; it is also used in ${rows(p.groups[0])}.`,
  'state.unknown': (p) =>
    `${p.label} must be a 2-letter US state or Canadian province code in capitals, like CA, NY or ON.`,
  'postal.format': (p) =>
    `${p.label} must be a US ZIP code (12345, 12345-6789 or 12345-6789-01) or a Canadian postal code like K1A 0B1.`,
  'date.format': (p) =>
    `${p.label} must be a date written as YYYY-MM-DD, for example 2021-03-04 for 4 March 2021.`,
  'date.invalid': (p) =>
    `${p.label} is not a real date (check the month and the day). Write it as YYYY-MM-DD.`,
  'whole.format': (p) =>
    `${p.label} must be a whole number, with no decimals, spaces, commas or currency signs.`,
  'whole.tooLarge': (p) => `${p.label} has more than 15 digits, too large for the CRM to keep exactly.`,
  'choice.value': (p) => `${p.label} must be one of: ${p.allowed}.`,
  'id.format': (p) => `${p.label} must be an ID number copied from ${p.crm || 'the CRM'}.`,
  'id.unknown': (p) => `${p.label} is not an ID in this account. Use one of: ${p.allowed}.`,
  'tags.empty': (p) => `${p.label} has an empty tag between two commas. Remove the extra comma.`,
  'cell.tooLong': (p) =>
    `${p.label} has more than 32,767 characters, more than Excel and the CRM keep in one cell. Shorten it.`,
  'text.control': (p) =>
    `${p.label} contains control characters (such as NUL or ESC) that cannot be seen and that the CRM cannot store. Remove them.`,
  'text.invisible': (p) =>
    `${p.label} contains invisible characters (direction marks or zero-width spaces) that can make it look different from what it holds. Remove them.`,
  'email.mixedScript': (p) =>
    `${p.label} mixes letters of different alphabets (such as a Cyrillic "а" among Latin letters): it looks like another address but is not the same. Check how it is written.`,
  'contact.likelyDuplicate': (p) =>
    p.groups.length > 1
      ? `This contact has ${sameAs(p.groups)}. Keep one, merge them, or leave both if they are different people.`
      : `This contact looks like ${rows(p.groups[0])}: two of name, phone and email are the same. Keep one, merge them, or leave both if they are different people.`,
  'value.excelError': (p) =>
    `${p.label} holds the spreadsheet error ${p.value}, not a value: a formula failed in the file. Type the right value, or correct the formula in Excel and save the file again.`,
  'phone.international': (p) =>
    `${p.label} must be a phone number in international form: + and the country code, then the digits, with nothing else. Example: +4791234567.`,
  'postal.norway': (p) => `${p.label} must be a Norwegian postcode: exactly 4 digits, like 0150.`,
  'country.unknown': (p) =>
    p.allowed
      ? `${p.label} must be one of this account's countries: ${p.allowed}.`
      : `${p.label} must be a country code of 2 capital letters, like NO, SE or US.`,
  'optIn.value': (p) => `${p.label} must be ${p.allowed}.`,
  'list.unknown': (p) => `${p.label} must be one of this account's list items: ${p.allowed}.`,
  'keys.noneFilled': (p) =>
    `Fill in at least one of ${p.allowed}: ${p.crm || 'the CRM'} uses them as keys${p.group ? ` (${p.group})` : ''}, and cannot import the row without one.`,
  'group.keyMissing': (p) =>
    `${p.label} is required on a row with other ${p.group} data: without it ${p.crm || 'the CRM'} cannot create the ${p.group}.`,
};
