import { useEffect, useState } from 'react';
import type { ImportSummary } from '../../../shared/export';
import { useController } from '../../app/AppContext';
import { StepActions } from '../../app/StepActions';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { useSplitCounts } from '../../app/useSplitCounts';

const delimiterNames: Readonly<Record<string, 'comma' | 'semicolon' | 'tab' | 'pipe'>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

/** The CRM's import choices (MainBrainer's keys, the dealer CRM's Merge or Create) and what they will do. */
function ImportChoices() {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const template = useAppState((s) => s.template);
  const choices = useAppState((s) => s.importChoices);
  const version = useAppState((s) => s.status?.version);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  // Counted again on the list as it is whenever it changes, a choice changes or the language does.
  // biome-ignore lint/correctness/useExhaustiveDependencies: version, choices and locale are what the count reads
  useEffect(() => {
    let current = true;
    void controller.importSummary().then(
      (answer) => current && setSummary(answer),
      () => current && setSummary(null),
    );
    return () => {
      current = false;
    };
  }, [controller, version, choices, locale]);
  if (!template.choices.length && !template.summary.length) return null;
  return (
    <section className="lp-card" aria-labelledby="import-choices-title" data-testid="import-choices">
      <h3 id="import-choices-title">{words.importChoices}</h3>
      {template.choices.map((choice) => (
        <label key={choice.id} className="lp-choice" title={choice.hint[locale]}>
          {choice.label[locale]}
          <select
            data-testid={`choice-${choice.id}`}
            value={choices[choice.id] ?? choice.default}
            onChange={(e) => controller.setImportChoice(choice.id, e.target.value)}
          >
            {choice.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label[locale]}
              </option>
            ))}
          </select>
        </label>
      ))}
      {summary && (
        <ul className="lp-summary" data-testid="import-summary">
          {summary.lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ReviewScreen() {
  const controller = useController();
  const { words } = useWords();
  const status = useAppState((s) => s.status);
  const columns = useAppState((s) => s.columns);
  const template = useAppState((s) => s.template);
  const delimiter = useAppState((s) => s.csvDelimiter);
  const busy = useAppState((s) => s.busy !== null);
  const split = useSplitCounts(status?.summary.errors ?? 0);

  useEffect(() => {
    document.title = `${words.stepReview} – ${words.appName}`;
  }, [words]);

  if (!status || !columns) return null;
  const { errors, warnings } = status.summary;
  const exportedColumns = template.fields.length + columns.filter((c) => c.kind === 'custom').length;
  const empty = status.rowCount === 0;
  const blocked = errors > 0 || empty;
  const reasonId = 'export-blocked-reason';
  const { formats, csv } = template.export;
  return (
    <div className="lp-screen lp-review">
      <h2>{words.reviewTitle}</h2>
      <dl className="lp-counts" data-testid="review-counts">
        <div>
          <dt>{words.reviewRows}</dt>
          <dd data-testid="review-rows">{status.rowCount.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{words.reviewErrors}</dt>
          <dd data-testid="review-errors" className={errors ? 'lp-error-text' : undefined}>
            {errors.toLocaleString()}
          </dd>
        </div>
        <div>
          <dt>{words.reviewWarnings}</dt>
          <dd data-testid="review-warnings">{warnings.toLocaleString()}</dd>
        </div>
        <div>
          <dt>{words.reviewExported}</dt>
          <dd>{words.reviewExportedValue(status.rowCount, exportedColumns)}</dd>
        </div>
      </dl>
      <ImportChoices />
      <p id={reasonId} className={blocked ? 'lp-warning-text' : 'lp-ok-text'} data-testid="export-reason">
        {empty ? words.noRowsToExport : errors > 0 ? words.exportBlocked(errors) : words.exportReady}
      </p>
      {csv.delimiters.length > 1 && formats.includes('csv') && (
        <label className="lp-choice">
          {words.csvDelimiter}
          <select
            data-testid="csv-delimiter"
            value={delimiter ?? csv.delimiters[0]}
            onChange={(e) => controller.setCsvDelimiter(e.target.value)}
          >
            {csv.delimiters.map((d) => (
              <option key={d} value={d}>
                {words[delimiterNames[d]]}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="lp-actions lp-export-buttons">
        {formats.includes('xlsx') && (
          <button
            type="button"
            className="lp-primary"
            disabled={blocked || busy}
            aria-describedby={reasonId}
            onClick={() => void controller.exportFile('workbook')}
          >
            {words.exportWorkbook}
          </button>
        )}
        {formats.includes('csv') && (
          <button
            type="button"
            className={formats[0] === 'csv' ? 'lp-primary' : undefined}
            disabled={blocked || busy}
            aria-describedby={reasonId}
            onClick={() => void controller.exportFile('csv')}
          >
            {words.exportCsv}
          </button>
        )}
        <button type="button" disabled={busy || empty} onClick={() => void controller.exportFile('report')}>
          {words.exportReport}
        </button>
      </div>
      {split && split.errors > 0 && (
        <section className="lp-card lp-split" aria-labelledby="split-title" data-testid="split">
          <h3 id="split-title">{words.splitTitle}</h3>
          <p data-testid="split-counts">{words.splitCounts(split.clean, split.errors)}</p>
          <p className="lp-help">{words.splitHelp}</p>
          <div className="lp-actions">
            {formats.includes('xlsx') && (
              <button
                type="button"
                disabled={busy || split.clean === 0}
                onClick={() => void controller.exportSplit('workbook', split)}
              >
                {words.splitWorkbook}
              </button>
            )}
            {formats.includes('csv') && (
              <button
                type="button"
                disabled={busy || split.clean === 0}
                onClick={() => void controller.exportSplit('csv', split)}
              >
                {words.splitCsv}
              </button>
            )}
          </div>
        </section>
      )}
      {!template.upload && (
        <p className="lp-help" data-testid="upload-other-crm">
          {words.uploadOtherCrm(template.crm)}
        </p>
      )}
      <StepActions>
        <button type="button" onClick={() => controller.goTo('fix')}>
          {words.backToFix}
        </button>
        <button
          type="button"
          className="lp-primary"
          disabled={empty || !template.upload}
          onClick={() => controller.goTo('upload')}
          data-testid="to-upload"
        >
          {words.toUpload}
        </button>
      </StepActions>
    </div>
  );
}
