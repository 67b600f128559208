import { useEffect, useState } from 'react';
import { useController } from '../../app/AppContext';
import { useAppState } from '../../app/useAppState';
import { useWords } from '../../app/useWords';
import type { CellPosition } from '../../../shared/list';
import { Dialog } from './Dialog';
import type { GridController } from './grid-controller';

type Props = Readonly<{ grid: GridController; from: CellPosition; value: string; onClose: () => void }>;

/** Copies the focused cell into the rows below it; by default as far as the cells below are empty. */
export function FillDownDialog({ grid, from, value, onClose }: Props) {
  const controller = useController();
  const { words } = useWords();
  const locale = useAppState((s) => s.locale);
  const [count, setCount] = useState(1);

  useEffect(() => {
    void controller
      .ask('emptyRunBelow', { view: grid.view, from })
      .then((n) => setCount(Math.max(1, n ?? 1)));
  }, [controller, grid, from]);

  return (
    <Dialog title={words.fillDownTitle} onClose={onClose} testId="fill-down-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void controller.change('fillDown', { view: grid.view, from, count, locale }).then(onClose);
        }}
      >
        <p>{words.fillDownText(value)}</p>
        <label>
          {words.fillDownCount}
          <input
            type="number"
            min={1}
            value={count}
            onChange={(e) => setCount(Math.max(1, Number(e.target.value)))}
          />
        </label>
        <div className="lp-actions">
          <button type="button" onClick={onClose}>
            {words.cancel}
          </button>
          <button type="submit" className="lp-primary">
            {words.apply}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
