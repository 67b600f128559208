import { useEffect } from 'react';
import { AccountPanel } from './AccountPanel';
import { ConnectPanel } from './ConnectPanel';
import { DryRunPanel } from './DryRunPanel';
import { HistoryPanel } from './HistoryPanel';
import { ImportPanel } from './ImportPanel';
import { OptionsPanel } from './OptionsPanel';
import { SplitUploadChoice } from './SplitUploadChoice';
import { useUpload, useUploadController, useUploadWords } from './useUpload';
import './upload.css';

function Waiting() {
  const upload = useUploadController();
  const w = useUploadWords();
  const pending = useUpload((s) => s.pending);
  if (!pending || pending.what === 'lookups') return null;
  return (
    <div className="lp-card lp-upload-waiting" aria-live="polite" data-testid="upload-waiting">
      <p>{pending.what === 'dryRun' ? w.dryRunning : w.connecting}</p>
      {pending.retry && (
        <>
          <p className="lp-warning-text" data-testid="upload-retrying">
            {w.shared.retrying(pending.retry.attempt, Math.round(pending.retry.delayMs / 1000), false)}
          </p>
          <div className="lp-actions">
            <button type="button" onClick={() => upload.retryNow()}>
              {w.retryNow}
            </button>
            <button type="button" onClick={() => upload.cancelWaiting()}>
              {w.stopWaiting}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** The Upload step: connect, choose the account and options, dry run, confirm, follow the import, history. */
export function UploadScreen() {
  const w = useUploadWords();
  const status = useUpload((s) => s.status);
  const accountId = useUpload((s) => s.accountId);
  const running = useUpload((s) => s.run.phase !== 'idle');
  const error = useUpload((s) => s.error);
  useEffect(() => {
    document.title = `${w.step} – ListPrep`;
  }, [w]);
  return (
    <div className="lp-screen lp-upload" data-testid="upload-screen">
      <h2>{w.title}</h2>
      {error && (
        <p className="lp-notice lp-notice-error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      <ConnectPanel />
      {status === 'connected' && <AccountPanel />}
      {status === 'connected' && accountId && (
        <>
          <SplitUploadChoice />
          {running ? <ImportPanel /> : <OptionsPanel />}
          <Waiting />
          {!running && <DryRunPanel />}
          <HistoryPanel />
        </>
      )}
    </div>
  );
}
