/**
 * Header names a program can key on: trimmed, an empty one becomes `Column 7` (its 1-based position), and a
 * repeated one gets a number (`Phone`, `Phone (2)`), compared without regard to case as people read them.
 * A name made up here never takes one the file uses.
 */
export function distinctHeaders(raw: readonly string[], width = raw.length): string[] {
  const names = new Array<string>(width);
  const taken = new Set<string>();
  for (let i = 0; i < width; i++) {
    const name = cleanHeader(raw[i] ?? '');
    if (name) taken.add(name.toLowerCase());
  }
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    const base = cleanHeader(raw[i] ?? '');
    let name = base || `Column ${i + 1}`;
    for (let n = 2; used.has(name.toLowerCase()) || (name !== base && taken.has(name.toLowerCase())); n++) {
      name = `${base || `Column ${i + 1}`} (${n})`;
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
