/**
 * Header names a program can key on: trimmed, an empty one becomes `Column 7` (its 1-based position), and a
 * repeated one gets a number (`Phone`, `Phone (2)`), compared without regard to case as people read them.
 * A name made up here never takes one the file uses.
 *
 * Linear in the headers: each name's next free number is remembered, so 20,000 copies of one name cost
 * 20,000 steps, not 200 million (a numbered name is only ever tried once for its base).
 */
export function distinctHeaders(raw: readonly string[], width = raw.length): string[] {
  const names = new Array<string>(width);
  const bases = new Array<string>(width);
  const taken = new Set<string>();
  for (let i = 0; i < width; i++) {
    const name = cleanHeader(raw[i] ?? '');
    bases[i] = name;
    if (name) taken.add(name.toLowerCase());
  }
  const used = new Set<string>();
  // Per base name (lower case): the number to try next. Numbers below it are used or taken for good, since
  // `used` only grows and `taken` never changes.
  const nextNumber = new Map<string, number>();
  for (let i = 0; i < width; i++) {
    const base = bases[i];
    const stem = base || `Column ${i + 1}`;
    const stemKey = stem.toLowerCase();
    let name = stem;
    if (used.has(stemKey) || (stem !== base && taken.has(stemKey))) {
      let n = nextNumber.get(stemKey) ?? 2;
      name = `${stem} (${n})`;
      while (used.has(name.toLowerCase()) || taken.has(name.toLowerCase())) {
        n++;
        name = `${stem} (${n})`;
      }
      nextNumber.set(stemKey, n + 1);
    }
    used.add(name.toLowerCase());
    names[i] = name;
  }
  return names;
}

/** A header cell as a name: without the BOM (a second one, or one left by a chosen encoding) and spaces. */
function cleanHeader(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim();
}
