import { type ReactNode, useEffect, useId, useRef } from 'react';

type Props = Readonly<{
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}>;

/**
 * A modal dialog on the native <dialog>: focus moves in and is trapped, Escape closes, and focus returns to
 * where it was (the grid cell) when it closes.
 */
export function Dialog({ title, onClose, children, testId, wide }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // No close() on cleanup: unmounting an open dialog closes it, and a close() here would fire `onClose`
  // during React's development double-mount.
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'lp-dialog lp-dialog-wide' : 'lp-dialog'}
      aria-labelledby={titleId}
      data-testid={testId}
      onClose={onClose}
    >
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
