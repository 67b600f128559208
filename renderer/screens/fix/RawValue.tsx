import { Fragment } from 'react';
import { useWords } from '../../app/useWords';
import { hiddenCounts, visiblePieces } from './visible-text';

/** A value with its hidden characters as marks, inline (the cell panel's value, a fix's before and after). */
export function VisibleText({ value }: Readonly<{ value: string }>) {
  const { words } = useWords();
  return (
    <>
      {visiblePieces(value).map((piece, i) =>
        piece.kind === 'text' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one value, in order
          <Fragment key={i}>{piece.text}</Fragment>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one value, in order
          <Fragment key={i}>
            <mark className="lp-hidden-char" title={`${words.hiddenName[piece.hidden]} (${piece.code})`}>
              <span aria-hidden="true">{piece.glyph}</span>
              <span className="lp-sr-only">[{words.hiddenName[piece.hidden]}]</span>
            </mark>
            {piece.breaks && <br />}
          </Fragment>
        ),
      )}
    </>
  );
}

/**
 * The cell's value exactly as stored, hidden characters shown as marks (↵ ⍽ ZWSP RLO ·) that say what they
 * are on hover and to screen readers, with a count of each kind below.
 */
export function RawValue({ value }: Readonly<{ value: string }>) {
  const { words } = useWords();
  const pieces = visiblePieces(value);
  const counts = hiddenCounts(pieces);
  return (
    <div className="lp-raw" data-testid="raw-value">
      <p className="lp-raw-label">{words.rawValue}</p>
      <code className="lp-raw-text">
        {value === '' && <span className="lp-raw-empty">{words.emptyCell}</span>}
        <VisibleText value={value} />
      </code>
      {counts.size > 0 && (
        <p className="lp-help" data-testid="hidden-characters">
          {words.hiddenFound(
            [...counts].map(([kind, count]) => words.hiddenCount(count, words.hiddenName[kind])).join(', '),
          )}
        </p>
      )}
    </div>
  );
}
