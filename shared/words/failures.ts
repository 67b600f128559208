import { type ReadErrorCode, readErrorCodes, readFailureText } from '../codec';
import type { Locale } from '../locale';

// The list engine's refusals in each language, as the end of a sentence the UI begins ("This file cannot be
// opened: …"). Read errors are worded by the codec's table; these are the engine's own. They live outside
// shared/list so the app's UI thread, which never runs engine code, can word what the worker answered.

/** Why the engine could not read a file: the codec's reasons, or the file's bytes stopped arriving. */
export type SourceErrorCode = ReadErrorCode | 'file.unreadable';

/** Why the engine refused a request. */
export type SessionErrorCode =
  | 'file.none'
  | 'list.none'
  | 'plan.stale'
  | 'row.gone'
  | 'read.cancelled'
  | 'target.unknown'
  | 'choice.unknown';

type EngineCode = 'file.unreadable' | SessionErrorCode;

const en: Readonly<Record<EngineCode, string>> = {
  'file.unreadable':
    'the file could not be read to the end (it changed, or the disk or network failed); try again',
  'file.none': 'no file is open',
  'list.none': 'map the columns first',
  'plan.stale': 'the list changed since this preview; preview it again',
  'row.gone': 'that row is no longer in the list',
  'read.cancelled': 'reading was stopped',
  'target.unknown': 'ListPrep has no template for that CRM',
  'choice.unknown': 'that is not one of the choices of this CRM’s import',
};

const nb: Readonly<Record<EngineCode, string>> = {
  'file.unreadable':
    'filen kunne ikke leses til slutt (den ble endret, eller disken eller nettet sviktet); prøv igjen',
  'file.none': 'ingen fil er åpen',
  'list.none': 'koble kolonnene først',
  'plan.stale': 'listen er endret siden denne forhåndsvisningen; forhåndsvis den på nytt',
  'row.gone': 'den raden er ikke lenger i listen',
  'read.cancelled': 'lesingen ble stoppet',
  'target.unknown': 'ListPrep har ingen mal for det CRM-et',
  'choice.unknown': 'det er ikke et av valgene i importen til dette CRM-et',
};

export const engineFailureWords: Readonly<Record<Locale, Readonly<Record<EngineCode, string>>>> = { en, nb };

const readCodes: ReadonlySet<string> = new Set(readErrorCodes);

/**
 * A failure from the engine worded for people in their language. A code no table knows (an internal error)
 * keeps its own message: it is a fault to report, not a thing the person can act on.
 */
export function failureText(
  locale: Locale,
  failure: Readonly<{ code: string; message: string; line?: number }>,
): string {
  if (readCodes.has(failure.code)) {
    return readFailureText(locale, { code: failure.code as ReadErrorCode, line: failure.line });
  }
  const words = engineFailureWords[locale] as Readonly<Record<string, string>>;
  return Object.hasOwn(words, failure.code) ? words[failure.code] : failure.message;
}
