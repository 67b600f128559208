import { useCallback, useEffect, useMemo, useState } from 'react';
import { useController } from '../../app/AppContext';
import { inWords } from '../../app/app-store';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { PasteOutcome, Plan, ProblemCode } from '../../../shared/list';
import { CellPanel } from './CellPanel';
import { ContactGrid, type FocusedCell } from './ContactGrid';
import { DeadEndsPanel } from './DeadEndsPanel';
import { DuplicatesDialog } from './DuplicatesDialog';
import { FindReplacePanel } from './FindReplacePanel';
import { FixEverythingSafe } from './FixEverythingSafe';
import { GridController } from './grid-controller';
import { PasteDialog } from './PasteDialog';
import { PlanDialog } from './PlanDialog';
import { ProblemsPanel } from './ProblemsPanel';
import { RangeController, type RangeNews } from './range/range-controller';
import { SelectionStatus } from './SelectionStatus';
import { useFixShortcuts } from './useFixShortcuts';

type OpenDialog =
  | { kind: 'plan'; title: string; plan: Plan }
  | { kind: 'duplicates' }
  | { kind: 'paste'; outcome: PasteOutcome; answer: (paste: boolean) => void }
  | null;

const duplicateCodes = new Set<ProblemCode>([
  'email.duplicate',
  'value.duplicate',
  'contact.likelyDuplicate',
]);

