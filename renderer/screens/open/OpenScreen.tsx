import { type DragEvent, useEffect, useState } from 'react';
import type { CsvDelimiter, TextEncoding } from '../../../shared/codec';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { StepActions } from '../../app/StepActions';
import { useWords } from '../../app/useWords';
import { PreviewTable } from './PreviewTable';
import { RestoreOffer } from './RestoreOffer';
import { TemplateBuilder } from './TemplateBuilder';
import { builtInTemplates } from '../../../shared/template';

const encodings: { value: TextEncoding; label: string }[] = [
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'windows-1252', label: 'Windows-1252 (Western)' },
  { value: 'utf-16le', label: 'UTF-16 LE' },
  { value: 'utf-16be', label: 'UTF-16 BE' },
];

export function OpenScreen() {
  const controller = useController();
  const { words } = useWords();
  const opened = useAppState((s) => s.opened);
  const recent = useAppState((s) => s.recent);
  const file = useAppState((s) => s.file);
  const reading = useAppState((s) => s.reading);
  const template = useAppState((s) => s.template);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    document.title = `${words.stepOpen} – ${words.appName}`;
  }, [words]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void controller.dropFile(dropped);
  };
  const delimiters: { value: CsvDelimiter; label: string }[] = [
    { value: ',', label: words.comma },
    { value: ';', label: words.semicolon },
    { value: '\t', label: words.tab },
    { value: '|', label: words.pipe },
  ];

  return (
    <div className="lp-screen lp-open">
      <h2>{words.openTitle}</h2>
      <label className="lp-crm">
        {words.crmLabel}
        <select
          data-testid="crm"
          value={template.id}
          onChange={(e) => void controller.chooseTarget({ id: e.target.value })}
        >
          {builtInTemplates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.crm}
            </option>
          ))}
        </select>
      </label>
      <TemplateBuilder />
      <RestoreOffer />
      <section
        className={`lp-dropzone${dragging ? ' lp-dropzone-active' : ''}`}
        data-testid="dropzone"
        aria-label={words.dropHere}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{words.openIntro}</p>
        <p className="lp-dropzone-hint">{words.dropHere}</p>
        <button type="button" className="lp-primary" onClick={() => void controller.pickFile()}>
          {words.chooseFile}
        </button>
      </section>
      {!opened && (
        <section className="lp-card" aria-labelledby="recent-title">
          <h3 id="recent-title">{words.recentFiles}</h3>
          {recent.length === 0 ? (
            <p>{words.noRecent}</p>
          ) : (
            <ul className="lp-recent">
              {recent.map((r) => (
                <li key={r.handle}>
                  <button
                    type="button"
                    className="lp-link"
                    onClick={() => void controller.openRecent(r.handle)}
                  >
                    {r.name}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {opened && file && (
        <section className="lp-card" aria-labelledby="format-title">
          <h3 id="format-title">{file.name}</h3>
          {reading ? (
            <div className="lp-reading" role="status" data-testid="reading">
              <progress max={1} value={reading.fraction} aria-label={words.reading(reading.done)} />
              <span>{words.reading(reading.done)}</span>
            </div>
          ) : (
            <p data-testid="row-count" className={opened.dataRows === 0 ? 'lp-warning-text' : undefined}>
              {opened.dataRows === 0 ? words.headerOnly : words.fileSummary(opened.dataRows)}
            </p>
          )}
          <p className="lp-help" data-testid="left-out">
            {words.leftOut({
              titles: opened.format.titles,
              blank: opened.format.blankRows,
              footer: opened.format.footer.length,
              ragged: opened.format.raggedRows,
            })}
          </p>
          <div className="lp-format">
            {opened.format.kind === 'csv' ? (
              <>
                <label>
                  {words.encoding}
                  <select
                    data-testid="encoding"
                    value={opened.format.encoding ?? 'utf-8'}
                    onChange={(e) =>
                      void controller.changeReadOptions({ encoding: e.target.value as TextEncoding })
                    }
                  >
                    {encodings.map((enc) => (
                      <option key={enc.value} value={enc.value}>
                        {enc.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {words.delimiter}
                  <select
                    data-testid="delimiter"
                    value={opened.format.delimiter ?? ','}
                    onChange={(e) =>
                      void controller.changeReadOptions({ delimiter: e.target.value as CsvDelimiter })
                    }
                  >
                    {delimiters.map((d) => (
                      <option key={d.value} value={d.value}>
                        {d.label}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            ) : (
              <label>
                {words.sheet}
                <select
                  value={opened.format.sheet ?? ''}
                  onChange={(e) => void controller.changeReadOptions({ sheet: e.target.value })}
                >
                  {opened.format.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <span>
              {words.headerRow}:{' '}
              <strong data-testid="header-row">{words.headerRowIs(opened.headerRow)}</strong>
            </span>
          </div>
          <p className="lp-help">{words.headerRowHelp}</p>
          <PreviewTable preview={opened.preview} lines={opened.lines} headerRow={opened.headerRow} />
          <StepActions>
            <button type="button" className="lp-primary" onClick={() => void controller.goToMap()}>
              {words.continueToMap}
            </button>
          </StepActions>
        </section>
      )}
    </div>
  );
}
