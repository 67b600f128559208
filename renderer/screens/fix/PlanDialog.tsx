import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { Plan } from '../../../shared/list';
import { Dialog } from './Dialog';

type Props = Readonly<{ title: string; plan: Plan; onApply: () => void; onClose: () => void }>;

/** Shows what a fix or a replace will do, before -> after, and applies it only when asked. */
export function PlanDialog({ title, plan, onApply, onClose }: Props) {
  const { words } = useWords();
  const columns = useAppState((s) => s.columns);
  const locale = useAppState((s) => s.locale);
  const columnName = (col: number) => {
    const c = columns?.[col];
    return c ? (c.label?.[locale] ?? c.header) : '';
  };
  return (
    <Dialog title={title} onClose={onClose} testId="plan-dialog" wide>
      {plan.count === 0 ? (
        <p>{words.nothingToFix}</p>
      ) : (
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
      )}
      {plan.count > plan.examples.length && <p>{words.andMore(plan.count - plan.examples.length)}</p>}
      <div className="lp-actions">
        <button type="button" onClick={onClose}>
          {words.cancel}
        </button>
        <button type="button" className="lp-primary" disabled={plan.count === 0} onClick={onApply}>
          {words.apply}
        </button>
      </div>
    </Dialog>
  );
}
