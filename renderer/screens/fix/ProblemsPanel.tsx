import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { ProblemCode } from '../../../shared/list';
import { FixEverythingSafe } from './FixEverythingSafe';

type Props = Readonly<{ onJump: (col: number, code: ProblemCode) => void }>;

/** Problem counts per column and kind, most frequent first; choosing one jumps to its first cell. */
export function ProblemsPanel({ onJump }: Props) {
  const { words, code: codeName } = useWords();
  const summary = useAppState((s) => s.status?.summary);
  const columns = useAppState((s) => s.columns);
  const locale = useAppState((s) => s.locale);
  if (!summary || !columns) return null;
  return (
    <section className="lp-panel lp-problems" aria-labelledby="problems-title" data-testid="problems-panel">
      <h3 id="problems-title">
        {words.problemsTitle}{' '}
        <span className="lp-counts-inline" data-testid="problem-counts">
          <span className="lp-error-text" data-testid="error-count">
            {words.errorsCount(summary.errors)}
          </span>
          {' · '}
          <span data-testid="warning-count">{words.warningsCount(summary.warnings)}</span>
        </span>
      </h3>
      {summary.byColumn.length === 0 ? (
        <p className="lp-ok-text">{words.noProblems}</p>
      ) : (
        <>
          <p className="lp-help">{words.problemsHelp}</p>
          <FixEverythingSafe testId="fix-all-safe-panel" />
          <ul>
            {summary.byColumn.map((entry) => {
              const column = columns[entry.col];
              const name = column ? (column.label?.[locale] ?? column.header) : String(entry.col + 1);
              return (
                <li key={`${entry.col}:${entry.code}`}>
                  <button
                    type="button"
                    className={`lp-problem-line lp-problem-${entry.severity}`}
                    data-code={entry.code}
                    data-col={entry.col}
                    onClick={() => onJump(entry.col, entry.code)}
                  >
                    {words.problemLine(name, codeName(entry.code), entry.count)}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
