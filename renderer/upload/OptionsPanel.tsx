import { useEffect, useId } from 'react';
import { type MatchKey, matchKeys, type OnMatch, onMatchModes } from '../../shared/api';
import { describeConsequences } from '../../shared/upload';
import { useAppState } from '../app/useAppState';
import { useUpload, useUploadController, useUploadWords } from './useUpload';

/** The upload's options in plain words, with what they will set off shown as they are chosen. */
export function OptionsPanel() {
  const upload = useUploadController();
  const w = useUploadWords();
  const choices = useUpload((s) => s.choices);
  const lookups = useUpload((s) => s.lookups?.lookups ?? null);
  const facts = useUpload((s) => s.facts);
  const dryRun = useUpload((s) => s.dryRun);
  const locale = useAppState((s) => s.locale);
  const version = useAppState((s) => s.status?.version);
  const onMatchId = useId();
  const consequenceId = useId();

  // The consequences are counted on the list as it is: asked of the worker again whenever it changed.
  useEffect(() => {
    if (version !== undefined && facts?.version !== version) void upload.loadFacts();
  }, [version, facts, upload]);

  if (!lookups) return null;
  const consequences = upload.consequences();
  const lines = consequences ? describeConsequences(consequences, locale) : [];
  const planLabel = (p: (typeof lookups.actionPlans)[number]) =>
    [p.name, p.startsWithImmediateCall ? w.planStartsWithCall : null, w.planSends(p.sends)]
      .filter(Boolean)
      .join(' · ');
  const cycleName = (id: string) => {
    const step = lookups.salesCycles.find((s) => s.id === id);
    return step ? `${step.name} (${step.contactType})` : id;
  };
  return (
    <section className="lp-card lp-upload-options" aria-labelledby="upload-options-title">
      <h3 id="upload-options-title">{w.optionsTitle}</h3>
      <fieldset>
        <legend>{w.matchTitle}</legend>
        <label>
          <span>{w.matchPrimary}</span>
          <select
            value={choices.primaryKey}
            onChange={(e) => upload.setChoices({ primaryKey: e.target.value as MatchKey })}
            data-testid="upload-match"
          >
            {matchKeys.map((k) => (
              <option key={k} value={k}>
                {w.shared.matchKey[k]}
              </option>
            ))}
          </select>
        </label>
        {choices.primaryKey !== 'none' && (
          <label>
            <span>{w.matchSecondary}</span>
            <select
              value={choices.secondaryKey}
              onChange={(e) => upload.setChoices({ secondaryKey: e.target.value as MatchKey })}
              data-testid="upload-match-secondary"
            >
              {matchKeys
                .filter((k) => k !== choices.primaryKey)
                .map((k) => (
                  <option key={k} value={k}>
                    {w.shared.matchKey[k]}
                  </option>
                ))}
            </select>
          </label>
        )}
        {choices.primaryKey !== 'none' && (
          <div role="radiogroup" aria-labelledby={onMatchId} className="lp-upload-radios">
            <span id={onMatchId}>{w.onMatchLabel}</span>
            {onMatchModes.map((mode: OnMatch) => (
              <label key={mode}>
                <input
                  type="radio"
                  name="upload-on-match"
                  value={mode}
                  checked={choices.onMatch === mode}
                  onChange={() => upload.setChoices({ onMatch: mode })}
                  data-testid={`upload-on-match-${mode}`}
                />
                {w.shared.onMatch[mode]}
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{w.planTitle}</legend>
        <select
          value={choices.actionPlanId ?? ''}
          onChange={(e) => upload.setChoices({ actionPlanId: e.target.value || null })}
          // A legend names its fieldset, not the select inside it: screen readers need the select's own name.
          aria-label={w.planTitle}
          aria-describedby={consequenceId}
          data-testid="upload-plan"
        >
          <option value="">{w.planNone}</option>
          {lookups.actionPlans.map((p) => (
            <option key={p.id} value={p.id}>
              {planLabel(p)}
            </option>
          ))}
        </select>
        <label>
          <span>{w.leadSource}</span>
          <select
            value={choices.leadSourceId ?? ''}
            onChange={(e) => upload.setChoices({ leadSourceId: e.target.value || null })}
            data-testid="upload-lead-source"
          >
            <option value="">{w.noDefault}</option>
            {lookups.leadSources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{w.salesCycle}</span>
          <select
            value={choices.salesCycleId ?? ''}
            onChange={(e) => upload.setChoices({ salesCycleId: e.target.value || null })}
            data-testid="upload-sales-cycle"
          >
            <option value="">{w.firstStep}</option>
            {lookups.salesCycles
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {cycleName(s.id)}
                </option>
              ))}
          </select>
        </label>
      </fieldset>
      {(facts?.facts.unmappedColumns.length ?? 0) > 0 && (
        <fieldset className="lp-upload-radios">
          <legend>{w.unmappedTitle}</legend>
          {(['note', 'drop'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="upload-unmapped"
                checked={choices.unmappedColumns === mode}
                onChange={() => upload.setChoices({ unmappedColumns: mode })}
                data-testid={`upload-unmapped-${mode}`}
              />
              {mode === 'note' ? w.unmappedNote : w.unmappedDrop}
            </label>
          ))}
        </fieldset>
      )}
      <div id={consequenceId} className="lp-upload-consequences" aria-live="polite">
        <h4>{w.consequencesTitle}</h4>
        <ul data-testid="upload-consequences">
          {lines.map((line) => (
            <li
              key={line.text}
              className={line.kind === 'warning' ? 'lp-warning-text' : undefined}
              data-kind={line.kind}
            >
              {line.text}
            </li>
          ))}
        </ul>
      </div>
      {consequences?.compliance.required && (
        <label className="lp-check lp-upload-compliance">
          <input
            type="checkbox"
            checked={choices.complianceConfirmed}
            onChange={(e) => upload.setChoices({ complianceConfirmed: e.target.checked })}
            data-testid="upload-compliance"
          />
          {w.compliance}
        </label>
      )}
      <div className="lp-actions">
        <button
          type="button"
          className={dryRun ? undefined : 'lp-primary'}
          onClick={() => void upload.dryRun()}
          data-testid="upload-dry-run"
        >
          {dryRun ? w.dryRunAgain : w.dryRun}
        </button>
      </div>
    </section>
  );
}
