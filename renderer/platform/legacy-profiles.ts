import { foldKey } from '../../shared/fix';
import {
  type ColumnTarget,
  chosenColumn,
  defaultNoteField,
  type MappingProfile,
  profileFromMapping,
} from '../../shared/mapping';
import type { Template } from '../../shared/template';

// The app's first saved mappings kept the Map screen's targets under a signature of the folded headers in
// file order, so they matched only a file with the same column order, and kept no header as written. They
// cannot be turned into shared/mapping's profiles until a file with those headers is open again: then they
// are, and stored in the new format (see web-profiles.ts).

export type LegacyProfile = Readonly<{ name: string; signature: string; targets: readonly ColumnTarget[] }>;

export function isLegacyProfile(value: unknown): value is LegacyProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<LegacyProfile> & { format?: unknown };
  return (
    p.format === undefined &&
    typeof p.name === 'string' &&
    typeof p.signature === 'string' &&
    Array.isArray(p.targets)
  );
}

/** Whether an old profile was saved from a file with these headers (in this order: how it matched). */
export function legacyProfileFor(profile: LegacyProfile, headers: readonly string[]): boolean {
  return (
    profile.targets.length === headers.length && profile.signature === headers.map(foldKey).join('\u0001')
  );
}

/** The old profile in shared/mapping's format, with the headers of the file it matched. */
export function upgradeLegacyProfile(
  profile: LegacyProfile,
  template: Template,
  headers: readonly string[],
): MappingProfile {
  return profileFromMapping(profile.name, {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns: headers.map((header, column) => chosenColumn(column, header, profile.targets[column])),
    noteField: defaultNoteField(template),
  });
}
