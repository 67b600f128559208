import { foldKey, foldWords } from '../fix/fold';
import { isTypeHeader, numberedHeader } from './name-candidates';
import type { SystemKind } from './types';

// Columns the old system kept for itself: its IDs, ratings and scores, coordinates and time zones, the labels
// of other columns, its own clock (changed, confirmed), filler every row repeats. They carry nothing a person
// wants on a contact's whiteboard, so they are left out by default (the Map screen lists them, to change), and
// their values never make a column look like a template field.

const idWords = new Set([
  'id',
  'ids',
  'uid',
  'guid',
  'uuid',
  'key',
  'token',
  'leid',
  'euid',
  'ref',
  'reference',
]);
// An ID named by its last word: "Cust No.", "Member Number", "Record #", "Kundenr".
const idLastWords = new Set(['no', 'nr', 'number', 'num', 'nummer', 'nummber']);
const ratingWords = new Set(['rating', 'ratings', 'score', 'rank', 'ranking', 'stars', 'poeng', 'vurdering']);
const coordinateWords = new Set([
  'latitude',
  'longitude',
  'lat',
  'lng',
  'lon',
  'coordinates',
  'geo',
  'geolocation',
  'breddegrad',
  'lengdegrad',
]);
const timeZoneWords = new Set(['timezone', 'tz', 'gmtoff', 'dstoff', 'offset', 'utc', 'tidssone']);
const technicalWords = new Set([
  'ip',
  'browser',
  'device',
  'useragent',
  'modified',
  'updated',
  'update',
  'changed',
  'confirm',
  'network',
  'photo',
  'avatar',
  'picture',
  'image',
  'version',
  'revision',
  'yomi',
  'phonetic',
  'associated',
  'utm',
  'gclid',
  'endret',
  'oppdatert',
]);
// Whole headers that Outlook and Google write for their own bookkeeping.
const technicalHeaders = new Set(
  [
    'sensitivity',
    'priority',
    'private',
    'initials',
    'mileage',
    'billing information',
    'directory server',
    'internet free busy',
    'subject',
    'file as',
    'start date',
    'is organization',
  ].map(foldKey),
);
// Names the people in the file already have in their name columns.
const redundantNameWords = ['display name', 'file as'];
// Words that mean "nothing set": a column of only these, the same in every row, is filler.
const fillerValues = new Set([
  'normal',
  'false',
  'no',
  '0',
  'unspecified',
  'none',
  'n/a',
  'na',
  'default',
  'smtp',
  'ex',
  'null',
  '-',
  '0/0/00',
  '00/00/0000',
  '0000-00-00',
]);
// Ways to reach a person: "Skype ID" is an address for a person, not the old system's ID.
const channelWords = new Set(['skype', 'whatsapp', 'telegram', 'wechat', 'signal', 'slack', 'github']);
// Mailchimp's location block (guessed from the sign-up IP): its REGION and CC are not the address.
const geoBlockHeaders = new Set(['latitude', 'longitude', 'gmtoff', 'dstoff', 'timezone'].map(foldKey));
const geoBlockGuesses = new Set(['region', 'cc', 'country code'].map(foldKey));

// Words that say what a column is: whatever its values look like, they are not a phone, a ZIP or a choice.
const somethingElseWords = new Set([
  ...idWords,
  ...ratingWords,
  ...coordinateWords,
  ...timeZoneWords,
  ...technicalWords,
  'code',
  'count',
  'total',
  'year',
  'years',
  'age',
  'percent',
  'qty',
  'quantity',
  'price',
  'amount',
  'revenue',
  'size',
  'date',
  'time',
  'day',
  'days',
  'month',
  'hours',
  'income',
  'salary',
  'weight',
  'height',
]);

/** Whether a header's words name something other than a template field's value (an ID, an offset…). */
export function namedAsSomethingElse(words: readonly string[]): boolean {
  const last = words.at(-1);
  return words.some((w) => somethingElseWords.has(w)) || (last !== undefined && idLastWords.has(last));
}

export type SystemColumn = Readonly<{ kind: SystemKind; detail: string }>;

/**
 * Why a column is the old system's own (and so left out by default), or null when it may carry something a
 * person wants. `headers` are all of the file's headers (a label column is recognised by its value column).
 */
export function systemColumn(
  header: string,
  words: readonly string[],
  values: readonly string[],
  headers: readonly string[],
): SystemColumn | null {
  const key = foldKey(header);
  if (geoBlockGuesses.has(key) && headers.some((h) => geoBlockHeaders.has(foldKey(h)))) {
    return { kind: 'coordinates', detail: 'a location guessed from the sign-up IP address' };
  }
  if (words.some((w) => coordinateWords.has(w))) return { kind: 'coordinates', detail: 'map coordinates' };
  if (words.some((w) => timeZoneWords.has(w))) {
    // "Start Date (UTC)": a time stamp of the old system, not a time zone.
    return words.some((w) => w === 'date' || w === 'time')
      ? { kind: 'technical', detail: 'the old system’s own bookkeeping' }
      : { kind: 'timeZone', detail: 'a time zone or clock offset' };
  }
  if (words.some((w) => ratingWords.has(w))) return { kind: 'rating', detail: 'a rating or score' };
  if (isLabelColumn(header, headers)) return { kind: 'label', detail: 'the label of another column' };
  const last = words.at(-1);
  if (
    !words.some((w) => channelWords.has(w)) &&
    (header.trim().endsWith('#') ||
      words.some((w) => idWords.has(w)) ||
      (last !== undefined && idLastWords.has(last) && words[1] !== 'of'))
  ) {
    return { kind: 'id', detail: 'an ID of the old system' };
  }
  if (technicalHeaders.has(key) || words.some((w) => technicalWords.has(w))) {
    return { kind: 'technical', detail: 'the old system’s own bookkeeping' };
  }
  if (isFiller(values)) return { kind: 'filler', detail: 'the same filler in every row' };
  return null;
}

/** A column that repeats another's name (`Display Name`, `File As`): redundant once the names are mapped. */
export function isRedundantName(words: readonly string[]): boolean {
  const text = words.join(' ');
  return redundantNameWords.some((name) => text === name || text.endsWith(` ${name}`));
}

/** "E-mail 1 - Label" next to "E-mail 1 - Value", "E-mail Type" next to "E-mail Address". */
function isLabelColumn(header: string, headers: readonly string[]): boolean {
  if (isTypeHeader(numberedHeader(header))) return true;
  const words = foldWords(header);
  const match = /^(.+) (type|label)$/.exec(words);
  if (!match) return false;
  const group = match[1];
  return headers.some((other) =>
    ['address', 'value', 'number', 'formatted'].some((part) => foldWords(other) === `${group} ${part}`),
  );
}

function isFiller(values: readonly string[]): boolean {
  if (values.length < 2) return false;
  const first = values[0].trim().toLowerCase();
  return fillerValues.has(first) && values.every((v) => v.trim().toLowerCase() === first);
}
