import type { ImportProgress } from '../../shared/upload';
import { RejectedRows } from './DryRunPanel';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

/** How far a running import is, 0 to 1, from the job's progress (sending counts as nothing done). */
export function fractionOf(progress: ImportProgress): number {
  if (progress.step !== 'waiting') return 0;
  const { phase, done, total } = progress.job.progress;
  if (phase === 'done') return 1;
  // Checking and matching are the first half of the work, writing the second.
  const part = total > 0 ? done / total : 0;
  return phase === 'writing' ? 0.5 + part / 2 : phase === 'queued' ? 0 : part / 2;
}

function Progress({ progress }: { progress: ImportProgress }) {
  const upload = useUploadController();
  const w = useUploadWords();
  const percent = Math.round(fractionOf(progress) * 100);
  let line: string;
  if (progress.step === 'sending')
    line = progress.attempt === 1 ? w.sending : w.sendingAgain(progress.attempt);
  else if (progress.step === 'retrying')
    line = w.shared.retrying(progress.attempt, Math.round(progress.delayMs / 1000), progress.accepted);
  else if (progress.job.status === 'queued') line = w.queued;
  else {
    const p = progress.job.progress;
    line = `${w.phase[p.phase] ?? p.phase}: ${w.progressOf(p.done, p.total)}`;
  }
  return (
    <section
      className="lp-card lp-upload-progress"
      aria-labelledby="upload-progress-title"
      data-testid="upload-progress"
    >
      <h3 id="upload-progress-title">{w.progressTitle}</h3>
      <progress max={100} value={percent} aria-label={w.progressTitle} data-testid="upload-progress-bar">
        {percent}%
      </progress>
      <p aria-live="polite" data-testid="upload-progress-line" data-step={progress.step}>
        {line}
      </p>
      {progress.step === 'retrying' && (
        <div className="lp-actions">
          <span className="lp-help">{w.offlineWaiting}</span>
          <button type="button" onClick={() => upload.retryNow()} data-testid="upload-retry-now">
            {w.retryNow}
          </button>
        </div>
      )}
      <p className="lp-help">{w.leaveRunning}</p>
    </section>
  );
}

/** The running import, then its result: counts, finish time, processed = rows sent, or what was rejected. */
export function ImportPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const run = useUpload((s) => s.run);
  if (run.phase === 'idle') return null;
  if (run.phase === 'running') return <Progress progress={run.progress} />;
  if (run.phase === 'failed') {
    return (
      <section className="lp-card lp-upload-result" data-testid="upload-result" data-status="unknown">
        <h3 className="lp-error-text">{w.headerFailed}</h3>
        <p>{w.failedUnknown(run.failure)}</p>
        <button type="button" onClick={() => upload.resetRun()}>
          {w.uploadAgain}
        </button>
      </section>
    );
  }
  const { job, issues, rejectedRows, rowsSent, processedMatches } = run.result;
  const c = job.counts;
  const completed = job.status === 'completed';
  return (
    <section className="lp-card lp-upload-result" data-testid="upload-result" data-status={job.status}>
      <h3 className={completed ? 'lp-ok-text' : 'lp-error-text'}>
        {completed ? w.resultTitle : w.resultFailedTitle}
      </h3>
      {c && completed && (
        <dl className="lp-counts">
          {(
            [
              [w.willCreate, c.created, 'created'],
              [w.willUpdate, c.updated, 'updated'],
              [w.willLeave, c.unchanged, 'unchanged'],
              [w.willSkip, c.skipped, 'skipped'],
            ] as const
          ).map(([label, value, id]) => (
            <div key={id}>
              <dt>{label}</dt>
              <dd data-testid={`result-${id}`}>{w.number(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {job.reason && <p className="lp-error-text">{job.reason}</p>}
      {job.finishedAt && <p data-testid="result-finished">{w.finishedAt(w.dateTime(job.finishedAt))}</p>}
      {c && (
        <p className={processedMatches ? 'lp-ok-text' : 'lp-warning-text'} data-testid="result-processed">
          {w.shared.processed(c.processed, rowsSent)}
        </p>
      )}
      <RejectedRows issues={issues} rows={rejectedRows} />
      <button type="button" onClick={() => upload.resetRun()} data-testid="upload-again">
        {w.uploadAgain}
      </button>
    </section>
  );
}
