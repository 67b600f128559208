import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { Plan } from '../../../shared/list';

/** A column's name as the person reads it: its template label in the language shown, else its header. */
export function useColumnName(): (col: number) => string {
  const columns = useAppState((s) => s.columns);
  const locale = useAppState((s) => s.locale);
  return (col) => {
    const c = columns?.[col];
    return c ? (c.label?.[locale] ?? c.header) : '';
  };
}

/** A plan's examples, row by row: the cell before -> after. Every preview of a change shows them this way. */
export function PlanExamples({ plan }: Readonly<{ plan: Plan }>) {
  const { words } = useWords();
  const columnName = useColumnName();
  return (
    <table className="lp-plan">
      <thead>
        <tr>
          <th scope="col">{words.row}</th>
          <th scope="col">{words.inColumn}</th>
          <th scope="col">{words.before}</th>
          <th scope="col">
            <span className="lp-sr-only">→</span>
          </th>
          <th scope="col">{words.after}</th>
        </tr>
      </thead>
      <tbody>
        {plan.examples.map((e) => (
          <tr key={`${e.key}:${e.col}`}>
            <td>{e.key + 1}</td>
            <td>{columnName(e.col)}</td>
            <td className="lp-before">{e.before}</td>
            <td aria-hidden="true">→</td>
            <td className="lp-after">{e.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
