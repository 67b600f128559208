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

/** What happens to a column without a field: kept as an `[import]` note, kept as a custom field, or dropped. */
export type UnmappedAction = 'note' | 'custom' | 'drop';

/** The decision for one source column. */
export type ColumnMapping = Readonly<{
  /** 0-based position in the source file. */
  column: number;
  header: string;
  /** The template header this column fills, or null. */
  field: string | null;
  /** For a full-name column: the first-name and last-name fields its value is split into. */
  split?: readonly [string, string];
  /** 0 to 1: how sure the mapper is. Profiles and user choices are 1. */
  confidence: number;
  reason: MappingReason;
  /** For people: what matched (`synonym "mobile phone"`, `40 of 40 sampled values are email addresses`). */
  detail?: string;
  /** Only for a column without field (and not split): what to do with its values. */
  unmapped?: UnmappedAction;
  /** The custom field's name when `unmapped` is `custom` (defaults to the header). */
  customName?: string;
}>;

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
