import { useUpload, useUploadController, useUploadWords } from './useUpload';

/** The account or sub-account this list goes to, and where its lists (lookups) came from. */
export function AccountPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const me = useUpload((s) => s.me);
  const accountId = useUpload((s) => s.accountId);
  const lookups = useUpload((s) => s.lookups);
  const loading = useUpload((s) => s.pending?.what === 'lookups');
  if (!me) return null;
  return (
    <section className="lp-card lp-upload-account">
      <label>
        <span>{w.chooseAccount}</span>
        <select
          value={accountId ?? ''}
          onChange={(e) => void upload.chooseAccount(e.target.value)}
          data-testid="upload-account"
        >
          {accountId === null && <option value="">{w.account}…</option>}
          {me.accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.parentId ? '\u2003' : ''}
              {a.name} ({w.accountKind[a.kind] ?? a.kind}, {a.id})
            </option>
          ))}
        </select>
      </label>
      {loading && <p className="lp-help">{w.loadingLookups}</p>}
      {lookups && (
        <p className="lp-help" data-testid="upload-lookups">
          {w.lookupsFrom(w.dateTime(lookups.fetchedAt), lookups.source === 'cache', lookups.stale)}
        </p>
      )}
    </section>
  );
}
