import type { ColumnTarget } from './column-target';
import { foldKey } from '../../shared/fix';

// Saved mappings ("profiles"): a customer's export always has the same columns, so the mapping chosen once
// is offered again when the headers match. Kept in localStorage, which both the browser and Electron have.

export type MappingProfile = Readonly<{ name: string; signature: string; targets: readonly ColumnTarget[] }>;

const storageKey = 'listprep.mappingProfiles';

/** The headers, normalised, in order: two files match when their columns are the same. */
export function headerSignature(headers: readonly string[]): string {
  return headers.map(foldKey).join('\u0001');
}

export function loadProfiles(storage: Storage = localStorage): MappingProfile[] {
  try {
    const parsed = JSON.parse(storage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as MappingProfile[]) : [];
  } catch {
    return [];
  }
}

export function saveProfile(profile: MappingProfile, storage: Storage = localStorage): void {
  const others = loadProfiles(storage).filter((p) => p.name !== profile.name);
  storage.setItem(storageKey, JSON.stringify([profile, ...others]));
}

export function matchingProfile(
  headers: readonly string[],
  storage: Storage = localStorage,
): MappingProfile | null {
  const signature = headerSignature(headers);
  return (
    loadProfiles(storage).find((p) => p.signature === signature && p.targets.length === headers.length) ??
    null
  );
}
