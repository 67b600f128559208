import { useWords } from '../../app/useWords';
import type { Plan } from '../../../shared/list';
import { Dialog } from './Dialog';
import { PlanExamples } from './PlanExamples';

type Props = Readonly<{ title: string; plan: Plan; onApply: () => void; onClose: () => void }>;

/** Shows what a fix or a replace will do, before -> after, and applies it only when asked. */
export function PlanDialog({ title, plan, onApply, onClose }: Props) {
  const { words } = useWords();
  return (
    <Dialog title={title} onClose={onClose} testId="plan-dialog" wide>
      {plan.count === 0 ? <p>{words.nothingToFix}</p> : <PlanExamples plan={plan} />}
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
