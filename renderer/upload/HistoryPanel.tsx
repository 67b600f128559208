import { useState } from 'react';
import type { ImportJob } from '../../shared/api';
import { Dialog } from '../screens/fix/Dialog';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

function RollbackDialog({ job, onClose }: { job: ImportJob; onClose: () => void }) {
  const upload = useUploadController();
  const w = useUploadWords();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog title={w.rollbackTitle(job.id)} onClose={onClose} testId="rollback-dialog">
      <p data-testid="rollback-consequence">{w.shared.rollback(job)}</p>
      <div className="lp-actions">
        <button
          type="button"
          className="lp-primary"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void upload.rollback(job).then(onClose);
          }}
          data-testid="rollback-confirm"
        >
          {w.rollbackConfirm}
        </button>
        <button type="button" onClick={onClose}>
          {w.cancel}
        </button>
      </div>
    </Dialog>
  );
}

/** The account's imports: status, counts, who and when; a completed one can be rolled back. */
export function HistoryPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const history = useUpload((s) => s.history);
  const [rollingBack, setRollingBack] = useState<ImportJob | null>(null);
  if (!history) return null;
  const cols = w.historyColumns;
  return (
    <section className="lp-card lp-upload-history" aria-labelledby="upload-history-title">
      <h3 id="upload-history-title">{w.historyTitle}</h3>
      <button type="button" className="lp-link" onClick={() => void upload.loadHistory()}>
        {w.historyRefresh}
      </button>
      {history.length === 0 ? (
        <p className="lp-help">{w.historyEmpty}</p>
      ) : (
        <table className="lp-table" data-testid="upload-history">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{cols.when}</th>
              <th scope="col">{cols.file}</th>
              <th scope="col">{cols.status}</th>
              <th scope="col">{cols.counts}</th>
              <th scope="col">{cols.who}</th>
              <th scope="col">
                <span className="lp-sr-only">{w.rollback}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {history.map((job) => (
              <tr key={job.id} data-import={job.id} data-status={job.status}>
                <td>{job.id}</td>
                <td>{w.dateTime(job.finishedAt ?? job.createdAt)}</td>
                <td>{job.source.name}</td>
                <td title={job.reason ?? undefined}>{w.status[job.status]}</td>
                <td>
                  {job.counts
                    ? `${w.number(job.counts.created)} / ${w.number(job.counts.updated)} / ${w.number(job.counts.unchanged)}`
                    : '—'}
                </td>
                <td>{job.createdBy.name}</td>
                <td>
                  {job.status === 'completed' && (
                    <button
                      type="button"
                      onClick={() => setRollingBack(job)}
                      data-testid={`rollback-${job.id}`}
                    >
                      {w.rollback}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rollingBack && <RollbackDialog job={rollingBack} onClose={() => setRollingBack(null)} />}
    </section>
  );
}
