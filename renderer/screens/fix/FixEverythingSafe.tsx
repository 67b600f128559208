import { useState } from 'react';
import type { Plan } from '../../../shared/list';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { firstTryWords, fixName } from '../../i18n/first-try-words';
import { Dialog } from './Dialog';
import { PlanExamples, useColumnName } from './PlanExamples';

type Props = Readonly<{ testId: string }>;

/**
 * "Fix everything safe": every fix that keeps a value's meaning, in every column (a column guessed from its
 * values is left alone until confirmed), previewed as counts per kind and column, applied as one undo step.
 */
export function FixEverythingSafe({ testId }: Props) {
  const controller = useController();
  const locale = useAppState((s) => s.locale);
  const dateOrders = useAppState((s) => s.dateOrders);
  const [plan, setPlan] = useState<Plan | null>(null);
  const words = firstTryWords(locale);
  const preview = async () => {
    const found = await controller.ask('planFix', {
      scope: { kind: 'safe' },
      settings: { dateOrderByField: dateOrders },
    });
    if (found) setPlan(found);
  };
  const apply = async (token: number) => {
    setPlan(null);
    await controller.change('runPlan', { token, locale });
  };
  return (
    <>
      <button type="button" data-testid={testId} onClick={() => void preview()}>
        {words.fixAllSafe}
      </button>
      {plan && (
        <SafePlanDialog plan={plan} onApply={() => void apply(plan.token)} onClose={() => setPlan(null)} />
      )}
    </>
  );
}

type DialogProps = Readonly<{ plan: Plan; onApply: () => void; onClose: () => void }>;

/** The preview: how many cells each kind of fix changes in each column, and a few before -> after pairs. */
function SafePlanDialog({ plan, onApply, onClose }: DialogProps) {
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const columns = useAppState((s) => s.columns);
  const ft = firstTryWords(locale);
  const columnName = useColumnName();
  return (
    <Dialog title={ft.fixAllSafeTitle(plan.count)} onClose={onClose} testId="safe-fix-dialog" wide>
      {plan.count === 0 ? (
        <p>{words.nothingToFix}</p>
      ) : (
        <>
          <p className="lp-help">{ft.fixAllSafeHelp}</p>
          <table className="lp-plan" data-testid="safe-fix-kinds">
            <thead>
              <tr>
                <th scope="col">{ft.inColumn}</th>
                <th scope="col">{ft.fixKind}</th>
                <th scope="col">{ft.fixCount}</th>
              </tr>
            </thead>
            <tbody>
              {plan.kinds.map((k) => (
                <tr key={`${k.col}:${k.fix}`} data-fix={k.fix} data-col={columns?.[k.col]?.header}>
                  <td>{columnName(k.col)}</td>
                  <td>{fixName(locale, k.fix)}</td>
                  <td>{k.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <PlanExamples plan={plan} />
        </>
      )}
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
