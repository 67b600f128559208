import { open } from 'node:fs/promises';
import { readSheetPart, type SheetPart, type SheetPartSummary } from '../shared/codec';
import type { DateOrder, RowFixer } from '../shared/fix';
import { applyMapping, type Mapping } from '../shared/mapping';
import type { CustomField } from '../shared/api';
import {
  type FieldDef,
  type Lookups,
  type TargetChoice,
  type Template,
  templateFor,
} from '../shared/template';
import { checkedColumns, customSourcesOf } from './checked-columns';
import { type Locale, loadTemplateSupport, SheetValidator, type ValidatedRows } from '../shared/validate';
import { describeFinding, type Issue } from '../shared/problems';
import { rawEmailOf } from './raw-email';
import { mappingRowFixer, withRowFix } from './row-fixer';
import { chunkBytes } from './read-sheet';

/** Which stretch of the file a worker reads, and how: known as soon as the main thread has the header. */
export type PartStretch = Readonly<{
  kind: 'stretch';
  file: string;
  /** Bytes [start, end) of the file: start is a row boundary, end one too unless it is the file's end. */
  start: number;
  end: number;
  last: boolean;
  part: SheetPart;
}>;

/** How rows are mapped and checked: known once the main thread has read its sample. */
export type PartRules = Readonly<{
  kind: 'rules';
  /** The CRM the list is prepared for: the worker builds the same template from it. */
  target: TargetChoice;
  mapping: Mapping;
  /** The file already is the template: rows pass through unmapped. */
  identity: boolean;
  lookups?: Lookups;
  /** The account's custom fields (from `--lookups`): custom-field columns are checked as they say. */
  customFields: readonly CustomField[];
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

// Rows read before the rules come are held (parsed, unmapped); past this many the reading waits for them.
const maxHeldRows = 20_000;

/** Maps and validates a part's rows once the rules are known. */
class PartChecker {
  private readonly validator: SheetValidator;
  private readonly columns: readonly (FieldDef | null)[];
  private readonly customSources: readonly number[];
  private readonly emailCol: number;
  /** The fixes `listprep fix` would make: each cell issue's suggestion, as the main thread words it. */
  private readonly fixer: RowFixer;
  readonly issues: Issue[] = [];
  readonly rawEmails: [number, string][] = [];

  constructor(
    private readonly rules: PartRules,
    private readonly template: Template,
  ) {
    // The main thread's columns (checked-columns.ts): the template's, then the custom fields'.
    const columns = checkedColumns(template, rules.mapping, rules.customFields).columns;
    this.columns = columns;
    this.customSources = customSourcesOf(rules.mapping);
    this.emailCol = template.fields.findIndex((f) => f.role === 'email');
    this.fixer = mappingRowFixer(template, rules.mapping, rules.lookups, rules.dateOrderByField, {
      columns,
    });
    this.validator = new SheetValidator({
      template,
      columns,
      lookups: rules.lookups,
      crossRowRules: false,
    });
  }

  add(fields: string[]): void {
    const { rules, validator, emailCol, issues } = this;
    // The note field's own value, as the main thread checks it (mapped-sheet.ts `checkedRows`).
    const mapped = rules.identity ? fields : applyMapping(rules.mapping, fields, { foldNote: false }).values;
    if (!rules.identity) for (const c of this.customSources) mapped.push(fields[c] ?? '');
    const rowId = validator.addRow(mapped);
    const raw = rawEmailOf(validator, rowId, mapped, emailCol);
    if (raw !== null) this.rawEmails.push([rowId, raw]);
    if (issues.length >= rules.issuesWanted || !validator.hasFindings(rowId)) return;
    const fixes = this.fixer.fixRow([...mapped]);
    for (const finding of validator.findings(rowId)) {
      if (issues.length >= rules.issuesWanted) break;
      const context = {
        locale: rules.locale,
        columns: this.columns,
        rowNumber: (id: number) => id + 1,
        template: this.template,
        lookups: rules.lookups,
      };
      issues.push(withRowFix(describeFinding(finding, { ...context, values: mapped }), fixes));
    }
  }

  exportRows(): ValidatedRows {
    return this.validator.exportRows();
  }
}

/** The chunks of a stream, reporting the bytes taken so far each time the reader asks for the next one. */
async function* counted(
  chunks: AsyncIterable<Uint8Array>,
  report: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  let bytes = 0;
  for await (const chunk of chunks) {
    yield chunk;
    bytes += chunk.length;
    report(bytes);
  }
}

/** A worker's report of how far it has read (see `ParallelCheck`): it decides whether waiting pays. */
export type PartProgress = Readonly<{ kind: 'progress'; bytes: number }>;

/**
 * Checks one stretch of a file (run in a worker thread; see check-parallel.ts): reads it the way the main
 * thread read the start - beginning before the mapping is known, holding the rows until it is - maps and
 * validates each row, and hands back the validated rows with their duplicate keys. Duplicates across the
 * whole file are found by the main thread, which adopts every part.
 */
export async function checkPart(
  stretch: PartStretch,
  rulesArrive: Promise<PartRules>,
  /** Bytes of the stretch read and checked so far, after each chunk. */
  progress: (bytes: number) => void = () => {},
): Promise<PartResult> {
  let checker: PartChecker | null = null;
  let held: string[][] = [];
  // The template the main thread chose, with what its rules need loaded (kind-support.ts) before any row.
  const checkerReady = rulesArrive.then(async (rules) => {
    const template = templateFor(rules.target);
    if (!template) throw new Error(`unknown target ${rules.target.id}`);
    await loadTemplateSupport(template);
    checker = new PartChecker(rules, template);
  });
  // Awaited below; until then a failure must not count as unhandled.
  checkerReady.catch(() => {});
  const take = (fields: string[]) => {
    if (!checker) {
      held.push(fields);
      return;
    }
    if (held.length) {
      for (const row of held) checker.add(row);
      held = [];
    }
    checker.add(fields);
  };
  const handle = await open(stretch.file, 'r');
  const stream = handle.createReadStream({
    start: stretch.start,
    end: stretch.end - 1,
    highWaterMark: chunkBytes,
  });
  try {
    const outcome = await readSheetPart(counted(stream, progress), stretch.part, {
      onRow: take,
      onChunk: async () => {
        if (!checker && held.length > maxHeldRows) await checkerReady;
      },
    });
    if (!outcome.ok) return { ok: false, reason: outcome.error.message };
    if (!stretch.last && !outcome.value.atRowBoundary)
      return { ok: false, reason: 'the stretch does not end at the end of a row' };
    await checkerReady;
    const done = checker as PartChecker | null;
    if (!done) return { ok: false, reason: 'no rules came' };
    for (const row of held) done.add(row);
    return {
      ok: true,
      rows: done.exportRows(),
      read: outcome.value,
      issues: done.issues,
      rawEmails: done.rawEmails,
    };
  } finally {
    stream.destroy();
    await handle.close().catch(() => {});
  }
}
