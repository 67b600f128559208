import { useEffect } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { clientTether } from '../../../shared/template';

export function ReviewScreen() {
  const controller = useController();
  const { words } = useWords();
  const status = useAppState((s) => s.status);
  const columns = useAppState((s) => s.columns);
  const busy = useAppState((s) => s.busy !== null);

  useEffect(() => {
    document.title = `${words.stepReview} – ${words.appName}`;
  }, [words]);

  if (!status || !columns) return null;
  const { errors, warnings } = status.summary;
  const exportedColumns = clientTether.fields.length + columns.filter((c) => c.kind === 'custom').length;
  const blocked = errors > 0;
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
        {blocked ? words.exportBlocked(errors) : words.exportReady}
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
        <button type="button" disabled={busy} onClick={() => void controller.exportFile('report')}>
          {words.exportReport}
        </button>
      </div>
      <div className="lp-actions">
        <button type="button" onClick={() => controller.goTo('fix')}>
          {words.backToFix}
        </button>
      </div>
    </div>
  );
}
