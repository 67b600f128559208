import { useAppState } from './useAppState';
import { useWords } from './useWords';

/**
 * Progress of long work in the worker (reading, checking, restoring, exporting). The page stays live: the
 * bar animates and counts rows while the worker does the work.
 */
export function BusyOverlay() {
  const { words } = useWords();
  const busy = useAppState((s) => s.busy);
  if (!busy) return null;
  const label =
    busy.task === 'read'
      ? words.reading(busy.done)
      : busy.task === 'validate'
        ? words.validating(busy.done)
        : busy.task === 'restore'
          ? words.restoring
          : words.exporting;
  return (
    <div className="lp-busy" data-testid="busy">
      <div className="lp-busy-box" role="status" aria-live="polite">
        <progress max={1} value={busy.fraction} aria-label={label} />
        <p data-testid="busy-label">{label}</p>
      </div>
    </div>
  );
}
