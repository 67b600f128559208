import { codeName, type Words, wordsFor } from '../i18n/words';
import type { ProblemCode } from '../../shared/list';
import { useAppState } from './useAppState';

/** The UI's words in the chosen language, and short names for problem kinds. */
export function useWords(): { words: Words; code: (code: ProblemCode) => string } {
  const locale = useAppState((s) => s.locale);
  return { words: wordsFor(locale), code: (code) => codeName(locale, code) };
}
