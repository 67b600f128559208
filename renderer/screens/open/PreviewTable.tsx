import type { KeyboardEvent } from 'react';
import { useController } from '../../app/AppContext';
import { useWords } from '../../app/useWords';
import type { OpenResult } from '../../worker/protocol';

/**
 * The first rows of the file as read, title lines included. The header row is highlighted; choosing
 * another is a click on it (or Enter), because people recognise their column names, not row numbers.
 */
export function PreviewTable({ opened }: { opened: OpenResult }) {
  const controller = useController();
  const { words } = useWords();
  const width = opened.preview.reduce((max, row) => Math.max(max, row.length), 0);
  const choose = (row: number) => void controller.setHeaderRow(row);
  const onKey = (event: KeyboardEvent, row: number) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      choose(row);
    }
  };
  return (
    <div className="lp-preview" data-testid="preview">
      <table>
        <caption>{words.previewTitle}</caption>
        <tbody>
          {opened.preview.map((row, r) => {
            const line = opened.lines[r];
            const isHeader = line === opened.headerRow;
            return (
              <tr
                key={line}
                tabIndex={0}
                className={
                  isHeader ? 'lp-preview-header' : line < opened.headerRow ? 'lp-preview-title' : undefined
                }
                aria-label={words.previewRowLabel(line, isHeader)}
                aria-selected={isHeader}
                data-line={line}
                onClick={() => choose(line)}
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
}
