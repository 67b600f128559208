import { useEffect, useState } from 'react';
import { type DeadEnd, deadEndSentence } from '../../../shared/fix/dead-ends';
import type { ColumnInfo, Plan } from '../../../shared/list';
import { clientTether } from '../../../shared/template';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { firstTryWords } from '../../i18n/first-try-words';

// The column kinds that hold only North American values (shared/fix/dead-ends.ts).
const deadEndKinds = new Set(['phone10', 'postal', 'region']);

/** The problem counts of the columns that can be dead ends, as one string to compare. */
function deadEndProblems(
  byColumn: readonly Readonly<{ col: number; code: string; count: number }>[] | undefined,
  columns: readonly ColumnInfo[] | null,
): string {
  if (!byColumn || !columns) return '';
  return byColumn
    .filter((c) => deadEndKinds.has(columns[c.col]?.fieldKind ?? ''))
    .map((c) => `${c.col}:${c.code}:${c.count}`)
    .join(' ');
}

type Props = Readonly<{ onPreview: (title: string, plan: Plan) => void }>;

/**
 * Columns whose values the template cannot hold even after every safe fix (a Norwegian list's phones and
 * postcodes), said once per column with the ways out: move them to the notes or clear them (previewed, one
 * undo step), or keep them for a person (the panel stops asking about that column).
 */
export function DeadEndsPanel({ onPreview }: Props) {
  const controller = useController();
  const locale = useAppState((s) => s.locale);
  const columns = useAppState((s) => s.columns);
  const dateOrders = useAppState((s) => s.dateOrders);
  // Asked again only when the problems of a phone, postcode or state column change: finding dead ends reads
  // every row, and an edit elsewhere cannot make or end one.
  const problems = useAppState((s) => deadEndProblems(s.status?.summary.byColumn, s.columns));
  const [ends, setEnds] = useState<readonly DeadEnd[]>([]);
  const [kept, setKept] = useState<ReadonlySet<string>>(new Set());
  const words = firstTryWords(locale);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `problems` asks again when those columns change.
  useEffect(() => {
    let live = true;
    void controller.ask('deadEnds', { settings: { dateOrderByField: dateOrders } }).then((found) => {
      if (live) setEnds(found ?? []);
    });
    return () => {
      live = false;
    };
  }, [controller, problems, dateOrders]);

  const shown = ends.filter((e) => !kept.has(columns?.[e.col]?.header ?? ''));
  if (!columns || shown.length === 0) return null;
  const settings = { dateOrderByField: dateOrders };
  const nameOf = (col: number) => {
    const c = columns[col];
    return c ? (c.sourceHeader ?? c.label?.[locale] ?? c.header) : '';
  };
  const preview = async (end: DeadEnd, action: 'notes' | 'clear') => {
    const plan = await controller.ask('planDeadEnd', { col: end.col, action, settings });
    const name = nameOf(end.col);
    if (plan)
      onPreview(action === 'notes' ? words.deadEndNotesTitle(name) : words.deadEndClearTitle(name), plan);
  };
  return (
    <section className="lp-panel lp-dead-ends" aria-labelledby="dead-ends-title" data-testid="dead-ends">
      <h3 id="dead-ends-title">{words.deadEndsTitle}</h3>
      <ul>
        {shown.map((end) => {
          const header = columns[end.col]?.header ?? '';
          return (
            <li key={end.col} data-col={header}>
              <p>
                {deadEndSentence(end.kind, clientTether.crm, locale)}{' '}
                {words.deadEndCount(end.count, end.filled, nameOf(end.col))}
              </p>
              <div className="lp-actions">
                <button type="button" onClick={() => void preview(end, 'notes')}>
                  {words.deadEndNotes}
                </button>
                <button type="button" onClick={() => void preview(end, 'clear')}>
                  {words.deadEndClear}
                </button>
                <button type="button" onClick={() => setKept(new Set([...kept, header]))}>
                  {words.deadEndKeep}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
