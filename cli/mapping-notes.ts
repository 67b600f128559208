import { type DeadEnd, deadEndSentence, findDeadEnds } from '../shared/fix';
import { type ColumnMapping, fieldsOf, isGuess, type Mapping } from '../shared/mapping';
import type { Lookups, Template } from '../shared/template';
import type { Locale } from '../shared/validate';
import { mappingRowFixer } from './row-fixer';

// What `listprep map`, `check` and `fix` say about a mapping besides its columns: the fields guessed from the
// values that wait for a person's word, and the columns whose values the template cannot hold.

/** The columns mapped from their values that no person has confirmed. */
export function guessedColumns(mapping: Mapping): ColumnMapping[] {
  return mapping.columns.filter((c) => isGuess(c.target));
}

/** "Check these" lines for the guessed columns, and how to confirm them. */
export function guessLines(mapping: Mapping, fixing: boolean): string[] {
  const guessed = guessedColumns(mapping);
  if (guessed.length === 0) return [];
  const lines = guessed.map(
    (c) => `  ${c.header} -> ${fieldsOf(c.target).join(' + ')}: ${c.detail ?? 'guessed from the values'}`,
  );
  const confirm = guessed.map((c) => `--confirm ${JSON.stringify(c.header)}`).join(' ');
  return [
    `Check this: ${guessed.length === 1 ? 'a column was' : `${guessed.length} columns were`} mapped from ${
      guessed.length === 1 ? 'its values' : 'their values'
    }, not ${guessed.length === 1 ? 'its name' : 'their names'}${fixing ? ' (not fixed until confirmed)' : ''}:`,
    ...lines,
    `If that is right, confirm with ${confirm} (add --save NAME to keep it for next time).`,
  ];
}

/** Dead ends found in mapped rows once the certain fixes have run (on copies: the rows are not changed). */
export function deadEndsOf(
  template: Template,
  mapping: Mapping,
  rows: readonly (readonly string[])[],
  lookups: Lookups | undefined,
  dateOrderByField: Readonly<Record<string, string>>,
): DeadEnd[] {
  const fixer = mappingRowFixer(
    template,
    mapping,
    lookups,
    dateOrderByField as Record<string, 'mdy' | 'dmy'>,
    { judgeOnly: true },
  );
  const fixed = rows.map((row) => {
    const copy = [...row];
    fixer.fixRow(copy);
    return copy;
  });
  return findDeadEnds(template, template.fields, lookups, fixed);
}

/** The file's header that feeds a template column. */
export function sourceHeaderOf(mapping: Mapping, field: string): string {
  return mapping.columns.find((c) => fieldsOf(c.target).includes(field))?.header ?? field;
}

const deadEndWords: Readonly<
  Record<
    Locale,
    {
      what: (count: number, filled: number, source: string, field: string) => string;
      fixing: string;
      mapping: string;
    }
  >
> = {
  en: {
    what: (count, filled, source, field) =>
      `${count} of ${filled} values of "${source}" (${field}) cannot go in`,
    fixing:
      '--unfit notes moves them to the notes, --unfit clear clears them; as it is, they stay for a person',
    mapping:
      '`listprep fix --unfit notes` moves them to the notes, `--unfit clear` clears them, or keep them for a person',
  },
  nb: {
    what: (count, filled, source, field) =>
      `${count} av ${filled} verdier i «${source}» (${field}) kan ikke tas med`,
    fixing:
      '--unfit notes flytter dem til notatene, --unfit clear tømmer dem; ellers blir de stående til en person ser på dem',
    mapping:
      '`listprep fix --unfit notes` flytter dem til notatene, `--unfit clear` tømmer dem, eller la dem stå til en person ser på dem',
  },
};

/** One plain line per dead end, with what the person can do about it. */
export function deadEndLines(
  deadEnds: readonly DeadEnd[],
  template: Template,
  mapping: Mapping,
  locale: Locale,
  fixing: boolean,
): string[] {
  const words = deadEndWords[locale];
  return deadEnds.map((end) => {
    const field = template.fields[end.col].header;
    const what = words.what(end.count, end.filled, sourceHeaderOf(mapping, field), field);
    return `${deadEndSentence(end.kind, template.crm, locale)} ${what}: ${fixing ? words.fixing : words.mapping}.`;
  });
}
