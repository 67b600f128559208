/** Why a column got its field (or none). Stable strings: the UI and saved reports key on them. */
export type MappingReason =
  /** The column is named like the template header (`firstName`, `First Name`). */
  | 'header'
  /** Named like the field's English or Norwegian label (`Etternavn`). */
  | 'label'
  /** Named like one of the field's synonyms or an export's vocabulary (`E-mail 1 - Value`, `Mobil`). */
  | 'synonym'
  /** The name said nothing; the values did (a column of email addresses). */
  | 'content'
  /** A full name (`Name`, `Navn`) split into first and last name because the file has no separate columns. */
  | 'fullName'
  /** Taken from a saved mapping profile. */
  | 'profile'
  /** Chosen by the user. */
  | 'user'
  /** No field. */
  | 'none';

/**
 * Where a source column goes: a template field, a full name split into two fields, a custom field (the
 * account's, found by name when the list is uploaded), an `[import]` note, or nowhere. The one model of a
 * column's destination, used by the mapper, profiles, the list engine, the CLI and (from its wire form,
 * `shared/api`'s mapping) the server.
 */
export type ColumnTarget =
  | FieldTarget
  | Readonly<{ kind: 'split'; fields: readonly [string, string] }>
  | Readonly<{ kind: 'custom'; name: string }>
  | Readonly<{ kind: 'note' }>
  | Readonly<{ kind: 'skip' }>;

/**
 * A column into a template field. `guess`: the field was read from the values, not the name, and no person has
 * confirmed it yet: the values go in as they are and no fix runs on them until someone does. `values`: a
 * person's (or a profile's) translation of the column's values into the field's (`Web` -> `12`), keyed by
 * `valueKey`; values it does not name stay as written.
 */
export type FieldTarget = Readonly<{
  kind: 'field';
  header: string;
  guess?: true;
  values?: Readonly<Record<string, string>>;
}>;

/** Why a column is left out by default: it is the old system's own (see system-columns.ts). */
export type SystemKind = 'id' | 'rating' | 'coordinates' | 'timeZone' | 'label' | 'technical' | 'filler';

/** The decision for one source column, with why it was made. */
export type ColumnMapping = Readonly<{
  /** 0-based position in the source file. */
  column: number;
  header: string;
  target: ColumnTarget;
  /** 0 to 1: how sure the mapper is. Profiles and user choices are 1. */
  confidence: number;
  reason: MappingReason;
  /** For people: what matched (`synonym "mobile phone"`, `40 of 40 sampled values are email addresses`). */
  detail?: string;
  /** For a column left out because it is the old system's own: which kind (for people, in their language). */
  system?: SystemKind;
}>;

/** A column's proposal as the Map screen shows it: the decision and a few values to recognise it by. */
export type ColumnProposal = ColumnMapping & Readonly<{ samples: readonly string[] }>;

/** A field read from the values that no person has confirmed yet: shown as "check this", never fixed. */
export function isGuess(target: ColumnTarget): boolean {
  return target.kind === 'field' && target.guess === true;
}

/** The target as a person confirmed it: the same field, no longer a guess. */
export function confirmed(target: ColumnTarget): ColumnTarget {
  if (target.kind !== 'field' || !target.guess) return target;
  const { guess: _, ...sure } = target;
  return sure;
}

/** The one template field a target fills, or null (a split, custom field, note or skip). */
export function fieldOf(target: ColumnTarget): string | null {
  return target.kind === 'field' ? target.header : null;
}

/** The template fields a target fills: one, two for a split name, none otherwise. */
export function fieldsOf(target: ColumnTarget): readonly string[] {
  if (target.kind === 'field') return [target.header];
  if (target.kind === 'split') return target.fields;
  return [];
}

/** A whole file's mapping onto one template. Plain data: it is saved in profiles and sent between processes. */
export type Mapping = Readonly<{
  /** The template's id. */
  template: string;
  /** The template's headers in order, so a mapping can be applied without the template at hand. */
  fields: readonly string[];
  /** One entry per source column, in file order. */
  columns: readonly ColumnMapping[];
  /** The template field that receives the `[import]` notes, or null to drop them. */
  noteField: string | null;
}>;
