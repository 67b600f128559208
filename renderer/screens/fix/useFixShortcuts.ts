import { useEffect, useRef } from 'react';

export type FixShortcuts = Readonly<{
  undo: () => void;
  redo: () => void;
  next: () => void;
  previous: () => void;
  find: () => void;
  fillDown: () => void;
}>;

/** True when a key press belongs to a text field (a cell editor, the find box): its own undo applies. */
function inTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    (target instanceof HTMLElement && target.isContentEditable)
  );
}

/**
 * The Fix screen's keyboard: Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo across every kind of change,
 * F8 / Shift+F8 move between problems, Ctrl+F finds, Ctrl+D fills down. Cmd works for Ctrl on a Mac.
 */
export function useFixShortcuts(actions: FixShortcuts): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const a = current.current;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (event.key === 'F8') {
        event.preventDefault();
        if (event.shiftKey) a.previous();
        else a.next();
        return;
      }
      if (!mod || event.altKey) return;
      if (key === 'f') {
        event.preventDefault();
        a.find();
        return;
      }
      if (inTextField(event.target) || document.querySelector('dialog[open]')) return;
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        a.undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        a.redo();
      } else if (key === 'd') {
        event.preventDefault();
        a.fillDown();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
