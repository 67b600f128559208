import { type FormEvent, useState } from 'react';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

/** Server address and API key; once connected, who the key belongs to. */
export function ConnectPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const status = useUpload((s) => s.status);
  const serverUrl = useUpload((s) => s.serverUrl);
  const who = useUpload((s) => s.who);
  const unencrypted = useUpload((s) => s.unencrypted);
  const [address, setAddress] = useState(serverUrl);
  const [key, setKey] = useState('');

  if (status === 'connected') {
    return (
      <section className="lp-card lp-upload-connected" data-testid="upload-connected">
        <p>{w.connectedAs(who ?? '', serverUrl)}</p>
        {unencrypted && (
          <p className="lp-warning-text" data-testid="upload-unencrypted">
            {w.unencrypted}
          </p>
        )}
        <button type="button" onClick={() => void upload.disconnect()}>
          {w.disconnect}
        </button>
      </section>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void upload.connect(address, key).then(() => setKey(''));
  };
  const busy = status === 'connecting' || status === 'checking';
  return (
    <form className="lp-card lp-upload-connect" onSubmit={submit} data-testid="upload-connect">
      <h3>{w.connectTitle}</h3>
      <label>
        <span>{w.serverAddress}</span>
        <input
          type="url"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          required
          autoComplete="url"
          data-testid="upload-server"
        />
      </label>
      <label>
        <span>{w.apiKey}</span>
        <input
          type="password"
          value={key}
          onChange={(e) => setKey(e.target.value)}
          required
          autoComplete="off"
          aria-describedby="upload-key-help"
          data-testid="upload-key"
        />
      </label>
      <p id="upload-key-help" className="lp-help">
        {w.apiKeyHelp}
      </p>
      <button type="submit" className="lp-primary" disabled={busy}>
        {busy ? w.connecting : w.connect}
      </button>
    </form>
  );
}
