import type { Said } from './app-state';
import { useController } from './AppContext';
import { useAppState } from './useAppState';
import { useWords } from './useWords';

function textOf(text: Said, locale: 'en' | 'nb'): string {
  return typeof text === 'function' ? text(locale) : text;
}

/**
 * One message at a time under the header: errors as alerts, everything else as a polite status. Said in the
 * language shown; a notice about the list as it was is gone once the list changed.
 */
export function NoticeBar() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const version = useAppState((s) => s.status?.version);
  const current = useAppState((s) => s.notice);
  const notice = current && (current.version === undefined || current.version === version) ? current : null;
  return (
    <div className="lp-notices">
      <div role="alert" className={notice?.kind === 'error' ? 'lp-notice lp-notice-error' : 'lp-hidden'}>
        {notice?.kind === 'error' && (
          <>
            <span data-testid="notice-error">{textOf(notice.text, locale)}</span>
            <button type="button" onClick={() => controller.dismissNotice()}>
              {words.close}
            </button>
          </>
        )}
      </div>
      <div role="status" className={notice?.kind === 'info' ? 'lp-notice lp-notice-info' : 'lp-hidden'}>
        {notice?.kind === 'info' && (
          <>
            <span data-testid="notice-info">{textOf(notice.text, locale)}</span>
            <button type="button" onClick={() => controller.dismissNotice()}>
              {words.close}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
