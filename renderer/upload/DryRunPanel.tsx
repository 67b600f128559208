import { useState } from 'react';
import type { RowIssue } from '../../shared/api';
import type { DryRunSummary } from '../../shared/list';
import { useAppState } from '../app/useAppState';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

function Counts({ dryRun }: { dryRun: DryRunSummary }) {
  const w = useUploadWords();
  const c = dryRun.counts;
  const items: [string, number, string][] = [
    [w.willCreate, c.created, 'created'],
    [w.willUpdate, c.updated, 'updated'],
    [w.willLeave, c.unchanged, 'unchanged'],
    [w.willSkip, c.skipped, 'skipped'],
    [w.rejected, c.errors, 'rejected'],
  ];
  return (
    <dl className="lp-counts" data-testid="dry-run-counts">
      {items.map(([label, value, id]) => (
        <div key={id}>
          <dt>{label}</dt>
          <dd
            data-testid={`dry-run-${id}`}
            className={id === 'rejected' && value > 0 ? 'lp-error-text' : undefined}
          >
            {w.number(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The rows the server rejects, each a link to the cell in the list. */
export function RejectedRows({ issues, rows }: { issues: readonly RowIssue[]; rows: number }) {
  const upload = useUploadController();
  const w = useUploadWords();
  const onGrid = useUpload((s) => s.serverProblemRows);
  const errors = issues.filter((i) => i.severity === 'error');
  if (rows === 0) return null;
  return (
    <div className="lp-upload-rejected" data-testid="upload-rejected">
      <h4 className="lp-error-text">{w.rejectedTitle(rows)}</h4>
      <ul>
        {errors.slice(0, 100).map((issue) => (
          <li key={`${issue.row}:${issue.column}:${issue.code}`} data-row={issue.row}>
            {w.rejectedRow(issue.row, issue.field, issue.message)}{' '}
            <button type="button" className="lp-link" onClick={() => upload.showRow(issue.row, issue.column)}>
              {w.showInGrid}
            </button>
          </li>
        ))}
      </ul>
      {onGrid > 0 && <p className="lp-help">{w.onGrid(onGrid)}</p>}
      <button
        type="button"
        onClick={() => upload.showRow(errors[0].row, errors[0].column)}
        data-testid="upload-fix-rejected"
      >
        {w.fixInGrid}
      </button>
    </div>
  );
}

function Changes({ dryRun }: { dryRun: DryRunSummary }) {
  const w = useUploadWords();
  const updates = dryRun.updates;
  if (updates.length === 0) return <p className="lp-help">{w.noChanges}</p>;
  return (
    <div className="lp-upload-changes" data-testid="dry-run-changes">
      {updates.map((o) => (
        <table key={o.row} className="lp-upload-change">
          <caption>{w.changesOfRow(o.row, o.contactId ?? '')}</caption>
          <tbody>
            {(o.changes ?? []).map((c) => (
              <tr key={c.field}>
                <th scope="row">{c.field}</th>
                <td className="lp-before">{c.from}</td>
                <td aria-hidden="true">→</td>
                <td className="lp-after">{c.to}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {dryRun.updateCount > updates.length && (
        <p className="lp-help">{w.moreChanges(dryRun.updateCount - updates.length)}</p>
      )}
    </div>
  );
}

/** The dry run's answer: counts, changes on request, rejected rows, and the confirmation. */
export function DryRunPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const dryRun = useUpload((s) => s.dryRun);
  const choices = useUpload((s) => s.choices);
  const accountName = useUpload((s) => s.me?.accounts.find((a) => a.id === s.accountId)?.name ?? '');
  const running = useUpload((s) => s.run.phase === 'running');
  const localErrors = useAppState((s) => s.status?.summary.errors ?? 0);
  useAppState((s) => s.status?.version);
  const [showChanges, setShowChanges] = useState(false);
  if (!dryRun) return null;
  const current = upload.dryRunIsCurrent();
  const result = dryRun.result;
  const needsCompliance = result.compliance.required && !choices.complianceConfirmed;
  // A dry run of the rows without errors only is not held back by the rows it leaves out.
  const errorsSent = dryRun.cleanOnly ? 0 : localErrors;
  const blocked = !current || result.counts.errors > 0 || needsCompliance || errorsSent > 0 || running;
  const reason = !current
    ? w.dryRunStale
    : errorsSent > 0
      ? w.fixLocalErrors(localErrors)
      : needsCompliance
        ? w.confirmNeedsCompliance
        : null;
  return (
    <section className="lp-card lp-upload-dry-run" aria-labelledby="dry-run-title" data-testid="dry-run">
      <h3 id="dry-run-title">{w.dryRunTitle}</h3>
      <Counts dryRun={result} />
      {result.counts.updated > 0 && (
        <button
          type="button"
          className="lp-link"
          onClick={() => setShowChanges(!showChanges)}
          aria-expanded={showChanges}
          data-testid="dry-run-show-changes"
        >
          {showChanges ? w.hideChanges : w.showChanges}
        </button>
      )}
      {showChanges && <Changes dryRun={result} />}
      <RejectedRows issues={result.issues} rows={result.rejectedRows} />
      {reason && (
        <p className="lp-warning-text" id="upload-confirm-reason" data-testid="upload-confirm-reason">
          {reason}
        </p>
      )}
      {result.counts.errors === 0 && (
        <div className="lp-actions">
          <button
            type="button"
            className="lp-primary"
            disabled={blocked}
            aria-describedby={reason ? 'upload-confirm-reason' : undefined}
            onClick={() => void upload.startImport()}
            data-testid="upload-confirm"
          >
            {w.confirm(result.counts.processed, accountName)}
          </button>
        </div>
      )}
    </section>
  );
}
