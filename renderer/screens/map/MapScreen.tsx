import { useEffect, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { useRenderedCount } from '../../app/useRenderedCount';
import type { ColumnTarget } from '../../../shared/mapping';
import type { SavedMapping } from '../../mapping/profiles';
import { StepActions } from '../../app/StepActions';
import { FieldFinder } from './FieldFinder';
import { MappingRow } from './MappingRow';

// A row is a select of forty-seven options: the first rows come with the screen, the rest a few per task
// after it has painted (see useRenderedCount), so no single task builds them all.
const firstRows = 5;
const moreRows = 5;
const skip: ColumnTarget = { kind: 'skip' };

export function MapScreen() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const proposals = useAppState((s) => s.proposals);
  const targets = useAppState((s) => s.targets);
  const template = useAppState((s) => s.template);
  const [profileName, setProfileName] = useState('');
  const shown = useRenderedCount(proposals?.length ?? 0, firstRows, moreRows);
  // A saved mapping for these headers in any order, offered above the table once the store has answered.
  const [profile, setProfile] = useState<SavedMapping | null>(null);
  useEffect(() => {
    setProfile(null);
    if (!proposals) return;
    let current = true;
    void controller.savedMappingFor(proposals.map((p) => p.header)).then((found) => {
      if (current) setProfile(found);
    });
    return () => {
      current = false;
    };
  }, [controller, proposals]);

  useEffect(() => {
    document.title = `${words.stepMap} – ${words.appName}`;
  }, [words]);

  if (!proposals || !targets) return null;
  const fields = template.fields;
  const chosen = targets.flatMap((t) =>
    t.kind === 'field' ? [t.header] : t.kind === 'split' ? [...t.fields] : [],
  );
  const twice = fields.filter((f) => chosen.filter((h) => h === f.header).length > 1);
  const missing = fields.filter((f) => f.required && !chosen.includes(f.header));

  return (
    <div className="lp-screen lp-map">
      <h2>{words.mapTitle}</h2>
      <p>{words.mapIntro}</p>
      {profile && (
        <div className="lp-card lp-profile-offer" data-testid="profile-offer">
          <span>{words.profileOffer(profile.name)}</span>
          <button type="button" className="lp-primary" onClick={() => controller.applySavedMapping(profile)}>
            {words.useProfile}
          </button>
          <button
            type="button"
            onClick={() => {
              setProfile(null);
              void controller.forgetSavedMapping(profile.name);
            }}
          >
            {words.forgetProfile}
          </button>
        </div>
      )}
      <p
        className={missing.length ? 'lp-warning-text' : 'lp-ok-text'}
        data-testid="required-missing"
        role="status"
      >
        {missing.length
          ? words.requiredMissing(missing.map((f) => f.label[locale]).join(', '))
          : words.allRequiredMapped}
      </p>
      {twice.map((f) => (
        <p key={f.header} className="lp-error-text" role="alert">
          {words.usedTwice(f.label[locale])}
        </p>
      ))}
      <FieldFinder proposals={proposals} targets={targets} />
      <table className="lp-map-table" data-testid="mapping">
        <colgroup>
          <col className="lp-map-source" />
          <col className="lp-map-samples" />
          <col className="lp-map-target" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{words.columnInFile}</th>
            <th scope="col">{words.sampleValues}</th>
            <th scope="col">{words.goesTo}</th>
            <th scope="col">{words.confidence}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.slice(0, shown).map((proposal) => (
            <MappingRow
              key={proposal.column}
              proposal={proposal}
              target={targets[proposal.column] ?? skip}
              locale={locale}
              template={template}
            />
          ))}
        </tbody>
      </table>
      <div className="lp-actions">
        <button type="button" onClick={() => void controller.loadLookups()}>
          {words.loadLookups}
        </button>
        <form
          className="lp-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (profileName.trim()) void controller.saveMappingProfile(profileName.trim());
          }}
        >
          <label>
            {words.profileName}
            <input type="text" value={profileName} onChange={(e) => setProfileName(e.target.value)} />
          </label>
          <button type="submit" disabled={!profileName.trim()}>
            {words.saveProfile}
          </button>
        </form>
      </div>
      <StepActions>
        <button type="button" onClick={() => controller.goTo('open')}>
          {words.back}
        </button>
        <button
          type="button"
          className="lp-primary"
          disabled={twice.length > 0}
          onClick={() => void controller.applyMapping()}
        >
          {words.continueToFix}
        </button>
      </StepActions>
    </div>
  );
}
