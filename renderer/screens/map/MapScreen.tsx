import { useEffect, useMemo, useState } from 'react';
import { clientTether } from '../../../shared/template';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { Words } from '../../i18n/words';
import type { ColumnProposal, ColumnTarget } from '../../mapping/column-target';
import { findSavedMapping } from '../../mapping/profiles';

function targetValue(target: ColumnTarget): string {
  return target.kind === 'field' ? `field:${target.header}` : target.kind;
}

const splitFields = ['firstName', 'lastName'] as const;

function confidenceText(words: Words, proposal: ColumnProposal, target: ColumnTarget): string {
  if (targetValue(target) !== targetValue(proposal.target) || proposal.confidence === 0)
    return words.confidenceNone;
  const level =
    proposal.confidence >= 0.85
      ? words.confidenceHigh
      : proposal.confidence >= 0.6
        ? words.confidenceMedium
        : words.confidenceLow;
  return `${level} (${words[`reason_${proposal.reason}`]})`;
}

export function MapScreen() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const proposals = useAppState((s) => s.proposals);
  const targets = useAppState((s) => s.targets);
  const [profileName, setProfileName] = useState('');
  // A saved mapping for these headers in any order, offered above the table.
  const profile = useMemo(() => {
    const headers = proposals?.map((p) => p.header);
    return headers ? findSavedMapping(clientTether, headers) : null;
  }, [proposals]);

  useEffect(() => {
    document.title = `${words.stepMap} – ${words.appName}`;
  }, [words]);

  if (!proposals || !targets) return null;
  const fields = clientTether.fields;
  const chosen = targets.flatMap((t) =>
    t.kind === 'field' ? [t.header] : t.kind === 'split' ? [...t.fields] : [],
  );
  const twice = fields.filter((f) => chosen.filter((h) => h === f.header).length > 1);
  const missing = fields.filter((f) => f.required && !chosen.includes(f.header));

  const onSelect = (source: number, value: string) => {
    const proposal = proposals[source];
    const target: ColumnTarget = value.startsWith('field:')
      ? { kind: 'field', header: value.slice(6) }
      : value === 'split'
        ? { kind: 'split', fields: splitFields }
        : value === 'custom'
          ? { kind: 'custom', name: proposal.header }
          : value === 'note'
            ? { kind: 'note' }
            : { kind: 'skip' };
    controller.setTarget(source, target);
  };

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
      <table className="lp-map-table" data-testid="mapping">
        <thead>
          <tr>
            <th scope="col">{words.columnInFile}</th>
            <th scope="col">{words.sampleValues}</th>
            <th scope="col">{words.goesTo}</th>
            <th scope="col">{words.confidence}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => {
            const target = targets[proposal.source] ?? { kind: 'skip' };
            const selectId = `map-${proposal.source}`;
            return (
              <tr key={proposal.source} data-source={proposal.header}>
                <th scope="row">
                  <label className="lp-source-name" htmlFor={selectId}>
                    {proposal.header}
                  </label>
                </th>
                <td className="lp-samples">{proposal.samples.slice(0, 3).join(' · ')}</td>
                <td>
                  <select
                    id={selectId}
                    value={targetValue(target)}
                    onChange={(e) => onSelect(proposal.source, e.target.value)}
                  >
                    <optgroup label={words.templateFields}>
                      {fields.map((f) => (
                        <option key={f.header} value={`field:${f.header}`}>
                          {f.label[locale]} ({f.header}){f.required ? ' *' : ''}
                        </option>
                      ))}
                    </optgroup>
                    <optgroup label={words.otherChoices}>
                      <option value="skip">{words.skipColumn}</option>
                      <option value="split">{words.splitName}</option>
                      <option value="note">{words.keepAsNote}</option>
                      <option value="custom">{words.customField}</option>
                    </optgroup>
                  </select>
                  {target.kind === 'custom' && (
                    <input
                      type="text"
                      aria-label={`${words.customFieldName}: ${proposal.header}`}
                      value={target.name}
                      onChange={(e) =>
                        controller.setTarget(proposal.source, { kind: 'custom', name: e.target.value })
                      }
                    />
                  )}
                </td>
                <td className="lp-confidence" title={proposal.detail || undefined}>
                  {confidenceText(words, proposal, target)}
                </td>
              </tr>
            );
          })}
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
            if (profileName.trim()) controller.saveMappingProfile(profileName.trim());
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
      <div className="lp-actions">
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
      </div>
    </div>
  );
}
