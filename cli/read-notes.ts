import type { CellNote, RaggedRow, SheetSummary } from '../shared/codec';
import type { Locale } from '../shared/validate';

// What the reader noticed while reading, as `listprep check` reports it: a warning at the row, with the
// file's line (or Excel row), in the check's language. The validator never sees these: they are about how
// the file was written, not about a cell's value.

/** An Excel error value is not among them: the validator reports it at its cell (value.excelError). */
type ListedCellNote = Exclude<CellNote['code'], 'xlsx.errorCell'>;

export type ReadNoteCode = 'row.ragged' | 'csv.unclosedQuote' | ListedCellNote;

/** One note at its data row; `column` is the source column, -1 for the whole row. */
export type ReadNote = Readonly<{
  row: number;
  line: number;
  column: number;
  code: ReadNoteCode;
  value: string;
  message: string;
}>;

type Where = Readonly<{ line: number; excel: boolean }>;

const words: Readonly<
  Record<
    Locale,
    {
      where: (w: Where) => string;
      ragged: (w: Where, cells: number, headerCells: number) => string;
      quote: (w: Where) => string;
      cell: Readonly<Record<ListedCellNote, () => string>>;
    }
  >
> = {
  en: {
    where: (w) => (w.excel ? `Excel row ${w.line}` : `Line ${w.line}`),
    ragged: (w, cells, header) =>
      `${words.en.where(w)} has ${cells} cells where the header has ${header}: ${
        cells < header
          ? 'the missing cells are read as empty'
          : 'the extra cells are kept in columns of their own'
      }. Check that no value slipped into the wrong column.`,
    quote: (w) =>
      `${words.en.where(w)} opens a quote that never closes. The line was read as written, quote included, and the rows after it as usual: check this row.`,
    cell: {
      'xlsx.precision': () =>
        'Excel keeps only 15 digits of a number, so the last digits of this one were lost before ListPrep read it (they show as zeros). Type the whole number again, as text.',
      'xlsx.noCachedValue': () =>
        'The cell holds a formula that was never calculated, so it reads as empty. Open the file in Excel, save it, and check it again.',
    },
  },
  nb: {
    where: (w) => (w.excel ? `Excel-rad ${w.line}` : `Linje ${w.line}`),
    ragged: (w, cells, header) =>
      `${words.nb.where(w)} har ${cells} celler der overskriften har ${header}: ${
        cells < header ? 'cellene som mangler, leses som tomme' : 'de ekstra cellene beholdes i egne kolonner'
      }. Sjekk at ingen verdi har havnet i feil kolonne.`,
    quote: (w) =>
      `${words.nb.where(w)} åpner et anførselstegn som aldri lukkes. Linjen ble lest slik den står, med anførselstegnet, og radene etter som vanlig: sjekk denne raden.`,
    cell: {
      'xlsx.precision': () =>
        'Excel tar bare vare på 15 sifre av et tall, så de siste sifrene i dette gikk tapt før ListPrep leste det (de vises som nuller). Skriv inn hele tallet igjen, som tekst.',
      'xlsx.noCachedValue': () =>
        'Cellen har en formel som aldri ble regnet ut, så den leses som tom. Åpne filen i Excel, lagre den og sjekk den igjen.',
    },
  },
};

/** Ragged rows of a read (the first 100 it lists), with `firstRow` added to their rows (a later stretch). */
export function raggedNotes(
  ragged: readonly RaggedRow[],
  headerCells: number,
  excel: boolean,
  locale: Locale,
  firstRow = 0,
): ReadNote[] {
  return ragged.map((r) => ({
    row: firstRow + r.row,
    line: r.line,
    column: -1,
    code: 'row.ragged',
    value: '',
    message: words[locale].ragged({ line: r.line, excel }, r.cells, headerCells),
  }));
}

/**
 * A quote never closed and the Excel cell notes of a read, at their data rows: `rowOfLine` finds the data
 * row of a file line (or Excel row).
 */
export function lineNotes(
  summary: SheetSummary,
  locale: Locale,
  rowOfLine: (line: number) => number,
): ReadNote[] {
  const excel = summary.kind === 'xlsx';
  const notes: ReadNote[] = [];
  for (const line of summary.unclosedQuotes ?? []) {
    notes.push({
      row: rowOfLine(line),
      line,
      column: -1,
      code: 'csv.unclosedQuote',
      value: '',
      message: words[locale].quote({ line, excel }),
    });
  }
  for (const note of summary.cellNotes) {
    if (note.code === 'xlsx.errorCell') continue;
    notes.push({
      row: rowOfLine(note.line),
      line: note.line,
      column: note.column,
      code: note.code,
      value: note.value,
      message: words[locale].cell[note.code](),
    });
  }
  return notes;
}

/**
 * The file line of each data row, kept as the rows stream (4 bytes a row), to put a line-numbered note at
 * its row. Lines only grow, so a line is found by binary search.
 */
export class RowLines {
  private lines = new Int32Array(1024);
  private count = 0;

  push(line: number): void {
    if (this.count === this.lines.length) {
      const grown = new Int32Array(this.lines.length * 2);
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[this.count++] = line;
  }

  /** The 1-based data row on `line`, or 0 when no data row is (a note outside the data). */
  rowOf(line: number): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.lines[mid] < line) low = mid + 1;
      else high = mid;
    }
    return low < this.count && this.lines[low] === line ? low + 1 : 0;
  }
}
