import { open } from 'node:fs/promises';
import { readSheetPart, type SheetPart, type SheetPartSummary } from '../shared/codec';
import type { DateOrder } from '../shared/fix';
import { applyMapping, type Mapping } from '../shared/mapping';
import { clientTether, type Lookups } from '../shared/template';
import {
  describeFinding,
  detachString,
  type Issue,
  type Locale,
  SheetValidator,
  type ValidatedRows,
} from '../shared/validate';
import { chunkBytes } from './read-sheet';

/** A stretch of a large file for a worker thread to check, as the main thread decided to read the file. */
export type PartJob = Readonly<{
  file: string;
  /** Bytes [start, end) of the file: start is a row boundary, end one too unless it is the file's end. */
  start: number;
  end: number;
  last: boolean;
  part: SheetPart;
  mapping: Mapping;
  /** The file already is the template: rows pass through unmapped. */
  identity: boolean;
  lookups?: Lookups;
  dateOrderByField: Record<string, DateOrder>;
  locale: Locale;
  /** Cell issues to word (text output shows the first few), with rows numbered from 1 within the part. */
  issuesWanted: number;
}>;

export type PartResult =
  | Readonly<{
      ok: true;
      rows: ValidatedRows;
      read: SheetPartSummary;
      issues: Issue[];
      /** Rows (within the part) whose email as written differs from its folded key: for duplicate messages. */
      rawEmails: [rowId: number, raw: string][];
    }>
  | Readonly<{ ok: false; reason: string }>;

/** The typed arrays of a result, to hand over without copying. */
export function transferablesOf(result: PartResult): ArrayBuffer[] {
  if (!result.ok) return [];
  const { rows } = result;
  const arrays = [rows.findingCounts, rows.findings, rows.keys.pairKeys, ...rows.keys.uniqueHashes];
  return arrays.map((array) => array.buffer as ArrayBuffer);
}

/**
 * Checks one stretch of a file (run in a worker thread; see check-parallel.ts): reads it the way the main
 * thread read the start, maps and validates each row, and hands back the validated rows with their
 * duplicate keys. Duplicates across the whole file are found by the main thread, which adopts every part.
 */
export async function checkPart(job: PartJob): Promise<PartResult> {
  const template = clientTether;
  const columns = template.fields;
  const emailCol = columns.findIndex((f) => f.role === 'email');
  const validator = new SheetValidator({ template, columns, lookups: job.lookups, crossRowRules: false });
  const issues: Issue[] = [];
  const rawEmails: [number, string][] = [];
  const fixContext = { template, lookups: job.lookups, dateOrderByField: job.dateOrderByField };
  const handle = await open(job.file, 'r');
  const stream = handle.createReadStream({ start: job.start, end: job.end - 1, highWaterMark: chunkBytes });
  try {
    const outcome = await readSheetPart(stream, job.part, {
      onRow: (fields) => {
        const mapped = job.identity ? fields : applyMapping(job.mapping, fields).values;
        const rowId = validator.addRow(mapped);
        if (emailCol >= 0) {
          const raw = mapped[emailCol];
          if (raw !== '' && raw !== validator.uniqueKeyOf(rowId, emailCol))
            rawEmails.push([rowId, detachString(raw)]);
        }
        if (issues.length >= job.issuesWanted || !validator.hasFindings(rowId)) return;
        for (const finding of validator.findings(rowId)) {
          if (issues.length >= job.issuesWanted) break;
          const context = { locale: job.locale, columns, rowNumber: (id: number) => id + 1, values: mapped };
          issues.push(describeFinding(finding, { ...context, fixContext }));
        }
      },
    });
    if (!outcome.ok) return { ok: false, reason: outcome.error.message };
    if (!job.last && !outcome.value.atRowBoundary)
      return { ok: false, reason: 'the stretch does not end at the end of a row' };
    return { ok: true, rows: validator.exportRows(), read: outcome.value, issues, rawEmails };
  } finally {
    stream.destroy();
    await handle.close().catch(() => {});
  }
}
