import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';

/** After a crash or a closed tab: the lists with unsaved work, each with Restore and Discard. */
export function RestoreOffer() {
  const controller = useController();
  const { words } = useWords();
  const unsaved = useAppState((s) => s.unsaved);
  const locale = useAppState((s) => s.locale);
  if (unsaved.length === 0) return null;
  return (
    <section className="lp-card lp-restore" aria-labelledby="restore-title">
      <h2 id="restore-title">{words.restoreTitle}</h2>
      <ul>
        {unsaved.slice(0, 5).map((list) => (
          <li key={list.listId} data-testid="unsaved-list">
            <span>
              {words.restoreText(
                list.name,
                new Date(list.updatedAt).toLocaleString(locale === 'nb' ? 'nb-NO' : 'en-US'),
              )}
            </span>
            <button type="button" className="lp-primary" onClick={() => void controller.restore(list.listId)}>
              {words.restore}
            </button>
            <button type="button" onClick={() => void controller.discardUnsaved(list.listId)}>
              {words.discard}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
