import { type KeyboardEvent, memo, useEffect, useRef, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useWords } from '../../app/useWords';

type Props = Readonly<{
  /** The first rows of the file as read, title lines included. */
  preview: readonly (readonly string[])[];
  /** The line (CSV) or row (Excel) of each preview row. */
  lines: readonly number[];
  headerRow: number;
}>;

// A preview row is some forty cells: all hundred rows at once cost the UI thread a few hundred milliseconds
// of rendering and layout just as the file opens. The rows that fit the box come first; more follow as the
// user scrolls towards them.
const firstRows = 20;
const moreRows = 40;

/**
 * The first rows of the file as read, title lines included. The header row is highlighted; choosing
 * another is a click on it (or Enter), because people recognise their column names, not row numbers.
 * One stop in the Tab order (the row last moved to, the header row at first), arrows inside it, so the
 * keyboard reaches the Continue button without walking through every row.
 * Memoised: the Open screen re-renders with every progress report of a read still running.
 */
export const PreviewTable = memo(function PreviewTable({ preview, lines, headerRow }: Props) {
  const controller = useController();
  const { words } = useWords();
  const box = useRef<HTMLDivElement>(null);
  const last = useRef<HTMLTableRowElement>(null);
  // Never fewer rows than reach a few lines past the header row.
  const [shown, setShown] = useState(() => Math.max(firstRows, lines.indexOf(headerRow) + 10));
  const width = preview.reduce((max, row) => Math.max(max, row.length), 0);
  // The row that holds the Tab stop.
  const [active, setActive] = useState(headerRow);
  useEffect(() => setActive(headerRow), [headerRow]);
  const tabLine = lines.includes(active) ? active : lines[0];

  useEffect(() => {
    const root = box.current;
    const target = last.current;
    if (!root || !target || shown >= preview.length) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setShown((n) => n + moreRows);
      },
      { root, rootMargin: '0px' },
    );
    observer.observe(target);
    return () => observer.disconnect();
  }, [shown, preview.length]);

  const choose = (row: number) => void controller.setHeaderRow(row);
  const moveTo = (index: number) => {
    const line = lines[Math.max(0, Math.min(index, lines.length - 1))];
    if (line === undefined) return;
    // A row further down than those rendered so far comes with the next batch.
    if (index >= shown) setShown((n) => Math.max(n, index + 1));
    setActive(line);
    const focusRow = () => box.current?.querySelector<HTMLElement>(`tr[data-line="${line}"]`)?.focus();
    // At once when the row is there (the next key press starts from it), else once it is rendered.
    if (box.current?.querySelector(`tr[data-line="${line}"]`)) focusRow();
    else requestAnimationFrame(focusRow);
  };
  const onKey = (event: KeyboardEvent, row: number) => {
    const index = lines.indexOf(row);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: lines.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(row);
    } else if (event.key in moves) {
      event.preventDefault();
      moveTo(moves[event.key]);
    }
  };
  const rows = preview.slice(0, shown);
  return (
    <div className="lp-preview" data-testid="preview" ref={box}>
      <table>
        <caption>
          {words.previewTitle}
          <span className="lp-sr-only"> {words.previewKeys}</span>
        </caption>
        <tbody>
          {rows.map((row, r) => {
            const line = lines[r];
            const isHeader = line === headerRow;
            return (
              <tr
                key={line}
                ref={r === rows.length - 1 ? last : undefined}
                tabIndex={line === tabLine ? 0 : -1}
                className={isHeader ? 'lp-preview-header' : line < headerRow ? 'lp-preview-title' : undefined}
                aria-label={words.previewRowLabel(line, isHeader)}
                aria-selected={isHeader}
                data-line={line}
                onClick={() => {
                  setActive(line);
                  choose(line);
                }}
                onKeyDown={(e) => onKey(e, line)}
              >
                <th scope="row">{line}</th>
                {Array.from({ length: width }, (_, c) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: column position
                  <td key={c}>{row[c] ?? ''}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});
