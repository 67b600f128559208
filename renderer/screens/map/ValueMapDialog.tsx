import { useEffect, useState } from 'react';
import type { ColumnValues, FieldTarget } from '../../../shared/mapping';
import type { FieldDef } from '../../../shared/template';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import { firstTryWords } from '../../i18n/first-try-words';
import { Dialog } from '../fix/Dialog';

type Option = Readonly<{ value: string; label: string }>;

/** What a value may become: the choice's values, 1/0 for a flag, the IDs of the account's list by name. */
function optionsFor(field: FieldDef, lookups: ReturnType<typeof useLookups>, locale: 'en' | 'nb'): Option[] {
  if (field.kind === 'idRef') {
    const list = field.lookup ? (lookups?.[field.lookup] ?? []) : [];
    return list.map((item) => ({ value: item.id, label: `${item.name} (${item.id})` }));
  }
  return (field.choices ?? []).map((c) => ({ value: c.value, label: `${c.label[locale]} (${c.value})` }));
}

function useLookups() {
  return useAppState((s) => s.lookups);
}

type Props = Readonly<{
  column: number;
  header: string;
  field: FieldDef;
  target: FieldTarget;
  onClose: () => void;
}>;

/**
 * The value-mapping step for a choice, flag or ID column: its distinct values with counts, each mapped to a
 * template value or an account ID (a certain match chosen already). The map goes into the column's target,
 * so it is applied to every row, saved with the mapping profile and read by `listprep` from the profile.
 */
export function ValueMapDialog({ column, header, field, target, onClose }: Props) {
  const controller = useController();
  const locale = useAppState((s) => s.locale);
  const lookups = useLookups();
  const words = firstTryWords(locale);
  const { words: common } = useWords();
  const [values, setValues] = useState<ColumnValues | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});

  useEffect(() => {
    let live = true;
    void controller.ask('columnValues', { column, field: field.header }).then((found) => {
      if (!live || !found) return;
      setValues(found);
      // What the column's map says already, else the value each surely means.
      const start: Record<string, string> = {};
      for (const d of found.distinct) {
        const now = target.values && Object.hasOwn(target.values, d.key) ? target.values[d.key] : d.match;
        if (now) start[d.key] = now;
      }
      setChosen(start);
    });
    return () => {
      live = false;
    };
  }, [controller, column, field.header, target.values]);

  const options = optionsFor(field, lookups, locale);
  const save = () => {
    const map = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v !== ''));
    const { values: _, ...rest } = target;
    controller.setTarget(column, Object.keys(map).length ? { ...rest, values: map } : rest);
    onClose();
  };

  return (
    <Dialog
      title={words.valueMapTitle(header, field.label[locale])}
      onClose={onClose}
      testId="value-map-dialog"
      wide
    >
      <p className="lp-help">{words.valueMapHelp}</p>
      {field.kind === 'idRef' && options.length === 0 && (
        <p className="lp-warning-text">{words.noLookupList}</p>
      )}
      {values && (
        <table className="lp-plan lp-value-map">
          <thead>
            <tr>
              <th scope="col">{words.valueInFile}</th>
              <th scope="col">{words.valueRows}</th>
              <th scope="col">{words.valueBecomes}</th>
            </tr>
          </thead>
          <tbody>
            {values.distinct.map((d) => (
              <tr key={d.key} data-value={d.key}>
                <th scope="row">{d.value}</th>
                <td>{d.count}</td>
                <td>
                  <select
                    aria-label={`${words.valueBecomes}: ${d.value}`}
                    value={chosen[d.key] ?? ''}
                    onChange={(e) => setChosen({ ...chosen, [d.key]: e.target.value })}
                  >
                    <option value="">{words.valueAsWritten}</option>
                    {options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {values && values.more > 0 && <p>{words.valueMore(values.more)}</p>}
      <div className="lp-actions">
        <button type="button" onClick={onClose}>
          {common.cancel}
        </button>
        <button type="button" className="lp-primary" disabled={!values} onClick={save}>
          {words.valueMapSave}
        </button>
      </div>
    </Dialog>
  );
}
