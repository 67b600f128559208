import type { DateOrder } from '../../shared/fix';
import {
  type ColumnTarget,
  chosenColumn,
  defaultNoteField,
  findProfile,
  type MappingProfile,
  mappingFromProfile,
  profileFromMapping,
} from '../../shared/mapping';
import type { Template } from '../../shared/template';
import {
  isLegacyProfile,
  type LegacyProfile,
  legacyProfileFor,
  upgradeLegacyProfile,
} from './legacy-profiles';

// Saved mappings ("profiles") in shared/mapping's format, the one `listprep map --save` writes: a customer's
// export always has the same columns, though not always in the same order, so a mapping chosen once is
// offered again for any file with the same set of headers (shared/mapping's signature ignores their order,
// case and accents) and applied by header. Kept in localStorage, which both the browser and Electron have.

const storageKey = 'listprep.mappingProfiles';

/** A saved mapping laid over a file's columns, ready for the Map screen. */
export type SavedMapping = Readonly<{
  name: string;
  /** One target per source column of the file, in the file's order. */
  targets: readonly ColumnTarget[];
  /** The day/month orders chosen for date columns when the mapping was saved. */
  dateOrders: Readonly<Record<string, DateOrder>>;
}>;

/** A stored profile the app can use; anything else (a newer format, a damaged entry) is left alone. */
function isProfile(value: unknown): value is MappingProfile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<MappingProfile>;
  return (
    p.format === 'listprep-mapping-profile' &&
    p.version === 1 &&
    typeof p.name === 'string' &&
    typeof p.template === 'string' &&
    typeof p.signature === 'string' &&
    Array.isArray(p.columns)
  );
}

/** Every stored entry, as written (profiles, the app's older profiles, anything else). */
function storedEntries(storage: Storage): unknown[] {
  try {
    const parsed = JSON.parse(storage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function nameOf(entry: unknown): string | null {
  return isProfile(entry) || isLegacyProfile(entry) ? entry.name : null;
}

/** Stores a profile, replacing any entry of the same name; the newest comes first. */
function storeProfile(profile: MappingProfile, storage: Storage): void {
  const others = storedEntries(storage).filter((entry) => nameOf(entry) !== profile.name);
  storage.setItem(storageKey, JSON.stringify([profile, ...others]));
}

export function loadProfiles(storage: Storage = localStorage): MappingProfile[] {
  return storedEntries(storage).filter(isProfile);
}

/** Saves the Map screen's mapping of a file's columns as a profile named `name`. */
export function saveMappingProfile(
  name: string,
  template: Template,
  headers: readonly string[],
  targets: readonly ColumnTarget[],
  options: { dateOrders?: Readonly<Record<string, DateOrder>>; storage?: Storage; now?: Date } = {},
): MappingProfile {
  const mapping = {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns: headers.map((header, column) =>
      chosenColumn(column, header, targets[column] ?? { kind: 'skip' }),
    ),
    // The app always keeps notes in the template's notes field (see worker/export-files.ts).
    noteField: defaultNoteField(template),
  };
  const profile = profileFromMapping(name, mapping, {
    dateOrders: { ...options.dateOrders },
    savedAt: (options.now ?? new Date()).toISOString(),
  });
  storeProfile(profile, options.storage ?? localStorage);
  return profile;
}

/** The saved mapping for a file with these headers (in any order), or null. */
export function findSavedMapping(
  template: Template,
  headers: readonly string[],
  storage: Storage = localStorage,
): SavedMapping | null {
  let profile = findProfile(loadProfiles(storage), headers, template.id);
  if (!profile) {
    const legacy = storedEntries(storage).find(
      (entry): entry is LegacyProfile => isLegacyProfile(entry) && legacyProfileFor(entry, headers),
    );
    if (!legacy) return null;
    // Now that the file's headers are known, the old profile can be stored in the shared format.
    profile = upgradeLegacyProfile(legacy, template, headers);
    storeProfile(profile, storage);
  }
  const mapping = mappingFromProfile(profile, headers, template);
  return {
    name: profile.name,
    targets: mapping.columns.map((c) => c.target),
    dateOrders: profile.dateOrders ?? {},
  };
}
