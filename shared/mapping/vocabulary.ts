import { foldKey } from '../fix/fold';

// Words about a header that are not about the template: which of several addresses or phones a column is
// ("Business Street", "Home City", "Mailing Zip", "Jobb e-post"). A name without them is weaker evidence.
export const qualifierWords: ReadonlySet<string> = new Set([
  'home',
  'business',
  'work',
  'mailing',
  'primary',
  'other',
  'personal',
  'private',
  'main',
  'office',
  'contact',
  'default',
  'preferred',
  'billing',
  'shipping',
  'hjem',
  'privat',
  'jobb',
  'arbeid',
  'kontakt',
]);

// Names so generic that a file may use them for something else: a bare "Phone" in a Salesforce or Zoho
// export is the main (often office) number next to a "Mobile" column; "Title" in Outlook is Mr./Ms.;
// Mailchimp's "REGION" is a guess from the IP address. They still map when nothing better claims the field.
export const weakNames: ReadonlySet<string> = new Set(
  [
    'phone',
    'phone number',
    'telephone',
    'tel',
    'telefon',
    'telefonnummer',
    'tlf',
    'number',
    'mail',
    'title',
    'role',
    'position',
    'type',
    'status',
    'stage',
    'source',
    'category',
    'region',
    'id',
    'x',
    'st',
    'first',
    'last',
    'by',
    'sted',
    'kilde',
    'owner',
    'eier',
  ].map(foldKey),
);

// Headers that hold a whole name. Split into first and last name only when the file has neither.
export const fullNameHeaders: ReadonlySet<string> = new Set(
  [
    'name',
    'full name',
    'fullname',
    'contact name',
    'contact',
    'display name',
    'customer name',
    'person',
    'person name',
    'lead name',
    'navn',
    'fullt navn',
    'kontaktnavn',
    'kontaktperson',
    'kundenavn',
  ].map(foldKey),
);

// Headers whose values look like a template field's but are not it: "Ms." in a salutation column is not a
// gender, a country code is not a state. Content sniffing skips them; they stay notes.
export const notTemplateHeaders: ReadonlySet<string> = new Set(
  [
    'salutation',
    'anrede',
    'name prefix',
    'prefixes',
    'prefix',
    'honorific',
    'tiltale',
    'suffix',
    'name suffix',
    'middle name',
    'additional name',
    'nickname',
    'country',
    'country code',
    'country region',
    'land',
    'language',
    'timezone',
    'time zone',
  ].map(foldKey),
);

/** The header without leading qualifier words (`business postal code` -> `postal code`), or null if none. */
export function withoutQualifiers(words: string): string | null {
  const parts = words.split(' ');
  let start = 0;
  while (start < parts.length - 1 && qualifierWords.has(parts[start])) start++;
  return start === 0 ? null : parts.slice(start).join(' ');
}
