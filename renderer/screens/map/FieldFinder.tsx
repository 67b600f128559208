import { useId, useState } from 'react';
import type { ColumnProposal, ColumnTarget } from '../../../shared/mapping';
import { clientTether, type FieldDef } from '../../../shared/template';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { searchFields } from './field-search';

// Forty-six template fields are too many to scroll through in every column's list: a person types what they
// are looking for, sees where it is mapped from or takes it from a column, and sees what is still unmapped.

const shownResults = 8;

type Props = Readonly<{ proposals: readonly ColumnProposal[]; targets: readonly ColumnTarget[] }>;

/** The source column each template field is mapped from (a split name maps two). */
function mappedFrom(
  proposals: readonly ColumnProposal[],
  targets: readonly ColumnTarget[],
): Map<string, string> {
  const from = new Map<string, string>();
  for (const p of proposals) {
    const t = targets[p.column];
    if (t?.kind === 'field') from.set(t.header, p.header);
    else if (t?.kind === 'split') for (const f of t.fields) from.set(f, p.header);
  }
  return from;
}

export function FieldFinder({ proposals, targets }: Props) {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const [query, setQuery] = useState('');
  const id = useId();
  const from = mappedFrom(proposals, targets);
  const fields = clientTether.fields;
  // Required fields first: they are the ones the import cannot do without.
  const unmapped = fields
    .filter((f) => !from.has(f.header))
    .sort((a, b) => Number(b.required) - Number(a.required));
  const found = query.trim() ? searchFields(fields, query).slice(0, shownResults) : [];
  const name = (f: FieldDef) => `${f.label[locale]} (${f.header})${f.required ? ' *' : ''}`;

  return (
    <section className="lp-card lp-field-finder" aria-labelledby={`${id}-title`} data-testid="field-finder">
      <h3 id={`${id}-title`}>{words.findField}</h3>
      <input
        type="search"
        aria-label={words.findField}
        aria-describedby={`${id}-help`}
        placeholder={words.findFieldPlaceholder}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <p id={`${id}-help`} className="lp-help">
        {words.findFieldHelp}
      </p>
      {query.trim() !== '' && (
        <ul className="lp-field-results" aria-live="polite" data-testid="field-results">
          {found.length === 0 && <li>{words.noFieldFound}</li>}
          {found.map((f) => (
            <li key={f.header} data-field={f.header}>
              <span className="lp-field-name">{name(f)}</span>{' '}
              {from.has(f.header) ? (
                <span className="lp-ok-text">{words.mappedFrom(from.get(f.header) ?? '')}</span>
              ) : (
                <select
                  aria-label={words.takeFieldFrom(f.label[locale])}
                  value=""
                  onChange={(e) => {
                    const column = Number(e.target.value);
                    if (e.target.value !== '')
                      controller.setTarget(column, { kind: 'field', header: f.header });
                  }}
                >
                  <option value="">{words.takeFromColumn}</option>
                  {proposals.map((p) => (
                    <option key={p.column} value={p.column}>
                      {p.header}
                    </option>
                  ))}
                </select>
              )}
            </li>
          ))}
        </ul>
      )}
      <details className="lp-unmapped" data-testid="unmapped-fields">
        <summary>{words.unmappedFields(unmapped.length)}</summary>
        <ul>
          {unmapped.map((f) => (
            <li key={f.header}>
              <button type="button" className="lp-link" onClick={() => setQuery(f.label[locale])}>
                {name(f)}
              </button>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
