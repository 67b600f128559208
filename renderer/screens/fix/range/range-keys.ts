// The grid's spreadsheet keys, as Excel and Google Sheets have them. Plain arrows, Enter, Tab, F2 and typing
// stay AG Grid's; Ctrl+V arrives as the browser's paste event; undo and redo are the Fix screen's.

export type RangeCommand =
  | Readonly<{ kind: 'extend'; rows: -1 | 0 | 1; cols: -1 | 0 | 1; toEdge: boolean }>
  | Readonly<{
      kind: 'selectAll' | 'wholeRows' | 'wholeColumns' | 'clear' | 'copy' | 'cut' | 'fillDown' | 'collapse';
    }>;

export type KeyPress = Readonly<{
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}>;

const arrows: Readonly<Record<string, readonly [-1 | 0 | 1, -1 | 0 | 1]>> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** The command a key press on a grid cell (not in an editor) means, or null for the grid's own handling. */
export function rangeCommandOf(press: KeyPress): RangeCommand | null {
  if (press.altKey) return null;
  // Cmd on a Mac is Ctrl elsewhere.
  const mod = press.ctrlKey || press.metaKey;
  const arrow = arrows[press.key];
  if (arrow && press.shiftKey) return { kind: 'extend', rows: arrow[0], cols: arrow[1], toEdge: mod };
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key === ' ' && press.shiftKey && !mod) return { kind: 'wholeRows' };
  if (key === ' ' && mod && !press.shiftKey) return { kind: 'wholeColumns' };
  if (key === 'Delete' && !mod && !press.shiftKey) return { kind: 'clear' };
  if (key === 'Escape' && !mod && !press.shiftKey) return { kind: 'collapse' };
  if (!mod || press.shiftKey) return null;
  if (key === 'a') return { kind: 'selectAll' };
  if (key === 'c') return { kind: 'copy' };
  if (key === 'x') return { kind: 'cut' };
  if (key === 'd') return { kind: 'fillDown' };
  return null;
}
