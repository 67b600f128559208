import Papa from 'papaparse';
import { CsvByteReader, readSheet } from '../../shared/codec';
import { generateContacts, toCsv } from '../fixtures/generate-contacts';
import { type BenchModule, fmt, medianMs, verdict } from './context';

// Issue 3: decode and parse a 100,000-row CSV at least as fast as papaparse on the same bytes, in the same run.
// Both sides start from bytes: papaparse gets them decoded by TextDecoder (its usual way in a browser), ours
// get them in 1 MiB chunks as a file stream or Blob.stream() delivers them, and also detect the encoding and
// the delimiter. "Sheet reader" adds what the app uses: header row, footer, ragged-row report.

const chunkBytes = 1024 * 1024;

function inChunks(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) chunks.push(bytes.subarray(i, i + chunkBytes));
  return chunks;
}

function papaparse(bytes: Uint8Array): number {
  const text = new TextDecoder('utf-8').decode(bytes);
  // Its default (and fastest) configuration: no options. It returns the trailing empty line as a row.
  const result = Papa.parse<string[]>(text);
  const last = result.data[result.data.length - 1];
  return last.length === 1 && last[0] === '' ? result.data.length - 1 : result.data.length;
}

function csvBytes(chunks: Uint8Array[]): number {
  let rows = 0;
  const reader = new CsvByteReader({}, () => {
    rows++;
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return rows;
}

async function sheetReader(chunks: Uint8Array[]): Promise<number> {
  let rows = 0;
  const outcome = await readSheet(
    chunks,
    {},
    {
      onRow: () => {
        rows++;
      },
    },
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return rows + 1; // and the header, to count as the others do
}

const bench: BenchModule = {
  title: 'Decode and parse CSV against papaparse (issue 3)',
  async run(context) {
    const rowCount = context.quick ? 20_000 : 100_000;
    const { headers, rows } = generateContacts(rowCount, { seed: 12 });
    const bytes = new TextEncoder().encode(toCsv(headers, rows));
    const chunks = inChunks(bytes);
    const expected = rowCount + 1;
    for (const [name, count] of [
      ['papaparse', papaparse(bytes)],
      ['CsvByteReader', csvBytes(chunks)],
      ['readSheet', await sheetReader(chunks)],
    ] as const) {
      if (count !== expected) throw new Error(`${name} read ${count} rows, expected ${expected}`);
    }
    const runs = 7;
    // Interleaved warm-up so neither side profits from going second on a shared, noisy machine.
    for (let i = 0; i < 2; i++) {
      papaparse(bytes);
      csvBytes(chunks);
      await sheetReader(chunks);
    }
    const papaMs = await medianMs(runs, () => papaparse(bytes));
    const bytesMs = await medianMs(runs, () => csvBytes(chunks));
    const sheetMs = await medianMs(runs, () => sheetReader(chunks));
    const mb = bytes.length / 1e6;
    const perSecond = (ms: number) =>
      `${fmt(rowCount / (ms / 1000))} rows/s (${fmt(ms)} ms, ${fmt(mb / (ms / 1000), 0)} MB/s)`;
    context.report(
      `${fmt(rowCount)} rows × ${headers.length} columns, ${fmt(mb, 1)} MB UTF-8, median of ${runs}`,
    );
    context.report(`papaparse (TextDecoder + Papa.parse): ${perSecond(papaMs)}`);
    context.report(
      `ListPrep CsvByteReader (detect + decode + parse): ${perSecond(bytesMs)}: papaparse time / ours ${verdict(papaMs / bytesMs, '≥ 1×', papaMs >= bytesMs)}`,
    );
    context.report(
      `ListPrep readSheet (+ header row, footer, ragged rows): ${perSecond(sheetMs)}: papaparse time / ours ${verdict(papaMs / sheetMs, '≥ 1×', papaMs >= sheetMs)}`,
    );
  },
};
export default bench;
