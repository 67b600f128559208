import { useEffect, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { DuplicateGroupInfo, MergePreview, MergeWinners } from '../../../shared/list';

type Props = Readonly<{
  group: DuplicateGroupInfo;
  keep: number;
  onMerge: (winners: MergeWinners) => void;
  onCancel: () => void;
}>;

/**
 * The merged record before a merge, field by field: which value wins (the kept row's unless the person picks
 * another), and which values go to the notes. Every pick is previewed again by the worker, which does the merge.
 */
export function MergePreviewPanel({ group, keep, onMerge, onCancel }: Props) {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const [winners, setWinners] = useState<Record<number, number>>({});
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const keys = group.rows.map((r) => r.key);

  // biome-ignore lint/correctness/useExhaustiveDependencies: keys follow the group.
  useEffect(() => {
    let live = true;
    void controller.ask('previewMerge', { keys, keep, winners, locale }).then((p) => {
      if (live && p) setPreview(p);
    });
    return () => {
      live = false;
    };
  }, [controller, group, keep, winners, locale]);

  if (!preview) return null;
  const rowNumber = (key: number) => key + 1;
  const choices = preview.fields.filter((f) => f.col !== preview.notesCol);
  const lost = preview.dropped;
  return (
    <section className="lp-merge" data-testid="merge-preview" aria-labelledby="merge-title">
      <h3 id="merge-title">
        {words.mergeTitle(rowNumber(keep), keys.filter((k) => k !== keep).map(rowNumber))}
      </h3>
      <p className="lp-help">{words.mergeHelp}</p>
      <div className="lp-merge-fields">
        {choices.map((field) =>
          field.choice ? (
            <fieldset key={field.col} className="lp-merge-field" data-testid="merge-field">
              <legend>{field.label}</legend>
              {field.values
                .filter((v) => v.value !== '')
                .map((v) => (
                  <label key={v.key}>
                    <input
                      type="radio"
                      name={`merge-${field.col}`}
                      // The pick shows at once; the preview of the notes follows from the worker.
                      checked={(winners[field.col] ?? field.winner) === v.key}
                      onChange={() => setWinners({ ...winners, [field.col]: v.key })}
                    />
                    <span className="lp-merge-value">{v.value}</span>{' '}
                    <span className="lp-help">({words.rowN(rowNumber(v.key))})</span>
                  </label>
                ))}
            </fieldset>
          ) : (
            <div key={field.col} className="lp-merge-field lp-merge-same" data-testid="merge-field">
              <span className="lp-merge-label">{field.label}</span>
              <span className="lp-merge-value">{field.value}</span>
            </div>
          ),
        )}
      </div>
      {preview.notesCol !== null ? (
        <div className="lp-merge-notes" data-testid="merge-notes">
          <p className="lp-merge-label">{words.mergeNotes}</p>
          <pre>{preview.notes || words.emptyCell}</pre>
        </div>
      ) : (
        lost > 0 && (
          <p className="lp-warning-text" role="alert" data-testid="merge-dropped">
            {words.mergeDropped(lost)}
          </p>
        )
      )}
      <div className="lp-actions">
        <button type="button" onClick={onCancel}>
          {words.cancel}
        </button>
        <button type="button" className="lp-primary" onClick={() => onMerge(winners)}>
          {lost > 0 ? words.mergeAndDrop(lost) : words.mergeNow}
        </button>
      </div>
    </section>
  );
}
