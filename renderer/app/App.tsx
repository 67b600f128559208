import type { Locale } from '../../shared/validate';
import { localeNames } from '../i18n/words';
import { FixScreen } from '../screens/fix/FixScreen';
import { MapScreen } from '../screens/map/MapScreen';
import { OpenScreen } from '../screens/open/OpenScreen';
import { ReviewScreen } from '../screens/review/ReviewScreen';
import { UploadScreen } from '../upload/UploadScreen';
import { UploadStatus } from '../upload/UploadStatus';
import { uploadUiWords } from '../upload/words';
import type { Screen } from './app-state';
import { BusyOverlay } from './BusyOverlay';
import { useController } from './AppContext';
import { NoticeBar } from './NoticeBar';
import { useAppState } from './useAppState';
import { useWords } from './useWords';

function SaveState() {
  const { words } = useWords();
  const save = useAppState((s) => s.save);
  if (save === 'idle') return null;
  const text = save === 'saving' ? words.saving : save === 'saved' ? words.savedAll : words.saveFailed;
  return (
    <output className={`lp-save lp-save-${save}`} data-testid="save-state" data-state={save}>
      {text}
    </output>
  );
}

function Steps() {
  const controller = useController();
  const { words } = useWords();
  const screen = useAppState((s) => s.screen);
  const opened = useAppState((s) => s.opened !== null);
  const hasList = useAppState((s) => s.columns !== null);
  const locale = useAppState((s) => s.locale);
  const uploads = useAppState((s) => s.template.upload);
  const steps: { id: Screen; label: string; enabled: boolean; go: () => void }[] = [
    { id: 'open', label: words.stepOpen, enabled: true, go: () => controller.goTo('open') },
    { id: 'map', label: words.stepMap, enabled: opened, go: () => void controller.goToMap() },
    { id: 'fix', label: words.stepFix, enabled: hasList, go: () => controller.goTo('fix') },
    { id: 'review', label: words.stepReview, enabled: hasList, go: () => controller.goTo('review') },
    {
      id: 'upload',
      label: uploadUiWords(locale).step,
      // The import server is ClientTether's; the Review screen says so for other CRMs.
      enabled: hasList && uploads,
      go: () => controller.goTo('upload'),
    },
  ];
  return (
    <nav aria-label={words.steps}>
      <ol className="lp-steps">
        {steps.map((step, i) => (
          <li key={step.id}>
            <button
              type="button"
              className="lp-step"
              aria-current={screen === step.id ? 'step' : undefined}
              disabled={!step.enabled}
              onClick={step.go}
            >
              <span className="lp-step-number" aria-hidden="true">
                {i + 1}
              </span>
              {step.label}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function LanguagePicker() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  return (
    <label className="lp-language">
      <span>{words.language}</span>
      <select value={locale} onChange={(e) => controller.setLocale(e.target.value as Locale)}>
        {(Object.keys(localeNames) as Locale[]).map((l) => (
          <option key={l} value={l}>
            {localeNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function App() {
  const { words } = useWords();
  const screen = useAppState((s) => s.screen);
  const locale = useAppState((s) => s.locale);
  const file = useAppState((s) => s.file);
  return (
    <div className="lp-app" lang={locale === 'nb' ? 'nb' : 'en'}>
      <a className="lp-skip" href="#main">
        {words.skipToContent}
      </a>
      <header className="lp-header">
        <h1 className="lp-brand">{words.appName}</h1>
        {file && <span className="lp-file-name">{file.name}</span>}
        <Steps />
        <UploadStatus />
        <SaveState />
        <LanguagePicker />
      </header>
      <NoticeBar />
      <main id="main" className="lp-main" tabIndex={-1}>
        {screen === 'open' && <OpenScreen />}
        {screen === 'map' && <MapScreen />}
        {screen === 'fix' && <FixScreen />}
        {screen === 'review' && <ReviewScreen />}
        {screen === 'upload' && <UploadScreen />}
      </main>
      <BusyOverlay />
    </div>
  );
}
