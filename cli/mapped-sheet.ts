import type { FileHandle } from 'node:fs/promises';
import type { ByteSource, ReadPosition, SheetHeader, SheetReadOptions, SheetSummary } from '../shared/codec';
import { applyMapping, type Mapping } from '../shared/mapping';
import type { Template } from '../shared/template';
import { detachString } from '../shared/validate';
import { customSourcesOf } from './checked-columns';
import { type MappingSource, resolveMapping } from './mapping-profile';
import { readSheetFile } from './read-sheet';

export type MappedSheetReady = Readonly<{
  header: SheetHeader;
  /** The file's headers, distinct (detached from the read buffer). */
  headers: readonly string[];
  mapping: Mapping;
  source: MappingSource;
  /** Saved profiles that could not be read (skipped, never fatal). */
  problems: readonly string[];
  /** The sampled rows, already mapped (with custom values, see `withCustomFields`): for column analysis. */
  sample: readonly (readonly string[])[];
  /** Characters per sampled row as in the file (cells and delimiters): with the file's size, how many rows. */
  sampleRowChars: number;
}>;

export type MappedSheetHandlers = Readonly<{
  /** As soon as the header is found, before the sample is read and the mapping chosen. */
  onHeader?: (header: SheetHeader) => void;
  /** Once, when the mapping is known and before the first row. */
  onReady: (ready: MappedSheetReady) => void;
  /**
   * Each data row in the template's column order (then its custom-field values, see `withCustomFields`);
   * `source` is the file's row (a slice of the buffer).
   */
  onRow: (values: string[], source: readonly string[], line: number) => void;
  /** Awaited after each chunk of the file: back-pressure for output; where the reading stands (CSV). */
  onChunk?: (position?: ReadPosition) => Promise<void>;
}>;

export type MappedSheetOptions = Readonly<{
  template: Template;
  read: SheetReadOptions;
  mappingFile?: string;
  useSavedProfiles?: boolean;
  /** Rows read before the mapping is chosen (content sniffing) - also the evidence for column analysis. */
  sampleRows?: number;
  /**
   * Rows carry the custom-field columns' values after the template's, in file order: the columns the CLI
   * checks and writes (see checked-columns.ts).
   */
  withCustomFields?: boolean;
  /** Where the bytes come from instead of the whole file in order (see `readSheetFile`). */
  bytesOf?: (handle: FileHandle) => ByteSource;
}>;

/**
 * True when a file already is the template: every column lands on the field of the same position and
 * nothing is split, noted or kept aside. Rows then pass through as they are, without a copy each.
 */
export function isIdentity(mapping: Mapping): boolean {
  if (mapping.columns.length !== mapping.fields.length) return false;
  return mapping.columns.every((c, i) => c.target.kind === 'field' && c.target.header === mapping.fields[i]);
}

/**
 * Streams a file onto the template: the first rows are held back until the mapping is chosen (a `--mapping`
 * profile, a saved profile for these headers, or an automatic one that also looks at those rows), then every
 * row comes out mapped. Memory stays bounded: at most the sample and one chunk are held.
 */
export async function readMappedSheet(
  file: string,
  options: MappedSheetOptions,
  handlers: MappedSheetHandlers,
): Promise<SheetSummary> {
  const sampleSize = options.sampleRows ?? 1000;
  let header: SheetHeader | undefined;
  let headers: string[] = [];
  let mapping: Mapping | undefined;
  let identity = false;
  let customSources: number[] = [];
  /** A source row mapped, with its custom-field values appended when asked. */
  const mapRow = (active: Mapping, fields: readonly string[]): string[] => {
    const values = applyMapping(active, fields).values;
    for (const c of customSources) values.push(fields[c] ?? '');
    return values;
  };
  const held: { fields: string[]; line: number }[] = [];

  const decide = async () => {
    if (mapping || !header) return;
    const sampleSource = held.map((h) => h.fields);
    const resolved = await resolveMapping({
      template: options.template,
      headers,
      sampleRows: sampleSource,
      mappingFile: options.mappingFile,
      useSaved: options.useSavedProfiles !== false,
    });
    mapping = resolved.mapping;
    identity = isIdentity(resolved.mapping);
    if (options.withCustomFields) customSources = customSourcesOf(mapping);
    const mappedHeld = held.map((h) => mapRow(resolved.mapping, h.fields));
    let chars = 0;
    for (const h of held) for (const cell of h.fields) chars += cell.length + 1;
    const sampleRowChars = held.length ? chars / held.length : 0;
    handlers.onReady({ header, headers, ...resolved, sample: mappedHeld, sampleRowChars });
    held.forEach((h, i) => {
      handlers.onRow(mappedHeld[i], h.fields, h.line);
    });
    held.length = 0;
  };

  const summary = await readSheetFile(
    file,
    options.read,
    {
      onHeader: (found) => {
        header = found;
        headers = found.headers.map(detachString);
        handlers.onHeader?.(found);
      },
      onRow: (fields, line) => {
        if (identity) handlers.onRow(fields, fields, line);
        else if (mapping) handlers.onRow(mapRow(mapping, fields), fields, line);
        // Held as they are: slices keep alive only the 32 KiB pieces of text they were cut from.
        else held.push({ fields, line });
      },
      onChunk: async (position) => {
        if (!mapping && held.length >= sampleSize) await decide();
        await handlers.onChunk?.(position);
      },
    },
    options.bytesOf,
  );
  await decide();
  return summary;
}
