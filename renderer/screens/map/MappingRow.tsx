import { memo } from 'react';
import type { Template } from '../../../shared/template';
import type { Locale } from '../../../shared/validate';
import { useController } from '../../app/AppContext';
import { useWords } from '../../app/useWords';
import type { Words } from '../../i18n/words';
import { type ColumnProposal, type ColumnTarget, isGuess } from '../../../shared/mapping';
import { firstTryWords } from '../../i18n/first-try-words';
import { GuessCheck } from './GuessCheck';
import { ValueMapButton } from './ValueMapButton';
import { ColumnSamples } from './ColumnSamples';

const splitFields = ['firstName', 'lastName'] as const;

function targetValue(target: ColumnTarget): string {
  return target.kind === 'field' ? `field:${target.header}` : target.kind;
}

function targetOf(value: string, proposal: ColumnProposal): ColumnTarget {
  if (value.startsWith('field:')) return { kind: 'field', header: value.slice(6) };
  if (value === 'split') return { kind: 'split', fields: splitFields };
  if (value === 'custom') return { kind: 'custom', name: proposal.header };
  if (value === 'note') return { kind: 'note' };
  return { kind: 'skip' };
}

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

type Props = Readonly<{ proposal: ColumnProposal; target: ColumnTarget; locale: Locale; template: Template }>;

/**
 * One source column on the Map screen: its name, sample values, where it goes and how sure the proposal is.
 * Memoised: changing one column's target re-renders that row, not forty selects of forty-seven options.
 */
export const MappingRow = memo(function MappingRow({ proposal, target, locale, template }: Props) {
  const controller = useController();
  const { words } = useWords();
  const selectId = `map-${proposal.column}`;
  return (
    <tr data-source={proposal.header}>
      <th scope="row">
        <label className="lp-source-name" htmlFor={selectId}>
          {proposal.header}
        </label>
      </th>
      <ColumnSamples proposal={proposal} target={target} />
      <td>
        <select
          id={selectId}
          value={targetValue(target)}
          onChange={(e) => controller.setTarget(proposal.column, targetOf(e.target.value, proposal))}
        >
          <optgroup label={words.templateFields}>
            {template.fields.map((f) => (
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
        {target.kind === 'field' && (
          <ValueMapButton column={proposal.column} header={proposal.header} target={target} />
        )}
        {target.kind === 'custom' && (
          <input
            type="text"
            aria-label={`${words.customFieldName}: ${proposal.header}`}
            value={target.name}
            onChange={(e) => controller.setTarget(proposal.column, { kind: 'custom', name: e.target.value })}
          />
        )}
      </td>
      <td className="lp-confidence" title={proposal.detail || undefined}>
        {target.kind === 'field' && isGuess(target) ? (
          <GuessCheck column={proposal.column} header={proposal.header} target={target} />
        ) : target.kind === 'skip' && proposal.system ? (
          // The old system's own column (an ID, a rating, a time zone…): left out by default, said why.
          firstTryWords(locale).leftOut(firstTryWords(locale).system[proposal.system])
        ) : (
          confidenceText(words, proposal, target)
        )}
      </td>
    </tr>
  );
});
