import type { ColumnInfo, ColumnProposal, ColumnTarget } from '../../shared/mapping';
import { ListSession, plainView } from '../../shared/list';
import { clientTether } from '../../shared/template';
import { type CorpusFile, loadCorpus, type Pin } from './corpus';

// Scores the corpus as a person using the app would meet it: open the file, accept the proposed mapping
// without confirming anything, run "Fix everything safe", and compare with what a careful person would want.

const noProgress = async () => {};
const view = { spec: plainView, revision: 0 };

type Handlers = ListSession['handlers'];

export type FileScore = Readonly<{
  name: string;
  format: string;
  columns: number;
  columnsRight: number;
  wrongColumns: readonly string[];
  /** Cells of columns guessed from their values (not confirmed) that the fixes changed: must be none. */
  inventedByGuess: readonly string[];
  pins: number;
  pinsRight: number;
  wrongPins: readonly string[];
  /** Pinned cells whose right value differs from the file's: what the fixes had to do. */
  fixable: number;
  fixedRight: number;
  /** Cells the fixes changed that no pin names (each must be reviewed and pinned). */
  unexpectedChanges: readonly string[];
}>;

/** `field`, `field?` for a guess, `split`, `note`, `custom` or `skip`: how the corpus names a target. */
export function targetName(target: ColumnTarget, reason: ColumnProposal['reason']): string {
  if (target.kind === 'field') {
    const guess = reason === 'content' || ('guess' in target && target.guess === true);
    return guess ? `${target.header}?` : target.header;
  }
  return target.kind;
}

export type Table = Readonly<{ columns: readonly ColumnInfo[]; rows: readonly (readonly string[])[] }>;

async function table(handlers: Handlers, columns: readonly ColumnInfo[]): Promise<Table> {
  const { rows } = await handlers.rows({ start: 0, end: 100_000, view, locale: 'en' }, noProgress);
  return { columns, rows: rows.map((r) => r.v) };
}

export function fieldCol(t: Table, field: string): number {
  return t.columns.findIndex((c) => c.kind === 'field' && c.header === field);
}

/** The notes the export writes for a row: the notes field, then one `[import]` line per kept column. */
export function notesOf(t: Table, row: readonly string[]): string {
  const own = fieldCol(t, 'whiteboard');
  const lines = own >= 0 && row[own] ? [row[own]] : [];
  t.columns.forEach((c, i) => {
    if (c.kind === 'note' && row[i]?.trim()) lines.push(`[import] ${c.header}: ${row[i]}`);
  });
  return lines.join('\n');
}

function cellOf(t: Table, row: number, field: string): string {
  const values = t.rows[row - 1] ?? [];
  if (field === 'notes') return notesOf(t, values);
  const col = fieldCol(t, field);
  return col < 0 ? '' : (values[col] ?? '');
}

function pinHolds(t: Table, [row, field, want]: Pin): boolean {
  const value = cellOf(t, row, field);
  return field === 'notes' ? value.split('\n').includes(want) : value === want;
}

/** Every safe fix the engine offers, applied as a person would: "Fix everything safe", one step. */
async function fixEverythingSafe(handlers: Handlers): Promise<void> {
  const safe = await handlers.planFix({ scope: { kind: 'safe' }, settings: {} }, noProgress);
  if (safe.token) await handlers.runPlan({ token: safe.token, locale: 'en' }, noProgress);
}

/**
 * A corpus file as the app handles it: opened, the proposed mapping accepted without confirming anything, and
 * "Fix everything safe" run. The list before and after the fixes.
 */
export async function openAndFixInApp(
  file: CorpusFile,
): Promise<Readonly<{ proposals: readonly ColumnProposal[]; before: Table; after: Table }>> {
  const session = new ListSession(clientTether);
  const { handlers } = session;
  await handlers.open({ bytes: file.bytes, options: {} }, noProgress);
  const proposals = await handlers.proposeMapping({}, noProgress);
  const state = await handlers.applyMapping({ targets: proposals.map((p) => p.target) }, noProgress);
  const before = await table(handlers, state.columns);
  await fixEverythingSafe(handlers);
  const after = await table(handlers, state.columns);
  return { proposals, before, after };
}

