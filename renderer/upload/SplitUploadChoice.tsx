import { useController } from '../app/AppContext';
import { useAppState } from '../app/useAppState';
import { useSplitCounts } from '../app/useSplitCounts';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

/**
 * With errors left in the list: send only the rows without errors (the CRM takes nothing with an error) and
 * save the rows with errors as the error report for the customer. The counts are said before anything is sent.
 */
export function SplitUploadChoice() {
  const app = useController();
  const upload = useUploadController();
  const w = useUploadWords();
  const errors = useAppState((s) => s.status?.summary.errors ?? 0);
  const busy = useAppState((s) => s.busy !== null);
  const cleanOnly = useUpload((s) => s.cleanOnly);
  // The choice is the next upload's: it waits while one is running; the report is there before and after.
  const running = useUpload((s) => s.run.phase === 'running');
  const split = useSplitCounts(errors);
  if (!split || split.errors === 0) return null;
  return (
    <section className="lp-card lp-split" aria-labelledby="upload-split-title" data-testid="upload-split">
      <h3 id="upload-split-title">{w.splitTitle}</h3>
      <label>
        <input
          type="checkbox"
          checked={cleanOnly}
          disabled={split.clean === 0 || running}
          onChange={(e) => upload.setCleanOnly(e.target.checked)}
          data-testid="upload-clean-only"
        />{' '}
        {w.splitSendClean(split.clean, split.errors)}
      </label>
      <p className="lp-help">{w.splitHelp}</p>
      <button type="button" disabled={busy} onClick={() => void app.exportErrorRows()}>
        {w.splitReport(split.errors)}
      </button>
    </section>
  );
}
