import { useController } from './AppContext';
import { useAppState } from './useAppState';
import { useWords } from './useWords';

/** One message at a time under the header: errors as alerts, everything else as a polite status. */
export function NoticeBar() {
  const controller = useController();
  const { words } = useWords();
  const notice = useAppState((s) => s.notice);
  return (
    <div className="lp-notices">
      <div role="alert" className={notice?.kind === 'error' ? 'lp-notice lp-notice-error' : 'lp-hidden'}>
        {notice?.kind === 'error' && (
          <>
            <span data-testid="notice-error">{notice.text}</span>
            <button type="button" onClick={() => controller.dismissNotice()}>
              {words.close}
            </button>
          </>
        )}
      </div>
      <div role="status" className={notice?.kind === 'info' ? 'lp-notice lp-notice-info' : 'lp-hidden'}>
        {notice?.kind === 'info' && (
          <>
            <span data-testid="notice-info">{notice.text}</span>
            <button type="button" onClick={() => controller.dismissNotice()}>
              {words.close}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
