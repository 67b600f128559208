import { useEffect } from 'react';
import { useController } from '../../app/AppContext';
import { StepActions } from '../../app/StepActions';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { clientTether } from '../../../shared/template';
import { useSplitCounts } from '../../app/useSplitCounts';

export function ReviewScreen() {
  const controller = useController();
  const { words } = useWords();
  const status = useAppState((s) => s.status);
  const columns = useAppState((s) => s.columns);
  const busy = useAppState((s) => s.busy !== null);
  const split = useSplitCounts(status?.summary.errors ?? 0);

  useEffect(() => {
    document.title = `${words.stepReview} – ${words.appName}`;
  }, [words]);

  if (!status || !columns) return null;
  const { errors, warnings } = status.summary;
  const exportedColumns = clientTether.fields.length + columns.filter((c) => c.kind === 'custom').length;
  const empty = status.rowCount === 0;
  const blocked = errors > 0 || empty;
  const reasonId = 'export-blocked-reason';
  return (
    <div className="lp-screen lp-review">
      <h2>{words.reviewTitle}</h2>
      <dl className="lp-counts" data-testid="review-counts">
        <div>
          <dt>{words.reviewRows}</dt>
          <dd data-testid="review-rows">{status.rowCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{words.reviewErrors}</dt>
          <dd data-testid="review-errors" className={errors ? 'lp-error-text' : undefined}>
            {errors.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>{words.reviewWarnings}</dt>
          <dd data-testid="review-warnings">{warnings.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{words.reviewExported}</dt>
          <dd>{words.reviewExportedValue(status.rowCount, exportedColumns)}</dd>
        </div>
      </dl>
      <p id={reasonId} className={blocked ? 'lp-warning-text' : 'lp-ok-text'} data-testid="export-reason">
        {empty ? words.noRowsToExport : errors > 0 ? words.exportBlocked(errors) : words.exportReady}
      </p>
      <div className="lp-actions lp-export-buttons">
        <button
          type="button"
          className="lp-primary"
          disabled={blocked || busy}
          aria-describedby={reasonId}
          onClick={() => void controller.exportFile('workbook')}
        >
          {words.exportWorkbook}
        </button>
        <button
          type="button"
          disabled={blocked || busy}
          aria-describedby={reasonId}
          onClick={() => void controller.exportFile('csv')}
        >
          {words.exportCsv}
        </button>
        <button type="button" disabled={busy || empty} onClick={() => void controller.exportFile('report')}>
          {words.exportReport}
        </button>
      </div>
      {split && split.errors > 0 && (
        <section className="lp-card lp-split" aria-labelledby="split-title" data-testid="split">
          <h3 id="split-title">{words.splitTitle}</h3>
          <p data-testid="split-counts">{words.splitCounts(split.clean, split.errors)}</p>
          <p className="lp-help">{words.splitHelp}</p>
          <div className="lp-actions">
            <button
              type="button"
              disabled={busy || split.clean === 0}
              onClick={() => void controller.exportSplit('workbook', split)}
            >
              {words.splitWorkbook}
            </button>
            <button
              type="button"
              disabled={busy || split.clean === 0}
              onClick={() => void controller.exportSplit('csv', split)}
            >
              {words.splitCsv}
            </button>
          </div>
        </section>
      )}
      <StepActions>
        <button type="button" onClick={() => controller.goTo('fix')}>
          {words.backToFix}
        </button>
        <button
          type="button"
          className="lp-primary"
          disabled={empty}
          onClick={() => controller.goTo('upload')}
          data-testid="to-upload"
        >
          {words.toUpload}
        </button>
      </StepActions>
    </div>
  );
}
