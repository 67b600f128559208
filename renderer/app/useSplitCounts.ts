import { useEffect, useState } from 'react';
import type { SplitCounts } from '../../shared/list';
import { useController } from './AppContext';
import { useAppState } from './useAppState';

/** How the list splits (rows without errors, rows with), asked again whenever the list changed. */
export function useSplitCounts(errors: number): SplitCounts | null {
  const controller = useController();
  const version = useAppState((s) => s.status?.version);
  const [counts, setCounts] = useState<SplitCounts | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks again after every change.
  useEffect(() => {
    let live = true;
    if (errors === 0) {
      setCounts(null);
      return;
    }
    void controller.ask('splitCounts', {}).then((c) => {
      if (live) setCounts(c);
    });
    return () => {
      live = false;
    };
  }, [controller, version, errors]);
  return counts;
}
