import type { FixExample, FixKindCount } from './fixes';
import type { Op } from './ops';
import type { Plan } from '../protocol';

/**
 * Ops shown to the user before they run (a fix across a column, a replace): kept under a token until the
 * user applies one or the list changes, when every preview is stale and asked for again.
 */
export class PlanStore {
  private readonly plans = new Map<number, Op>();
  private nextToken = 1;

  /** The preview of an op; a null op (nothing to change) gets token 0 and is not kept. */
  keep(
    op: Op | null,
    count: number,
    examples: readonly FixExample[],
    kinds: readonly FixKindCount[] = [],
  ): Plan {
    if (!op) return { token: 0, count: 0, examples: [], kinds: [] };
    const token = this.nextToken++;
    this.plans.set(token, op);
    return { token, count, examples, kinds };
  }

  get(token: number): Op | undefined {
    return this.plans.get(token);
  }

  clear(): void {
    this.plans.clear();
  }
}
