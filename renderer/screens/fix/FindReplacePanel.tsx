import { useEffect, useId, useRef, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { FindQuery, Plan } from '../../../shared/list';
import type { GridController } from './grid-controller';

type Props = Readonly<{
  grid: GridController;
  onClose: () => void;
  onPreview: (title: string, plan: Plan) => void;
}>;

/** Find (next / previous, in a column or everywhere) and replace all, previewed before it is applied. */
export function FindReplacePanel({ grid, onClose, onPreview }: Props) {
  const controller = useController();
  const { words } = useWords();
  const columns = useAppState((s) => s.columns);
  const locale = useAppState((s) => s.locale);
  const [text, setText] = useState('');
  const [replacement, setReplacement] = useState('');
  const [col, setCol] = useState<number | null>(null);
  const [matchCase, setMatchCase] = useState(false);
  const [result, setResult] = useState<string>('');
  const findInput = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => findInput.current?.focus(), []);

  const query: FindQuery = { text, col, matchCase };
  const find = async (direction: 1 | -1) => {
    const found = await controller.ask('find', { query, view: grid.view, from: grid.focused(), direction });
    if (!found) return;
    setResult(found.at ? words.matches(found.count) : words.notFound);
    if (found.at) await grid.goTo(found.at);
  };
  const replaceAll = async () => {
    const plan = await controller.ask('planReplace', { query, replacement });
    if (plan) onPreview(words.previewReplaceTitle(plan.count), plan);
  };

  return (
    <section className="lp-find" aria-label={words.findReplace} data-testid="find-panel">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void find(1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <label>
          {words.find}
          <input ref={findInput} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          {words.replaceWith}
          <input type="text" value={replacement} onChange={(e) => setReplacement(e.target.value)} />
        </label>
        <label htmlFor={`${id}-col`}>{words.inColumn}</label>
        <select
          id={`${id}-col`}
          value={col ?? ''}
          onChange={(e) => setCol(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{words.everywhere}</option>
          {columns?.map((c) => (
            <option key={c.index} value={c.index}>
              {c.label?.[locale] ?? c.header}
            </option>
          ))}
        </select>
        <label className="lp-check">
          <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
          {words.matchCase}
        </label>
        <button type="submit" disabled={!text}>
          {words.findNext}
        </button>
        <button type="button" disabled={!text} onClick={() => void find(-1)}>
          {words.findPrevious}
        </button>
        <button type="button" disabled={!text} onClick={() => void replaceAll()}>
          {words.replaceAll}
        </button>
        <button type="button" onClick={onClose}>
          {words.close}
        </button>
        <output data-testid="find-result">{result}</output>
      </form>
    </section>
  );
}
