/** The delimiters ListPrep detects. */
export const csvDelimiters = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Accepts `,` `;` `|` a tab, or the words people type for them; undefined when not one character. */
export function parseDelimiterName(name: string): string | undefined {
  const words: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = Object.hasOwn(words, name.toLowerCase()) ? words[name.toLowerCase()] : name;
  return delimiter.length === 1 && !/["\r\n]/.test(delimiter) ? delimiter : undefined;
}

const maxLines = 100;

/**
 * Picks the delimiter from a sample of text: the candidate that splits the most lines into the same number
 * (>1) of fields, counting only outside quotes (a quoted field may span lines). Title lines and notes with a
 * stray comma do not win against a table's steady count. Ties go to the order above (comma first). Unless
 * `final`, the last line of the sample may be cut off and is not counted.
 */
export function detectDelimiter(sample: string, final = false): CsvDelimiter {
  const counts = csvDelimiters.map(() => [] as number[]);
  const codes = csvDelimiters.map((d) => d.charCodeAt(0));
  const current = codes.map(() => 0);
  let quoted = false;
  let lineHasText = false;
  let lines = 0;
  for (let i = 0; i < sample.length && lines < maxLines; i++) {
    const code = sample.charCodeAt(i);
    if (code === 34) {
      quoted = !quoted;
      lineHasText = true;
    } else if (!quoted && (code === 10 || code === 13)) {
      if (lineHasText) {
        for (let d = 0; d < codes.length; d++) counts[d].push(current[d]);
        lines++;
      }
      current.fill(0);
      lineHasText = false;
    } else if (!quoted) {
      const d = codes.indexOf(code);
      if (d !== -1) current[d]++;
      else if (code !== 32) lineHasText = true;
    }
  }
  if (final && lineHasText && lines < maxLines)
    for (let d = 0; d < codes.length; d++) counts[d].push(current[d]);
  let best: CsvDelimiter = ',';
  let bestScore = 0;
  csvDelimiters.forEach((delimiter, d) => {
    const tally = new Map<number, number>();
    for (const count of counts[d]) if (count > 0) tally.set(count, (tally.get(count) ?? 0) + 1);
    let score = 0;
    // The most lines with one count wins; among equals, the larger count (more columns) wins.
    for (const [count, lineCount] of tally) score = Math.max(score, lineCount * 1000 + Math.min(count, 999));
    if (score > bestScore) {
      best = delimiter;
      bestScore = score;
    }
  });
  return best;
}
