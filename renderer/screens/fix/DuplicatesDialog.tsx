import { useCallback, useEffect, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { DuplicateGroupInfo, MergeWinners } from '../../../shared/list';
import { Dialog } from './Dialog';
import { MergePreviewPanel } from './MergePreviewPanel';

/** Every group of rows that look like one contact, with keep / merge / not-a-duplicate. All undoable. */
export function DuplicatesDialog({ onClose }: { onClose: () => void }) {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const [groups, setGroups] = useState<readonly DuplicateGroupInfo[] | null>(null);
  // A merge is previewed field by field first (MergePreviewPanel), then done with the person's picks.
  const [merging, setMerging] = useState<{ group: DuplicateGroupInfo; keep: number } | null>(null);

  const load = useCallback(async () => setGroups(await controller.ask('duplicates', {})), [controller]);
  useEffect(() => {
    void load();
  }, [load]);

  const resolve = async (
    group: DuplicateGroupInfo,
    action: 'keep' | 'merge' | 'notDuplicate',
    keep: number,
    winners?: MergeWinners,
  ) => {
    await controller.change('resolveDuplicate', {
      keys: group.rows.map((r) => r.key),
      action,
      keep,
      winners,
      locale,
    });
    setMerging(null);
    await load();
  };

  return (
    <Dialog title={words.duplicatesTitle} onClose={onClose} testId="duplicates-dialog" wide>
      {merging && (
        <MergePreviewPanel
          group={merging.group}
          keep={merging.keep}
          onMerge={(winners) => void resolve(merging.group, 'merge', merging.keep, winners)}
          onCancel={() => setMerging(null)}
        />
      )}
      {!merging && groups?.length === 0 && <p>{words.noDuplicates}</p>}
      {!merging &&
        groups?.map((group) => (
          <section
            key={group.rows.map((r) => r.key).join(',')}
            className="lp-dup-group"
            data-testid="duplicate-group"
            aria-label={group.kind === 'email' ? words.sameEmail : words.likelySame}
          >
            <h3>{group.kind === 'email' ? words.sameEmail : words.likelySame}</h3>
            <p className="lp-help">{group.kind === 'email' ? words.emailGroupHelp : words.likelyGroupHelp}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{words.row}</th>
                  <th scope="col">{words.name}</th>
                  <th scope="col">{words.email}</th>
                  <th scope="col">{words.phone}</th>
                  <th scope="col">{words.company}</th>
                  <th scope="col">
                    <span className="lp-sr-only">{words.apply}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {group.rows.map((row) => (
                  <tr key={row.key}>
                    <td>{row.n}</td>
                    <td>{row.name}</td>
                    <td>{row.email}</td>
                    <td>{row.phone}</td>
                    <td>{row.company}</td>
                    <td className="lp-actions">
                      <button type="button" onClick={() => void resolve(group, 'keep', row.key)}>
                        {words.keepThis}{' '}
                        <span className="lp-sr-only">
                          ({words.row} {row.n})
                        </span>
                      </button>
                      <button type="button" onClick={() => setMerging({ group, keep: row.key })}>
                        {words.mergeInto}{' '}
                        <span className="lp-sr-only">
                          ({words.row} {row.n})
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {group.kind === 'likely' && (
              <button type="button" onClick={() => void resolve(group, 'notDuplicate', group.rows[0].key)}>
                {words.notDuplicate}
              </button>
            )}
          </section>
        ))}
      <div className="lp-actions">
        <button type="button" onClick={onClose}>
          {words.close}
        </button>
      </div>
    </Dialog>
  );
}
