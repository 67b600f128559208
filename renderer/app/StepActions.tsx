import type { ReactNode } from 'react';

/**
 * A step's main actions (Continue, Back), kept in view at the bottom of the screen however long the page
 * is: nobody has to scroll past a long preview or mapping to find the way on.
 */
export function StepActions({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <div className="lp-step-actions" data-testid="step-actions">
      {children}
    </div>
  );
}
