// Cells on the clipboard as spreadsheets put them there: tab-separated text, one line per row. Excel and Google
// Sheets quote a cell that holds a line break, a tab or a quote ("a ""b"""), and Excel ends the block with a
// line break; both read this back into the same cells.

function needsQuotes(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13 || code === 34) return true;
  }
  return false;
}

/** One cell as clipboard text. */
export function clipboardCell(value: string): string {
  return needsQuotes(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells as the text Excel and Sheets paste: tabs between cells, CRLF between rows. */
export function formatClipboardText(rows: Iterable<readonly string[]>): string {
  const lines: string[] = [];
  for (const row of rows) lines.push(row.map(clipboardCell).join('\t'));
  return lines.join('\r\n');
}

/**
 * Clipboard text back into rows of cells. A cell that starts with a quote runs to its closing quote (line
 * breaks and tabs inside are the cell's); a quote that never closes is read as written, as Excel does. One
 * line break at the very end (Excel adds it) is not a row. Rows keep their own widths.
 */
export function parseClipboardText(text: string): string[][] {
  let end = text.length;
  if (text.endsWith('\r\n')) end -= 2;
  else if (text.endsWith('\n') || text.endsWith('\r')) end -= 1;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  if (end === 0) return [['']];
  for (;;) {
    let value: string;
    if (text.charCodeAt(i) === 34) {
      const closed = closingQuote(text, i + 1, end);
      if (closed >= 0) {
        value = text.slice(i + 1, closed).replaceAll('""', '"');
        i = closed + 1;
        // Anything between the closing quote and the next tab or line is kept as written.
        const rest = nextBreak(text, i, end);
        value += text.slice(i, rest);
        i = rest;
      } else {
        const rest = nextBreak(text, i, end);
        value = text.slice(i, rest);
        i = rest;
      }
    } else {
      const rest = nextBreak(text, i, end);
      value = text.slice(i, rest);
      i = rest;
    }
    row.push(value);
    if (i >= end) break;
    const code = text.charCodeAt(i);
    if (code === 9) {
      i++;
      continue;
    }
    // A line break: CRLF, LF or CR.
    i += code === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= end) {
      row.push('');
      break;
    }
  }
  rows.push(row);
  return rows;
}

/** The position of the quote that closes a quoted cell starting at `from`, or -1. */
function closingQuote(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const at = text.indexOf('"', i);
    if (at < 0 || at >= end) return -1;
    if (text.charCodeAt(at + 1) === 34 && at + 1 < end) {
      i = at + 2;
      continue;
    }
    return at;
  }
  return -1;
}

/** The next tab or line break at or after `from` (or `end`). */
function nextBreak(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 9 || code === 10 || code === 13) return i;
  }
  return end;
}
