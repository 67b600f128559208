import type { FileHandle } from 'node:fs/promises';
import type { ByteSource, ReadPosition, SheetHeader, SheetReadOptions, SheetSummary } from '../shared/codec';
import { applyMapping, type Mapping, type MappedRow } from '../shared/mapping';
import type { Template } from '../shared/template';
import { detachString } from '../shared/validate';
import { customSourcesOf } from './checked-columns';
import { type MappingSource, resolveMapping } from './mapping-profile';
import { sayRead, sayReadNotes } from './read-report';
import { readSheetFile } from './read-sheet';

export type MappedSheetReady = Readonly<{
  header: SheetHeader;
  /** The file's headers, distinct (detached from the read buffer). */
  headers: readonly string[];
  mapping: Mapping;
  source: MappingSource;
  /** Saved profiles that could not be read (skipped, never fatal). */
  problems: readonly string[];
  /** The sampled rows, already mapped (see `checkedRows`): what content sniffing and column analysis saw. */
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
   * Each data row in the template's column order (see `checkedRows`); `source` is the file's row (a slice of
   * the buffer); `note` the row's `[import]` note, to fold in when the row is written (checkedRows only).
   */
  onRow: (values: string[], source: readonly string[], line: number, note: string) => void;
  /** Awaited after each chunk of the file: back-pressure for output; where the reading stands (CSV). */
  onChunk?: (position?: ReadPosition) => Promise<void>;
}>;

export type MappedSheetOptions = Readonly<{
  template: Template;
  read: SheetReadOptions;
  mappingFile?: string;
  useSavedProfiles?: boolean;
  /** Columns guessed from their values that the person confirms (`--confirm`). */
  confirm?: readonly string[];
  /** Rows read before the mapping is chosen (content sniffing) - also the evidence for column analysis. */
  sampleRows?: number;
  /**
   * Rows as the CLI checks them (checked-columns.ts), the rows the app and the server check: the note field
   * holds its own value only (the `[import]` note comes apart, to be folded in when the row is written:
   * foldImportNote), and the custom-field columns' values follow the template's, in file order.
   */
  checkedRows?: boolean;
  /** Where the bytes come from instead of the whole file in order (see `readSheetFile`). */
  bytesOf?: (handle: FileHandle) => ByteSource;
  /**
   * Say on stderr how the file was read and the mapping used (`header`), and what the reader noticed on the
   * way (`notes`: a quote never closed, ragged rows). Both by default; a second read of the same file says
   * nothing, and `check` reports the notes as warnings at their rows instead.
   */
  announce?: Readonly<{ header: boolean; notes: boolean }>;
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
  const checkedRows = options.checkedRows === true;
  /** A source row mapped (as the CLI checks it when asked) and its `[import]` note. */
  const mapRow = (active: Mapping, fields: readonly string[]): MappedRow => {
    const mapped = applyMapping(active, fields, { foldNote: !checkedRows });
    for (const c of customSources) mapped.values.push(fields[c] ?? '');
    return mapped;
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
      confirm: options.confirm,
    });
    mapping = resolved.mapping;
    identity = isIdentity(resolved.mapping);
    if (checkedRows) customSources = customSourcesOf(mapping);
    const mappedHeld = held.map((h) => mapRow(resolved.mapping, h.fields));
    let chars = 0;
    for (const h of held) for (const cell of h.fields) chars += cell.length + 1;
    const sampleRowChars = held.length ? chars / held.length : 0;
    const sample = mappedHeld.map((m) => m.values);
    if (options.announce?.header !== false)
      sayRead(file, header, options.read, { mapping: resolved.mapping, source: resolved.source });
    handlers.onReady({ header, headers, ...resolved, sample, sampleRowChars });
    held.forEach((h, i) => {
      handlers.onRow(mappedHeld[i].values, h.fields, h.line, mappedHeld[i].note);
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
        if (identity) handlers.onRow(fields, fields, line, '');
        else if (mapping) {
          const mapped = mapRow(mapping, fields);
          handlers.onRow(mapped.values, fields, line, mapped.note);
        }
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
  if (options.announce?.notes !== false) sayReadNotes(file, summary);
  return summary;
}
