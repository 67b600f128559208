import type { RowIssue } from '../../shared/api';
import { unstorableCharacter } from '../../shared/api';
import type { ResolvedColumns } from './columns';
import type { ServerMessages } from './messages';

// PostgreSQL stores no NUL character (text and jsonb refuse it) and no half of a surrogate pair (it has no
// UTF-8 form; a driver would quietly turn it into U+FFFD, changing the data). The server's own check, at its
// own boundary, whatever the shared validator says: a cell the import could not write is an error of the dry
// run, never a database error in the middle of the write.

/** Quick test first: almost every cell has neither, and `includes` and a tiny regex are cheap. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character looked for.
const suspicious = /[\u0000\ud800-\udfff]/;

/**
 * One error per cell the import would write that holds a NUL or a lone surrogate, in rows `first` to `end`
 * (excluded): mapped columns, and unmapped ones when they go into `[import]` notes. Added to `issues`.
 */
export function findUnstorableCells(
  columns: ResolvedColumns,
  rows: readonly (readonly string[])[],
  range: Readonly<{ first: number; end: number }>,
  keepsUnmapped: boolean,
  words: ServerMessages,
  issues: RowIssue[],
): void {
  const checked: number[] = [];
  columns.targets.forEach((target, col) => {
    if (target !== null || keepsUnmapped) checked.push(col);
  });
  for (let row = range.first; row < range.end; row++) {
    const cells = rows[row];
    for (const col of checked) {
      const cell = cells[col];
      if (!cell || !suspicious.test(cell)) continue;
      const what = unstorableCharacter(cell);
      if (!what) continue;
      issues.push({
        row: row + 1,
        column: col,
        field: columns.targets[col]?.field.header ?? '',
        code: 'cell.unstorable',
        severity: 'error',
        message: words.unstorable({ what }),
        value: storableText(cell),
      });
    }
  }
}

/** The text with a NUL shown as ␀ and a lone surrogate as �: what an issue may quote and the database keep. */
export function storableText(text: string): string {
  if (!suspicious.test(text)) return text;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character looked for.
  return (text.replace(/\u0000/g, '\u2400') as string & { toWellFormed(): string }).toWellFormed();
}

/** An issue as the database can store it (issues quote cell values in `value` and `message`). */
export function storableIssue(issue: RowIssue): RowIssue {
  const value = storableText(issue.value);
  const message = storableText(issue.message);
  return value === issue.value && message === issue.message ? issue : { ...issue, value, message };
}
