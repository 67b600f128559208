import type { Locale } from '../locale';
import type { ReadErrorCode, ReadFailure } from './errors';

// Why a file could not be read, in each language, as the end of a sentence ("This file cannot be opened: …").
// The codec's own `message` is the English diagnosis for the CLI (it may name a part of a zip or a row); these
// say the same for people in the language they chose, with the file's line where one is to blame.

type ReadWords = Readonly<Record<ReadErrorCode, (line: string) => string>>;

const en: ReadWords = {
  'file.empty': () => 'the file is empty',
  'file.html': () =>
    'this is a web page or an XML file, not a spreadsheet; open it in Excel and save it as .xlsx or CSV',
  'encoding.unknown': () =>
    'the file is not text in UTF-8, UTF-16 or Windows-1252 (it looks like binary data); if it is text, choose its encoding',
  'encoding.mixed': (line) =>
    `the file mixes UTF-8 with another encoding${line}, so some characters would come out wrong; choose its encoding`,
  'encoding.invalid': (line) =>
    `the text is not valid in the chosen encoding${line}; choose another encoding`,
  'csv.rowTooLong': (line) => `a line runs on without ending${line}; this is not a contact list`,
  'csv.unterminatedQuote': (line) =>
    `a quote is never closed${line}, so the rest of the file would be one cell`,
  'sheet.noRows': () => 'the file has no rows, only blank lines',
  'sheet.notFound': () => 'the workbook has no sheet of that name',
  'sheet.none': () => 'the workbook has no worksheets',
  'sheet.hidden': () => 'the sheet is hidden in the workbook; unhide it in Excel, or ask for it by its name',
  'xlsx.legacy': () =>
    'this is an old Excel 97-2003 workbook (.xls), which ListPrep does not read; open it in Excel and save it as .xlsx or CSV',
  'xlsx.encrypted': () =>
    'the workbook is protected by a password; open it in Excel, remove the password and save it as .xlsx or CSV',
  'xlsx.notWorkbook': () =>
    'the file is named like an Excel workbook but is not one; save it as .xlsx or CSV',
  'xlsx.corrupt': () => 'the workbook is damaged; open it in Excel and save it again',
  'xlsx.tooLarge': () =>
    'the workbook holds more than ListPrep reads from Excel files; save it as CSV and open that',
  'xlsx.zipBomb': () => 'the workbook unpacks to far more than it could hold; it is damaged or made to harm',
  'xlsx.doctype': () =>
    'the workbook holds markup that Excel never writes; open it in Excel and save it again',
  'xlsx.ambiguous': () =>
    'the workbook can be read two ways (its parts disagree with its table of contents); open it in Excel and save it again',
};

const nb: ReadWords = {
  'file.empty': () => 'filen er tom',
  'file.html': () =>
    'dette er en nettside eller en XML-fil, ikke et regneark; åpne den i Excel og lagre den som .xlsx eller CSV',
  'encoding.unknown': () =>
    'filen er ikke tekst i UTF-8, UTF-16 eller Windows-1252 (den ser ut som binære data); er den tekst, velg tegnkodingen',
  'encoding.mixed': (line) =>
    `filen blander UTF-8 med en annen tegnkoding${line}, så noen tegn ville blitt feil; velg tegnkodingen`,
  'encoding.invalid': (line) =>
    `teksten er ikke gyldig i den valgte tegnkodingen${line}; velg en annen tegnkoding`,
  'csv.rowTooLong': (line) => `en linje fortsetter uten å ta slutt${line}; dette er ikke en kontaktliste`,
  'csv.unterminatedQuote': (line) =>
    `et anførselstegn lukkes aldri${line}, så resten av filen ville blitt én celle`,
  'sheet.noRows': () => 'filen har ingen rader, bare tomme linjer',
  'sheet.notFound': () => 'arbeidsboken har ikke noe ark med det navnet',
  'sheet.none': () => 'arbeidsboken har ingen regneark',
  'sheet.hidden': () => 'arket er skjult i arbeidsboken; vis det i Excel, eller be om det ved navn',
  'xlsx.legacy': () =>
    'dette er en gammel Excel 97-2003-arbeidsbok (.xls), som ListPrep ikke leser; åpne den i Excel og lagre den som .xlsx eller CSV',
  'xlsx.encrypted': () =>
    'arbeidsboken er beskyttet med passord; åpne den i Excel, fjern passordet og lagre den som .xlsx eller CSV',
  'xlsx.notWorkbook': () =>
    'filen heter som en Excel-arbeidsbok, men er ikke det; lagre den som .xlsx eller CSV',
  'xlsx.corrupt': () => 'arbeidsboken er skadet; åpne den i Excel og lagre den på nytt',
  'xlsx.tooLarge': () =>
    'arbeidsboken rommer mer enn ListPrep leser fra Excel-filer; lagre den som CSV og åpne den',
  'xlsx.zipBomb': () =>
    'arbeidsboken pakkes ut til langt mer enn den kan romme; den er skadet eller laget for å gjøre skade',
  'xlsx.doctype': () =>
    'arbeidsboken har markering som Excel aldri skriver; åpne den i Excel og lagre den på nytt',
  'xlsx.ambiguous': () =>
    'arbeidsboken kan leses på to måter (delene stemmer ikke med innholdsfortegnelsen); åpne den i Excel og lagre den på nytt',
};

export const readErrorWords: Readonly<Record<Locale, ReadWords>> = { en, nb };

const onLine: Readonly<Record<Locale, (line: number) => string>> = {
  en: (line) => ` (line ${line.toLocaleString('en-US')})`,
  nb: (line) => ` (linje ${line.toLocaleString('nb-NO')})`,
};

/** Why a file could not be read, for people, in their language. */
export function readFailureText(locale: Locale, failure: Pick<ReadFailure, 'code' | 'line'>): string {
  const line = failure.line === undefined ? '' : onLine[locale](failure.line);
  return readErrorWords[locale][failure.code](line);
}
