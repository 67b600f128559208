import { foldWords } from '../fix/fold';
import type { Template } from '../template';
import type { MappingProfile } from './profile-schema';
import type { ColumnMapping, ColumnTarget, FieldTarget, Mapping } from './types';

// The profile's schema lives in profile-schema.ts, imported where a profile file is parsed: these functions
// run on every `listprep check`, and loading zod with them cost about 90 ms of start-up.
export type { MappingProfile } from './profile-schema';

function headerKey(header: string): string {
  return foldWords(header);
}

// FNV-1a over UTF-16 units, 32 bits twice with different seeds: short, stable, no crypto needed.
function hashHex(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/**
 * Identifies a file's columns whatever their order, case, spacing or accents: the same export from the same
 * system gives the same signature, so its saved mapping applies.
 */
export function headersSignature(headers: readonly string[]): string {
  const keys = headers.map(headerKey).sort();
  return `h1-${keys.length}-${hashHex(keys.join('\u0001'))}`;
}

type SavedColumn = MappingProfile['columns'][number];

// The profile file keeps the format it was first saved in (version 1: a field, or a split, or what to do
// with an unmapped column), so profiles written by older versions and by the CLI read the same.
function savedColumn(header: string, target: ColumnTarget): SavedColumn {
  switch (target.kind) {
    case 'field':
      return {
        header,
        field: target.header,
        ...(target.guess ? { guess: true as const } : {}),
        ...(target.values && Object.keys(target.values).length ? { values: { ...target.values } } : {}),
      };
    case 'split':
      return { header, field: null, split: [target.fields[0], target.fields[1]] };
    case 'custom':
      return { header, field: null, unmapped: 'custom', customName: target.name };
    case 'note':
      return { header, field: null, unmapped: 'note' };
    case 'skip':
      return { header, field: null, unmapped: 'drop' };
  }
}

/** A profile holding a mapping (made from the file with `headers`). */
export function profileFromMapping(
  name: string,
  mapping: Mapping,
  options: { dateOrders?: MappingProfile['dateOrders']; savedAt?: string } = {},
): MappingProfile {
  return {
    format: 'listprep-mapping-profile',
    version: 1,
    name,
    template: mapping.template,
    signature: headersSignature(mapping.columns.map((c) => c.header)),
    columns: mapping.columns.map((c) => savedColumn(c.header, c.target)),
    noteField: mapping.noteField,
    ...(options.dateOrders && Object.keys(options.dateOrders).length
      ? { dateOrders: options.dateOrders }
      : {}),
    ...(options.savedAt ? { savedAt: options.savedAt } : {}),
  };
}

/** The profile for a file's headers and template: same signature; the most recently saved wins. */
export function findProfile(
  profiles: readonly MappingProfile[],
  headers: readonly string[],
  templateId: string,
): MappingProfile | undefined {
  const signature = headersSignature(headers);
  return profiles
    .filter((p) => p.signature === signature && p.template === templateId)
    .sort((a, b) => (b.savedAt ?? '').localeCompare(a.savedAt ?? ''))[0];
}

/**
 * The mapping a profile gives a file's headers, matched by header (any order). Fields the template no longer
 * has are dropped; a header the profile does not know keeps its values as a note.
 */
export function mappingFromProfile(
  profile: MappingProfile,
  headers: readonly string[],
  template: Template,
): Mapping {
  const fields = new Set(template.fields.map((f) => f.header));
  const byHeader = new Map<string, MappingProfile['columns'][number]>();
  for (const column of profile.columns) byHeader.set(headerKey(column.header), column);
  const used = new Set<string>();
  const columns = headers.map((header, column): ColumnMapping => {
    const saved = byHeader.get(headerKey(header));
    const base = {
      column,
      header,
      confidence: 1,
      reason: 'profile' as const,
      detail: `profile "${profile.name}"`,
    };
    if (!saved)
      return {
        ...base,
        target: { kind: 'note' },
        confidence: 0,
        reason: 'none',
        detail: 'not in the profile',
      };
    if (saved.field && fields.has(saved.field) && !used.has(saved.field)) {
      used.add(saved.field);
      const target: FieldTarget = {
        kind: 'field',
        header: saved.field,
        ...(saved.guess ? { guess: true as const } : {}),
        ...(saved.values ? { values: saved.values } : {}),
      };
      return { ...base, target };
    }
    if (saved.split?.every((f) => fields.has(f))) {
      return { ...base, target: { kind: 'split', fields: [saved.split[0], saved.split[1]] } };
    }
    if (saved.unmapped === 'custom')
      return { ...base, target: { kind: 'custom', name: saved.customName ?? header } };
    return { ...base, target: { kind: saved.unmapped === 'drop' ? 'skip' : 'note' } };
  });
  const noteField = profile.noteField && fields.has(profile.noteField) ? profile.noteField : null;
  return { template: template.id, fields: template.fields.map((f) => f.header), columns, noteField };
}
