import { useAppState } from '../app/useAppState';
import { useController } from '../app/AppContext';
import { fractionOf } from './ImportPanel';
import { useUpload, useUploadWords } from './useUpload';

/** In the header on every step: an import left running, and how it ended. A click goes to the Upload step. */
export function UploadStatus() {
  const app = useController();
  const w = useUploadWords();
  const run = useUpload((s) => s.run);
  const screen = useAppState((s) => s.screen);
  if (run.phase === 'idle' || screen === 'upload') return null;
  let text: string;
  if (run.phase === 'running') {
    text =
      run.progress.step === 'retrying'
        ? w.headerRetrying
        : w.headerRunning(Math.round(fractionOf(run.progress) * 100));
  } else if (run.phase === 'done' && run.result.job.status === 'completed') text = w.headerDone;
  else text = w.headerFailed;
  return (
    <button
      type="button"
      className="lp-link lp-upload-status"
      onClick={() => app.goTo('upload')}
      data-testid="upload-status"
    >
      {text}
    </button>
  );
}
