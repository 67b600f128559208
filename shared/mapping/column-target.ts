import type { MappingReason } from '.';
/**
 * Where a source column goes: a template field, a full name split into two fields, a new custom field, an
 * `[import]` note, or nowhere.
 */
export type ColumnTarget =
  | Readonly<{ kind: 'field'; header: string }>
  | Readonly<{ kind: 'split'; fields: readonly [string, string] }>
  | Readonly<{ kind: 'custom'; name: string }>
  | Readonly<{ kind: 'note' }>
  | Readonly<{ kind: 'skip' }>;

/** Why a target was proposed: shared/mapping's reasons, worded for people on the Map screen. */
export type ProposalReason = MappingReason;

/** One source column on the Map screen: its samples and the proposed target with a confidence 0..1. */
export type ColumnProposal = Readonly<{
  source: number;
  header: string;
  samples: readonly string[];
  target: ColumnTarget;
  confidence: number;
  reason: ProposalReason;
  /** What matched, for people (English, from shared/mapping). */
  detail: string;
}>;

export function sameTarget(a: ColumnTarget, b: ColumnTarget): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
