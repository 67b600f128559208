import { useState } from 'react';
import type { FieldTarget } from '../../../shared/mapping';
import { clientTether } from '../../../shared/template';
import { useAppState } from '../../app/useAppState';
import { firstTryWords } from '../../i18n/first-try-words';
import { ValueMapDialog } from './ValueMapDialog';

// Fields whose values must be the template's words or the account's IDs: these get the value-mapping step.
const mappedKinds = new Set(['choice', 'flag01', 'idRef']);

type Props = Readonly<{ column: number; header: string; target: FieldTarget }>;

/** "Map values…" under a choice, flag or ID column's target, with how many values are mapped so far. */
export function ValueMapButton({ column, header, target }: Props) {
  const locale = useAppState((s) => s.locale);
  const [open, setOpen] = useState(false);
  const field = clientTether.fields.find((f) => f.header === target.header);
  if (!field || !mappedKinds.has(field.kind)) return null;
  const words = firstTryWords(locale);
  const mapped = target.values ? Object.keys(target.values).length : 0;
  return (
    <span className="lp-value-map-open">
      {/* The name starts with the words shown (a speech user says what they see); the column follows it. */}
      <button type="button" onClick={() => setOpen(true)}>
        {words.mapValues}
        <span className="lp-sr-only">{words.mapValuesOf(header)}</span>
      </button>
      {mapped > 0 && (
        <span className="lp-help" data-testid="values-mapped">
          {' '}
          {words.valueMapMapped(mapped)}
        </span>
      )}
      {open && (
        <ValueMapDialog
          column={column}
          header={header}
          field={field}
          target={target}
          onClose={() => setOpen(false)}
        />
      )}
    </span>
  );
}
