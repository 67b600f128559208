import { useMemo } from 'react';
import type { ColumnProposal, ColumnTarget } from '../../../shared/mapping';
import { clientTether } from '../../../shared/template';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { previewColumn } from './column-preview';

type Props = Readonly<{ proposal: ColumnProposal; target: ColumnTarget }>;

/**
 * A column's sample values on the Map screen, and below them the same values as the Fix screen will hold
 * them: where they land (a split name in two fields), fixed where a safe fix exists, marked where a problem
 * stays. A column with no value says so instead of looking like one waiting to load.
 */
export function ColumnSamples({ proposal, target }: Props) {
  const { words, code } = useWords();
  const locale = useAppState((s) => s.locale);
  const lookups = useAppState((s) => s.lookups) ?? undefined;
  const samples = proposal.samples.slice(0, 3);
  const preview = useMemo(
    () => previewColumn(clientTether, target, proposal.samples.slice(0, 3), lookups),
    [target, proposal, lookups],
  );
  if (samples.length === 0)
    return (
      <td className="lp-samples">
        <span className="lp-empty-column" data-testid="empty-column">
          {words.emptyColumn}
        </span>
      </td>
    );
  const parts = [...new Set(preview.map((p) => p.field))];
  const labelOf = (header: string) =>
    clientTether.fields.find((f) => f.header === header)?.label[locale] ?? header;
  return (
    <td className="lp-samples">
      <div className="lp-samples-raw">{samples.join(' · ')}</div>
      {parts.map((field) => (
        <div key={field} className="lp-map-preview" data-testid="column-preview">
          <span className="lp-sr-only">{words.previewLabel}: </span>
          <span aria-hidden="true">→ </span>
          {parts.length > 1 && <span className="lp-map-preview-field">{labelOf(field)}: </span>}
          {preview
            .filter((p) => p.field === field)
            .map((p) => {
              const shown = p.fixed ?? p.value;
              const problem = p.code && p.fixed === null ? code(p.code) : null;
              return (
                <span key={p.sample}>
                  {p.sample > 0 && ' · '}
                  <span
                    className={
                      problem ? 'lp-preview-problem' : p.fixed !== null ? 'lp-preview-fixed' : undefined
                    }
                    title={problem ?? (p.fixed !== null ? words.previewFixed(p.value) : undefined)}
                  >
                    {shown === '' ? words.emptyCell : shown}
                  </span>
                  {problem && <span className="lp-sr-only"> ({problem})</span>}
                </span>
              );
            })}
        </div>
      ))}
    </td>
  );
}
