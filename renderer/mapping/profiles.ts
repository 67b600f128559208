import type { BridgeResult, Profiles } from '../../shared/bridge';
import type { DateOrder } from '../../shared/fix';
import {
  type ColumnTarget,
  chosenColumn,
  defaultNoteField,
  type MappingProfile,
  mappingFromProfile,
  profileFromMapping,
} from '../../shared/mapping';
import type { Template } from '../../shared/template';

// Saved mappings ("profiles") in shared/mapping's format, through the Bridge's profile store: the desktop app
// keeps them in the folder `listprep map --save` writes to, a browser in its local storage. A customer's
// export always has the same columns, though not always in the same order, so a mapping chosen once is
// offered again for any file with the same set of headers (the signature ignores their order, case and
// accents) and applied by header.

/** A saved mapping laid over a file's columns, ready for the Map screen. */
export type SavedMapping = Readonly<{
  name: string;
  /** One target per source column of the file, in the file's order. */
  targets: readonly ColumnTarget[];
  /** The day/month orders chosen for date columns when the mapping was saved. */
  dateOrders: Readonly<Record<string, DateOrder>>;
}>;

/** The Map screen's mapping of a file's columns as a profile named `name`. */
export function mappingProfileOf(
  name: string,
  template: Template,
  headers: readonly string[],
  targets: readonly ColumnTarget[],
  options: { dateOrders?: Readonly<Record<string, DateOrder>>; now?: Date } = {},
): MappingProfile {
  const mapping = {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns: headers.map((header, column) =>
      chosenColumn(column, header, targets[column] ?? { kind: 'skip' }),
    ),
    // The app always keeps notes in the template's notes field (see shared/list's export).
    noteField: defaultNoteField(template),
  };
  return profileFromMapping(name, mapping, {
    dateOrders: { ...options.dateOrders },
    savedAt: (options.now ?? new Date()).toISOString(),
  });
}

/** The saved mapping for a file with these headers (in any order), laid over its columns, or null. */
export async function findSavedMapping(
  profiles: Profiles,
  template: Template,
  headers: readonly string[],
): Promise<BridgeResult<SavedMapping | null>> {
  const found = await profiles.find(headers, template.id);
  if (!found.ok || !found.value) return found.ok ? { ok: true, value: null } : found;
  const profile = found.value;
  const mapping = mappingFromProfile(profile, headers, template);
  return {
    ok: true,
    value: {
      name: profile.name,
      targets: mapping.columns.map((c) => c.target),
      dateOrders: profile.dateOrders ?? {},
    },
  };
}