export async function scoreFile(file: CorpusFile): Promise<FileScore> {
  const { proposals, before, after } = await openAndFixInApp(file);

  const wrongColumns: string[] = [];
  let columnsRight = 0;
  const guessed = new Set<string>();
  for (const proposal of proposals) {
    const actual = targetName(proposal.target, proposal.reason);
    if (actual.endsWith('?')) guessed.add(actual.slice(0, -1));
    const want = file.mapping[proposal.header];
    if (want === actual) columnsRight++;
    else wrongColumns.push(`${proposal.header}: ${actual}, want ${want ?? '(not in the corpus)'}`);
  }

  const pinned = new Set(file.cells.map(([row, field]) => `${row}:${field}`));
  const inventedByGuess: string[] = [];
  const unexpectedChanges: string[] = [];
  after.columns.forEach((column, col) => {
    if (column.kind !== 'field') return;
    after.rows.forEach((row, i) => {
      const was = before.rows[i]?.[col] ?? '';
      if (row[col] === was) return;
      const where = `row ${i + 1} ${column.header}: ${JSON.stringify(was)} -> ${JSON.stringify(row[col])}`;
      if (guessed.has(column.header)) inventedByGuess.push(where);
      else if (
        !pinned.has(`${i + 1}:${column.header}`) &&
        !(column.header === 'whiteboard' && pinned.has(`${i + 1}:notes`))
      )
        unexpectedChanges.push(where);
    });
  });

  const wrongPins: string[] = [];
  let pinsRight = 0;
  let fixable = 0;
  let fixedRight = 0;
  for (const pin of file.cells) {
    const holds = pinHolds(after, pin);
    const needsFix = !pinHolds(before, pin);
    if (holds) pinsRight++;
    else
      wrongPins.push(
        `row ${pin[0]} ${pin[1]}: ${JSON.stringify(cellOf(after, pin[0], pin[1]))}, want ${JSON.stringify(pin[2])} (${pin[3]})`,
      );
    if (needsFix) {
      fixable++;
      if (holds) fixedRight++;
    }
  }

  return {
    name: file.name,
    format: file.format,
    columns: proposals.length,
    columnsRight,
    wrongColumns,
    inventedByGuess,
    pins: file.cells.length,
    pinsRight,
    wrongPins,
    fixable,
    fixedRight,
    unexpectedChanges,
  };
}

export type CorpusScore = Readonly<{
  files: readonly FileScore[];
  columns: number;
  columnsRight: number;
  invented: number;
  pins: number;
  pinsRight: number;
  fixable: number;
  fixedRight: number;
  unexpected: number;
}>;

export async function scoreCorpus(files: readonly CorpusFile[] = loadCorpus()): Promise<CorpusScore> {
  const scores: FileScore[] = [];
  for (const file of files) scores.push(await scoreFile(file));
  const sum = (pick: (s: FileScore) => number) => scores.reduce((n, s) => n + pick(s), 0);
  return {
    files: scores,
    columns: sum((s) => s.columns),
    columnsRight: sum((s) => s.columnsRight),
    invented: sum((s) => s.inventedByGuess.length),
    pins: sum((s) => s.pins),
    pinsRight: sum((s) => s.pinsRight),
    fixable: sum((s) => s.fixable),
    fixedRight: sum((s) => s.fixedRight),
    unexpected: sum((s) => s.unexpectedChanges.length),
  };
}

const percent = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)}%`;

/** The score as a table for people (`npx tsx test/corpus/score.ts [--details]`). */
export function formatScore(score: CorpusScore, details: boolean): string {
  const lines = ['file                     columns right  invented  pins right  fixable fixed  unexpected'];
  for (const f of score.files) {
    lines.push(
      `${f.name.padEnd(24)} ${String(f.columns).padStart(7)} ${String(f.columnsRight).padStart(5)}  ${String(f.inventedByGuess.length).padStart(8)}  ${String(f.pins).padStart(4)} ${String(f.pinsRight).padStart(5)}  ${String(f.fixable).padStart(7)} ${String(f.fixedRight).padStart(5)}  ${String(f.unexpectedChanges.length).padStart(10)}`,
    );
    if (details) {
      for (const w of f.wrongColumns) lines.push(`    column  ${w}`);
      for (const w of f.inventedByGuess) lines.push(`    guess   ${w}`);
      for (const w of f.wrongPins) lines.push(`    pin     ${w}`);
      for (const w of f.unexpectedChanges) lines.push(`    change  ${w}`);
    }
  }
  lines.push(
    `columns mapped right ${score.columnsRight}/${score.columns} (${percent(score.columnsRight, score.columns)}), ` +
      `values invented by a guess ${score.invented}, pinned cells right ${score.pinsRight}/${score.pins} (${percent(score.pinsRight, score.pins)}), ` +
      `fixable cells fixed right ${score.fixedRight}/${score.fixable} (${percent(score.fixedRight, score.fixable)}), ` +
      `unpinned changes ${score.unexpected}`,
  );
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('score.ts')) {
  const score = await scoreCorpus();
  process.stdout.write(`${formatScore(score, process.argv.includes('--details'))}\n`);
}
