import { useSyncExternalStore } from 'react';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { Words } from '../../i18n/words';
import type { RangeController, RangeNews } from './range/range-controller';

function newsText(words: Words, news: RangeNews): string {
  switch (news.kind) {
    case 'copied':
      return words.copiedCells(news.cells);
    case 'cut':
      return words.cutCells(news.cells);
    case 'cleared':
      return words.clearedCells(news.cells);
    case 'pasted':
      return words.pastedCells(news.cells);
    case 'pastedClipped':
      return words.pastedClipped(news.cells, news.clipped);
    case 'filled':
      return words.filledCells(news.cells);
    case 'copyFailed':
      return words.copyFailed;
    case 'nothingAbove':
      return words.nothingAbove;
  }
}

type Props = Readonly<{ range: RangeController; news: RangeNews | null }>;

/**
 * The line under the grid: the selected range in words (rows, columns, cells), then what the last command
 * did. A polite live region, so a screen reader says the selection as it grows and what a copy or paste did.
 */
export function SelectionStatus({ range, news }: Props) {
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const columns = useAppState((s) => s.columns);
  const summary = useSyncExternalStore(range.subscribe, range.getSummary);
  const name = (col: number) => {
    const column = columns?.[col];
    return column ? (column.label?.[locale] ?? column.header) : '';
  };
  const selection = summary
    ? words.rangeSelected(
        summary.rows,
        summary.cols,
        summary.cells,
        words.rangeRows(summary.top + 1, summary.bottom + 1),
        name(summary.firstCol),
        summary.cols > 1 ? name(summary.lastCol) : null,
      )
    : '';
  return (
    <p className="lp-grid-status" role="status" data-testid="selection-status">
      <span data-testid="selection-summary">{selection}</span>
      {news && (
        <span className="lp-grid-news" data-testid="selection-news">
          {newsText(words, news)}
        </span>
      )}
    </p>
  );
}
