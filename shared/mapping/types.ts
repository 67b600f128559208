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
  | Readonly<{ kind: 'field'; header: string }>
  | Readonly<{ kind: 'split'; fields: readonly [string, string] }>
  | Readonly<{ kind: 'custom'; name: string }>
  | Readonly<{ kind: 'note' }>
  | Readonly<{ kind: 'skip' }>;

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
}>;

/** A column's proposal as the Map screen shows it: the decision and a few values to recognise it by. */
export type ColumnProposal = ColumnMapping & Readonly<{ samples: readonly string[] }>;

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