export function FixScreen() {
  const controller = useController();
  const { words } = useWords();
  const status = useAppState((s) => s.status);
  const locale = useAppState((s) => s.locale);
  const grid = useMemo(() => new GridController(controller), [controller]);
  const [cell, setCell] = useState<FocusedCell | null>(null);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  // What the last range command did, at the list's version it made: a later change makes it old news.
  const [news, setNews] = useState<{ news: RangeNews; version: number } | null>(null);
  const range = useMemo(
    () =>
      new RangeController({
        app: controller,
        grid,
        confirmPaste: (outcome) =>
          new Promise<boolean>((resolve) =>
            setDialog({
              kind: 'paste',
              outcome,
              answer: (paste) => {
                setDialog(null);
                resolve(paste);
              },
            }),
          ),
        say: (news) => setNews({ news, version: controller.getState().status?.version ?? 0 }),
      }),
    [controller, grid],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: another cell ends the news.
  useEffect(() => setNews(null), [cell]);
  const [finding, setFinding] = useState(false);
  const [problemsOnly, setProblemsOnly] = useState(false);

  useEffect(() => grid.connect(), [grid]);
  useEffect(() => {
    document.title = `${words.stepFix} – ${words.appName}`;
  }, [words]);
  useEffect(() => {
    (window as { __listprepGrid?: GridController }).__listprepGrid = grid;
  }, [grid]);

  const nextProblem = useCallback(
    async (direction: 1 | -1) => {
      const at = await controller.ask('nextProblem', { view: grid.view, from: grid.focused(), direction });
      if (at) await grid.goTo(at);
    },
    [controller, grid],
  );
  const jumpTo = useCallback(
    async (col: number, code: ProblemCode) => {
      const at = await controller.ask('nextProblem', {
        view: grid.view,
        from: null,
        direction: 1,
        only: { col, code },
      });
      if (at) await grid.goTo(at);
    },
    [controller, grid],
  );
  const openFillDown = useCallback(() => {
    if (!grid.focused()) return controller.info(inWords((w) => w.selectCellFirst));
    void range.fillDown();
  }, [grid, range, controller]);
  const addRow = useCallback(async () => {
    const row = grid.focusedRow();
    const change = await controller.change('insertRow', { afterKey: row?.key ?? null, locale });
    if (change) await grid.goToKey(change.key, 0);
  }, [grid, controller, locale]);
  const deleteRow = useCallback(async () => {
    const row = grid.focusedRow();
    const at = grid.focused();
    if (!row || !at) return controller.info(inWords((w) => w.selectCellFirst));
    await controller.change('deleteRows', { keys: [row.key], locale });
    await grid.goTo({
      index: Math.max(0, Math.min(at.index, (controller.getState().status?.rowCount ?? 1) - 1)),
      col: at.col,
    });
  }, [grid, controller, locale]);
  const runPlan = useCallback(
    async (plan: Plan) => {
      setDialog(null);
      const change = await controller.change('runPlan', { token: plan.token, locale });
      // The undo hint holds only until the next change.
      if (change)
        controller.info(
          inWords((w) => w.applied(plan.count)),
          true,
        );
    },
    [controller, locale],
  );

  useFixShortcuts({
    undo: () => void controller.undo(),
    redo: () => void controller.redo(),
    next: () => void nextProblem(1),
    previous: () => void nextProblem(-1),
    find: () => setFinding(true),
    fillDown: openFillDown,
  });

  // While the worker validates (status not there yet), the grid is already being set up underneath.
  const duplicateRows = (status?.summary.byColumn ?? [])
    .filter((c) => duplicateCodes.has(c.code))
    .reduce((n, c) => n + c.count, 0);
  const undoText = status?.undoLabel ? words.undoWhat(words[`op_${status.undoLabel}`]) : words.undo;
  const redoText = status?.redoLabel ? words.redoWhat(words[`op_${status.redoLabel}`]) : words.redo;

  return (
    <div className="lp-screen lp-fix">
      <h2 className="lp-sr-only">{words.fixTitle}</h2>
      <div className="lp-toolbar" role="toolbar" aria-label={words.fixTitle}>
        <button
          type="button"
          onClick={() => void controller.undo()}
          disabled={!status?.undoLabel}
          aria-keyshortcuts="Control+Z"
          title={`${undoText} (Ctrl+Z)`}
        >
          {undoText}
        </button>
        <button
          type="button"
          onClick={() => void controller.redo()}
          disabled={!status?.redoLabel}
          aria-keyshortcuts="Control+Shift+Z"
          title={`${redoText} (Ctrl+Shift+Z)`}
        >
          {redoText}
        </button>
        <span className="lp-separator" aria-hidden="true" />
        <button
          type="button"
          onClick={() => void nextProblem(-1)}
          aria-keyshortcuts="Shift+F8"
          title={`${words.previousProblem} (Shift+F8)`}
        >
          {words.previousProblem}
        </button>
        <button
          type="button"
          onClick={() => void nextProblem(1)}
          aria-keyshortcuts="F8"
          title={`${words.nextProblem} (F8)`}
        >
          {words.nextProblem}
        </button>
        <label className="lp-check">
          <input
            type="checkbox"
            checked={problemsOnly}
            onChange={(e) => {
              setProblemsOnly(e.target.checked);
              grid.setProblemsOnly(e.target.checked);
            }}
          />
          {words.onlyProblemRows}
        </label>
        <span className="lp-separator" aria-hidden="true" />
        <FixEverythingSafe testId="fix-all-safe-toolbar" />
        <button
          type="button"
          onClick={() => setFinding(true)}
          aria-keyshortcuts="Control+F"
          title={`${words.findReplace} (Ctrl+F)`}
        >
          {words.findReplace}
        </button>
        <button
          type="button"
          onClick={openFillDown}
          aria-keyshortcuts="Control+D"
          title={`${words.fillDown} (Ctrl+D)`}
        >
          {words.fillDown}
        </button>
        <button type="button" onClick={() => void addRow()}>
          {words.addRow}
        </button>
        <button type="button" onClick={() => void deleteRow()}>
          {words.deleteRow}
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'duplicates' })}>
          {words.duplicatesCount(duplicateRows)}
        </button>
        <button type="button" onClick={() => void controller.loadLookups()}>
          {words.loadLookups}
        </button>
        <span className="lp-toolbar-end">
          <span data-testid="row-total">{words.rowsCount(status?.rowCount ?? 0)}</span>
          <button type="button" className="lp-primary" onClick={() => controller.goTo('review')}>
            {words.toReview}
          </button>
        </span>
      </div>
      {finding && (
        <FindReplacePanel
          grid={grid}
          onClose={() => setFinding(false)}
          onPreview={(title, plan) => setDialog({ kind: 'plan', title, plan })}
        />
      )}
      <div className="lp-fix-body">
        <div className="lp-grid-column">
          <ContactGrid grid={grid} range={range} onFocus={setCell} />
          <SelectionStatus
            range={range}
            news={news && news.version === (status?.version ?? 0) ? news.news : null}
          />
        </div>
        <aside className="lp-side">
          <CellPanel
            cell={cell}
            value={cell ? grid.rowAt(cell.index)?.v[cell.col] : undefined}
            onPreview={(title, plan) => setDialog({ kind: 'plan', title, plan })}
          />
          <DeadEndsPanel onPreview={(title, plan) => setDialog({ kind: 'plan', title, plan })} />
          <ProblemsPanel onJump={(col, code) => void jumpTo(col, code)} />
        </aside>
      </div>
      {dialog?.kind === 'plan' && (
        <PlanDialog
          title={dialog.title}
          plan={dialog.plan}
          onApply={() => void runPlan(dialog.plan)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'duplicates' && <DuplicatesDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'paste' && <PasteDialog outcome={dialog.outcome} onAnswer={dialog.answer} />}
    </div>
  );
}
