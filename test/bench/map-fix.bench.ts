import { readSheet } from '../../shared/codec';
import { analyzeColumns, createRowFixer } from '../../shared/fix';
import { applyMapping, suggestMapping } from '../../shared/mapping';
import { clientTether } from '../../shared/template';
import { generateContacts, toCsv } from '../fixtures/generate-contacts';
import { type BenchContext, type BenchModule, fmt, medianMs, verdict } from './context';

// Issue 3: map and fix 100,000 rows, timed against parsing the same bytes in the same run. The file is a
// generated contact list under export-style headers (synonyms and labels, not the template's own), with an
// extra column for the [import] note and the generator's planted errors, most of which have a certain fix.

const encoder = new TextEncoder();

/** The template's columns under the names an export would give them: a label or a synonym, never the header. */
function exportHeaders(): string[] {
  return clientTether.fields.map((field, i) =>
    i % 2 === 0 ? field.label.en : (field.synonyms[0] ?? field.label.nb),
  );
}

async function parse(bytes: Uint8Array): Promise<{ headers: string[]; rows: string[][] }> {
  let headers: string[] = [];
  const rows: string[][] = [];
  const chunks = function* () {
    for (let at = 0; at < bytes.length; at += 1 << 20) yield bytes.subarray(at, at + (1 << 20));
  };
  const outcome = await readSheet(
    chunks(),
    { fileName: 'contacts.csv' },
    {
      onHeader: (header) => {
        headers = header.headers;
      },
      onRow: (fields) => {
        rows.push(fields);
      },
    },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return { headers, rows };
}

type Timings = { mapMs: number; analyzeMs: number; fixMs: number; fixed: number; mapped: number };

function mapAndFix(headers: string[], rows: string[][]): Timings {
  let start = performance.now();
  const mapping = suggestMapping(clientTether, headers, rows);
  const mapped = rows.map((row) => applyMapping(mapping, row).values);
  const mapMs = performance.now() - start;
  start = performance.now();
  const analysis = analyzeColumns(clientTether.fields, mapped);
  const analyzeMs = performance.now() - start;
  start = performance.now();
  const fixer = createRowFixer({
    template: clientTether,
    columns: clientTether.fields,
    dateOrderByField: analysis.dateOrderByField,
  });
  let fixed = 0;
  for (const values of mapped) fixed += fixer.fixRow(values)?.length ?? 0;
  const fixMs = performance.now() - start;
  return {
    mapMs,
    analyzeMs,
    fixMs,
    fixed,
    mapped: mapping.columns.filter((c) => c.target.kind === 'field').length,
  };
}

async function run(context: BenchContext, rowCount: number): Promise<void> {
  const generated = generateContacts(rowCount, { seed: 13 });
  const headers = [...exportHeaders(), 'Country'];
  const bytes = encoder.encode(
    toCsv(
      headers,
      generated.rows.map((row) => [...row, 'USA']),
    ),
  );
  const parsed = await parse(bytes);
  if (parsed.rows.length !== rowCount) throw new Error(`parsed ${parsed.rows.length} rows, not ${rowCount}`);

  const parseMs = await medianMs(3, () => parse(bytes));
  let last: Timings | undefined;
  const totalMs = await medianMs(3, () => {
    last = mapAndFix(parsed.headers, parsed.rows);
  });
  const t = last!;
  const ratio = totalMs / parseMs;
  context.report(
    `${fmt(rowCount)} rows × ${headers.length} columns (${fmt(bytes.length / 1e6, 1)} MB): parse ${fmt(parseMs)} ms; ` +
      `map ${fmt(t.mapMs)} ms (${t.mapped} of ${headers.length} columns mapped by name), analyze dates ${fmt(t.analyzeMs)} ms, ` +
      `fix ${fmt(t.fixMs)} ms (${fmt(t.fixed)} cells fixed)`,
  );
  context.report(
    `map + fix ${fmt(totalMs)} ms (target < 1,000 ms: ${totalMs < 1000 ? 'met' : 'NOT met'}); against parse: ${verdict(ratio, '≤ 1×', ratio <= 1)}`,
  );
}

const bench: BenchModule = {
  title: 'Column mapping and automatic fixes (issue 3)',
  async run(context) {
    await run(context, context.quick ? 10_000 : 100_000);
  },
};
export default bench;
