import type { SystemKind } from '../../shared/mapping';
import type { Locale } from '../../shared/validate';

// The words of the first-try steps (a guess to check, the value-mapping step, "Fix everything safe", dead ends),
// kept apart from en.ts and nb.ts so these screens' words can change without touching the shared tables.

const en = {
  guessCheck: 'Check this',
  leftOut: (what: string) => `Left out: ${what}`,
  system: {
    id: 'an ID of the old system',
    rating: 'a rating',
    coordinates: 'map coordinates',
    timeZone: 'a time zone',
    label: 'a label of another column',
    technical: 'a setting of the old system',
    filler: 'the same value in every row',
  } as Readonly<Record<SystemKind, string>>,
  guessHelp:
    'Guessed from the values, not the column name. Nothing is fixed in this column until you confirm.',
  guessConfirm: 'Confirm',
  guessConfirmLabel: (header: string, field: string) => `Confirm that ${header} is ${field}`,
  mapValues: 'Map values…',
  /** Said after "Map values…" to screen readers, so each row's button is told apart. */
  mapValuesOf: (header: string) => ` (${header})`,
  valueMapTitle: (header: string, field: string) => `Values of ${header} → ${field}`,
  valueMapHelp:
    'Choose what each value of the file becomes. A value left as written stays for you to look at later.',
  valueInFile: 'Value in the file',
  valueRows: 'Rows',
  valueBecomes: 'Becomes',
  valueAsWritten: '(as written)',
  valueMore: (n: number) => `…and ${n} more values, not listed: this column is free text, not a list.`,
  valueMapSave: 'Use these values',
  valueMapMapped: (n: number) => (n === 1 ? '1 value mapped' : `${n} values mapped`),
  noLookupList: 'Load the account’s lists (Load lookups) to map names to IDs.',
  fixAllSafe: 'Fix everything safe',
  fixAllSafeTitle: (n: number) => (n === 1 ? 'Fix 1 cell safely' : `Fix ${n} cells safely`),
  fixAllSafeHelp:
    'Only fixes that keep each value’s meaning. What needs a person stays. One undo puts everything back.',
  fixKind: 'Fix',
  fixCount: 'Cells',
  inColumn: 'Column',
  deadEndsTitle: 'Values the template cannot hold',
  deadEndCount: (count: number, filled: number, column: string) =>
    `${count} of ${filled} values in ${column} cannot go in.`,
  deadEndNotes: 'Move to notes',
  deadEndClear: 'Clear them',
  deadEndKeep: 'Keep for a person',
  deadEndNotesTitle: (column: string) => `Move the values ${column} cannot hold to the notes`,
  deadEndClearTitle: (column: string) => `Clear the values ${column} cannot hold`,
};

type FirstTryWords = typeof en;

const nb: FirstTryWords = {
  guessCheck: 'Sjekk dette',
  leftOut: (what) => `Utelatt: ${what}`,
  system: {
    id: 'en ID fra det gamle systemet',
    rating: 'en vurdering',
    coordinates: 'kartkoordinater',
    timeZone: 'en tidssone',
    label: 'en etikett for en annen kolonne',
    technical: 'en innstilling i det gamle systemet',
    filler: 'samme verdi i hver rad',
  },
  guessHelp: 'Gjettet ut fra verdiene, ikke kolonnenavnet. Ingenting rettes i kolonnen før du bekrefter.',
  guessConfirm: 'Bekreft',
  guessConfirmLabel: (header, field) => `Bekreft at ${header} er ${field}`,
  mapValues: 'Koble verdier…',
  mapValuesOf: (header) => ` (${header})`,
  valueMapTitle: (header, field) => `Verdier i ${header} → ${field}`,
  valueMapHelp:
    'Velg hva hver verdi i filen skal bli. En verdi som står som skrevet, blir stående til du ser på den.',
  valueInFile: 'Verdi i filen',
  valueRows: 'Rader',
  valueBecomes: 'Blir',
  valueAsWritten: '(som skrevet)',
  valueMore: (n) => `…og ${n} verdier til, ikke vist: kolonnen er fritekst, ikke en liste.`,
  valueMapSave: 'Bruk disse verdiene',
  valueMapMapped: (n) => (n === 1 ? '1 verdi koblet' : `${n} verdier koblet`),
  noLookupList: 'Last inn kontoens lister (Last inn oppslag) for å koble navn til ID-er.',
  fixAllSafe: 'Rett alt trygt',
  fixAllSafeTitle: (n) => (n === 1 ? 'Rett 1 celle trygt' : `Rett ${n} celler trygt`),
  fixAllSafeHelp:
    'Bare rettinger som beholder verdiens mening. Det som trenger en person, blir stående. Én angring setter alt tilbake.',
  fixKind: 'Retting',
  fixCount: 'Celler',
  inColumn: 'Kolonne',
  deadEndsTitle: 'Verdier malen ikke kan ta',
  deadEndCount: (count, filled, column) => `${count} av ${filled} verdier i ${column} kan ikke tas med.`,
  deadEndNotes: 'Flytt til notater',
  deadEndClear: 'Tøm dem',
  deadEndKeep: 'La en person se på dem',
  deadEndNotesTitle: (column) => `Flytt verdiene ${column} ikke kan ta, til notatene`,
  deadEndClearTitle: (column) => `Tøm verdiene ${column} ikke kan ta`,
};

export function firstTryWords(locale: Locale): FirstTryWords {
  return locale === 'nb' ? nb : en;
}

export const fixNames: Readonly<Record<Locale, Readonly<Record<string, string>>>> = {
  en: {
    'phone.digits': 'phone as 10 digits',
    'text.trim': 'spaces trimmed',
    'date.iso': 'date as YYYY-MM-DD',
    'choice.word': 'word to the template’s value',
    'placeholder.clear': 'placeholder cleared',
    'multi.first': 'first of several values kept',
    'multi.rest': 'other values moved aside',
    'unfit.notes': 'moved to the notes',
    'unfit.clear': 'cleared',
    'date.excelSerial': 'Excel date number as a date',
    'email.address': 'address taken from the name around it',
    'flag.word': 'yes/no as 1/0',
    'id.name': 'name to its ID',
    'postal.canada': 'Canadian postal code spaced',
    'postal.zeroPad': 'ZIP code’s leading zero',
    'region.code': 'state as its code',
    'tags.empty': 'empty tags removed',
    'whole.number': 'whole number',
  },
  nb: {
    'phone.digits': 'telefon som 10 sifre',
    'text.trim': 'mellomrom fjernet',
    'date.iso': 'dato som ÅÅÅÅ-MM-DD',
    'choice.word': 'ord til malens verdi',
    'placeholder.clear': 'plassholder tømt',
    'multi.first': 'første av flere verdier beholdt',
    'multi.rest': 'andre verdier flyttet',
    'unfit.notes': 'flyttet til notatene',
    'unfit.clear': 'tømt',
    'date.excelSerial': 'Excel-datotall som dato',
    'email.address': 'adresse hentet ut fra navnet rundt',
    'flag.word': 'ja/nei som 1/0',
    'id.name': 'navn til ID',
    'postal.canada': 'kanadisk postnummer med mellomrom',
    'postal.zeroPad': 'ZIP-kodens innledende null',
    'region.code': 'delstat som kode',
    'tags.empty': 'tomme stikkord fjernet',
    'whole.number': 'helt tall',
  },
};

/** A fix's name for people; a fix with no name here shows its code (`email.lowercase`). */
export function fixName(locale: Locale, fix: string): string {
  return fixNames[locale][fix] ?? fix;
}
