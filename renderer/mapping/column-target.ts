/** Where a source column goes: a template field, a new custom field, an `[import]` note, or nowhere. */
export type ColumnTarget =
  | Readonly<{ kind: 'field'; header: string }>
  | Readonly<{ kind: 'custom'; name: string }>
  | Readonly<{ kind: 'note' }>
  | Readonly<{ kind: 'skip' }>;

/** Why a target was proposed; worded for people on the Map screen. */
export type ProposalReason = 'exactHeader' | 'synonym' | 'similarName' | 'content' | 'profile' | 'none';

/** One source column on the Map screen: its samples and the proposed target with a confidence 0..1. */
export type ColumnProposal = Readonly<{
  source: number;
  header: string;
  samples: readonly string[];
  target: ColumnTarget;
  confidence: number;
  reason: ProposalReason;
}>;

export function sameTarget(a: ColumnTarget, b: ColumnTarget): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'field' && b.kind === 'field') return a.header === b.header;
  if (a.kind === 'custom' && b.kind === 'custom') return a.name === b.name;
  return true;
}
