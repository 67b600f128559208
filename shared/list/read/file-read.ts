import type { Template } from '../../template';
import type { ColumnProposal } from '../../mapping';
import { proposeMapping } from './propose';
import type { CellTable } from '../sheet/cell-table';
import type { ListBytes } from './list-bytes';
import type { EarlyOpen, OpenResult } from '../protocol';
import { type ProgressSink, SessionError } from '../session-errors';
import { SheetDocument } from '../sheet/sheet-document';
import { previewSource, type ReadOptions, readSource, type SourceFormat } from './source-reader';
import type { StreamingBuild } from '../sheet/streaming-build';

const previewRows = 100;
const mappingSampleRows = 1000;

/** A file as read: its table (row 0 the headers), how it was read, its first lines, the proposed mapping. */
export type FileRead = Readonly<{
  table: CellTable;
  format: SourceFormat;
  preview: Readonly<{ rows: string[][]; lines: number[] }>;
  proposals: readonly ColumnProposal[];
  /** The document validated with the proposed mapping while reading, or null (see readFile). */
  validated: SheetDocument | null;
}>;

/** The mapping proposal from the headers (table row 0) and the first rows. */
export function proposeForTable(template: Template, table: CellTable): ColumnProposal[] {
  const headers = table.row(0);
  // shared/mapping reads the first rows for content and fill; a thousand tell the shape of any file.
  const sample: string[][] = [];
  for (let row = 1; row < Math.min(table.rowCount, mappingSampleRows + 1); row++) sample.push(table.row(row));
  return proposeMapping(template, headers, sample);
}

/**
 * Reads the whole file (table row 0: the headers; rows 1…: the data) and the preview of its first lines.
 * Once the first rows are in, the mapping is proposed and every further row is validated with it as it is
 * read: confirming the proposed mapping then needs no second pass (see Session.prepare for the other cases).
 * `attempt.cancelled` stops the read at its next progress report.
 */
export async function readFile(
  template: Template,
  bytes: ListBytes,
  options: ReadOptions,
  attempt: { readonly cancelled: boolean },
  progress: ProgressSink,
): Promise<FileRead> {
  const { headerRow: _, ...asRead } = options;
  // The first rows as they are in the file (titles included), read on their own: a quick, small read.
  const preview = await previewSource(bytes, asRead, previewRows);
  let format: SourceFormat | null = null;
  let early: EarlyOpen | null = null;
  // Set from inside the reader's callbacks, so kept on an object (TypeScript does not follow closures).
  const ahead: {
    proposals: readonly ColumnProposal[] | null;
    stream: StreamingBuild<SheetDocument> | null;
    streaming: 'waiting' | 'on' | 'off';
  } = { proposals: null, stream: null, streaming: 'waiting' };
  const start = (table: CellTable, upTo: number) => {
    const proposals = proposeForTable(template, table);
    ahead.proposals = proposals;
    // A full name split into two columns is filled in the table first: that one is validated afterwards.
    if (proposals.some((p) => p.target.kind === 'split')) {
      ahead.streaming = 'off';
      return;
    }
    const stream = SheetDocument.stream({
      template,
      table,
      headerRow: 0,
      targets: proposals.map((p) => p.target),
    });
    for (let row = 1; row < upTo; row++) stream.add(row, table.row(row));
    ahead.stream = stream;
    ahead.streaming = 'on';
  };
  const earlyOpen = (): EarlyOpen | undefined => {
    if (early || !format || !ahead.proposals) return undefined;
    const { proposals } = ahead;
    early = { format, headerRow: format.headerRow, preview: preview.rows, lines: preview.lines, proposals };
    return early;
  };
  const read = await readSource(
    bytes,
    options,
    async (rows, fraction) => {
      if (attempt.cancelled) throw new SessionError('read.cancelled', 'Reading was stopped.');
      await progress('read', rows, fraction, earlyOpen());
    },
    (table, row, cells) => {
      if (row === 0 || ahead.streaming === 'off') return;
      if (ahead.streaming === 'waiting') {
        if (row <= mappingSampleRows) return;
        start(table, row);
      }
      ahead.stream?.add(row, cells);
    },
    (found) => {
      format = found;
    },
  );
  if (ahead.streaming === 'waiting') start(read.table, read.table.rowCount);
  return {
    table: read.table,
    format: read.format,
    preview,
    proposals: ahead.proposals ?? proposeForTable(template, read.table),
    validated: ahead.stream?.finish() ?? null,
  };
}

/** What the Open screen shows of a file read. */
export function openResultOf(file: FileRead): OpenResult {
  return {
    format: file.format,
    headerRow: file.format.headerRow,
    preview: file.preview.rows,
    lines: file.preview.lines,
    dataRows: Math.max(0, file.table.rowCount - 1),
  };
}
