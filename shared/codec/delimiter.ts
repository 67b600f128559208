/** The delimiters ListPrep detects. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/**
 * Picks the delimiter from a sample: the candidate that splits the most lines into the same number (>1) of
 * fields, counting only outside quotes. Ties go to the order above (comma first).
 */
export function detectDelimiter(sample: string): CsvDelimiter {
  const lines = splitSampleLines(sample).slice(0, 50);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  for (const delimiter of csvDelimiters) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const tally = new Map<number, number>();
    for (const count of counts) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    let score = 0;
    for (const [count, lineCount] of tally) score = Math.max(score, lineCount * 1000 + count);
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  }
  return best;
}

function splitSampleLines(sample: string): string[] {
  return sample.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) count++;
  }
  return count;
}
