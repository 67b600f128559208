import { useEffect, useState } from 'react';
import { afterNextPaint } from './after-paint';

/**
 * How many of `total` items to render: `first` at once, then `step` more in each following task, after the
 * browser has painted, until all are there. A screen of heavy rows (forty selects of forty-seven options)
 * then appears at once and fills in over a few frames instead of freezing the page for a quarter second.
 */
export function useRenderedCount(total: number, first: number, step: number): number {
  const [count, setCount] = useState(() => Math.min(total, first));
  useEffect(() => {
    if (count >= total) return;
    return afterNextPaint(() => setCount((n) => Math.min(total, n + step)));
  }, [count, total, step]);
  return Math.min(count, total);
}
