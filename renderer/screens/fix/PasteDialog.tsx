import { useWords } from '../../app/useWords';
import type { PasteOutcome } from '../../../shared/list';
import { Dialog } from './Dialog';

type Props = Readonly<{ outcome: PasteOutcome; onAnswer: (paste: boolean) => void }>;

/** Asked before a paste adds rows at the end of the list or leaves columns out: nothing changes until yes. */
export function PasteDialog({ outcome, onAnswer }: Props) {
  const { words } = useWords();
  return (
    <Dialog title={words.pasteTitle} onClose={() => onAnswer(false)} testId="paste-dialog">
      {outcome.needsRows > 0 && <p>{words.pasteAddsRows(outcome.needsRows)}</p>}
      {outcome.clippedCols > 0 && <p>{words.pasteClipsCols(outcome.clippedCols)}</p>}
      <div className="lp-actions">
        <button type="button" onClick={() => onAnswer(false)}>
          {words.cancel}
        </button>
        <button type="button" className="lp-primary" onClick={() => onAnswer(true)}>
          {words.pasteAnyway}
        </button>
      </div>
    </Dialog>
  );
}
