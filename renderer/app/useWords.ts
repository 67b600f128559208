import type { IssueCode } from '../../shared/validate';
import { codeName, type Words, wordsFor } from '../i18n/words';
import { useAppState } from './useAppState';

/** The UI's words in the chosen language, and short names for problem kinds. */
export function useWords(): { words: Words; code: (code: IssueCode) => string } {
  const locale = useAppState((s) => s.locale);
  return { words: wordsFor(locale), code: (code) => codeName(locale, code) };
}
