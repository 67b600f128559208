import { useEffect, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { FixScope, CellIssue, Plan } from '../../../shared/list';
import type { FocusedCell } from './ContactGrid';
import { RawValue, VisibleText } from './RawValue';

type Props = Readonly<{
  cell: FocusedCell | null;
  /** The cell's value as the grid has it (the focused row's), shown raw with hidden characters visible. */
  value: string | undefined;
  onPreview: (title: string, plan: Plan) => void;
}>;

/** The selected cell's problems in words, with its safe fix (before -> after) and wider fixes to preview. */
export function CellPanel({ cell, value, onPreview }: Props) {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const version = useAppState((s) => s.status?.version ?? 0);
  const columns = useAppState((s) => s.columns);
  const dateOrders = useAppState((s) => s.dateOrders);
  const [issues, setIssues] = useState<readonly CellIssue[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` re-describes the cell after every change to the list.
  useEffect(() => {
    let live = true;
    if (!cell) {
      setIssues([]);
      return;
    }
    void controller
      .ask('describeCell', {
        key: cell.key,
        col: cell.col,
        locale,
        settings: { dateOrderByField: dateOrders },
      })
      .then((found) => {
        // The list may have changed (version) while this was on its way.
        if (live) setIssues(found ?? []);
      });
    return () => {
      live = false;
    };
  }, [cell, locale, version, dateOrders, controller]);

  const column = cell ? columns?.[cell.col] : undefined;
  const settings = { dateOrderByField: dateOrders };
  const preview = async (scope: FixScope, title: (count: number) => string) => {
    const plan = await controller.ask('planFix', { scope, settings });
    if (plan) onPreview(title(plan.count), plan);
  };
  const fixCell = async () => {
    if (!cell) return;
    const plan = await controller.ask('planFix', {
      scope: { kind: 'cell', key: cell.key, col: cell.col },
      settings,
    });
    if (plan?.token) await controller.change('runPlan', { token: plan.token, locale });
  };

  return (
    <section className="lp-panel lp-cell-panel" aria-labelledby="cell-panel-title" data-testid="cell-panel">
      <h3 id="cell-panel-title">{words.cellTitle}</h3>
      {!cell || !column ? (
        <p>{words.noCell}</p>
      ) : (
        <>
          <p className="lp-cell-where">
            {words.cellAt(cell.key + 1, column.label?.[locale] ?? column.header)}
          </p>
          {value !== undefined && <RawValue value={value} />}
          <div aria-live="polite">
            {issues.length === 0 && <p className="lp-ok-text">{words.cellOk}</p>}
            {issues.map((issue) => (
              <div
                key={issue.code}
                className={`lp-issue lp-issue-${issue.severity}`}
                data-testid="cell-issue"
              >
                <p>
                  <strong>{issue.severity === 'error' ? words.errorLabel : words.warningLabel}:</strong>{' '}
                  {issue.message}
                </p>
                {issue.fix ? (
                  <div className="lp-fix">
                    <p>
                      {words.suggestedFix}:{' '}
                      <code className="lp-before">
                        <VisibleText value={issue.value} />
                      </code>
                      <span aria-hidden="true"> → </span>
                      <span className="lp-sr-only">{words.after}:</span>
                      <code className="lp-after" data-testid="fix-after">
                        <VisibleText value={issue.fix.value} />
                      </code>
                    </p>
                    <div className="lp-actions">
                      <button type="button" className="lp-primary" onClick={() => void fixCell()}>
                        {words.fixThisCell}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void preview(
                            { kind: 'column', col: cell.col, fix: issue.fix!.fix },
                            words.previewFixTitle,
                          )
                        }
                      >
                        {words.fixColumn}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void preview({ kind: 'all', fix: issue.fix!.fix }, words.previewFixTitle)
                        }
                      >
                        {words.fixAllKind}
                      </button>
                    </div>
                  </div>
                ) : (
                  issue.severity === 'error' && <p className="lp-help">{words.noFix}</p>
                )}
                {/* Asked while the order is undecided, and kept once the user chose it so they can change it. */}
                {column.fieldKind === 'date' &&
                  issue.code === 'date.format' &&
                  (!issue.fix || dateOrders[column.header] !== undefined) && (
                    <fieldset className="lp-date-order">
                      <legend>{words.dateOrderQuestion}</legend>
                      {(['mdy', 'dmy'] as const).map((order) => (
                        <label key={order}>
                          <input
                            type="radio"
                            name="date-order"
                            checked={dateOrders[column.header] === order}
                            onChange={() => controller.setDateOrder(column.header, order)}
                          />
                          {order === 'mdy' ? words.dateOrderMdy : words.dateOrderDmy}
                        </label>
                      ))}
                    </fieldset>
                  )}
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
