import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/random';
import { distinctHeaders } from './headers';

/** The rule as first written (quadratic, kept as the specification the fast version must agree with). */
function specification(raw: readonly string[], width = raw.length): string[] {
  const clean = (cell: string) => cell.replace(/^\uFEFF/, '').trim();
  const names = new Array<string>(width);
  const taken = new Set<string>();
  for (let i = 0; i < width; i++) {
    const name = clean(raw[i] ?? '');
    if (name) taken.add(name.toLowerCase());
  }
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    const base = clean(raw[i] ?? '');
    let name = base || `Column ${i + 1}`;
    for (let n = 2; used.has(name.toLowerCase()) || (name !== base && taken.has(name.toLowerCase())); n++) {
      name = `${base || `Column ${i + 1}`} (${n})`;
    }
    used.add(name.toLowerCase());
    names[i] = name;
  }
  return names;
}

describe('distinct header names', () => {
  it('numbers repeats, names empty cells by position and steps around names the file uses', () => {
    expect(distinctHeaders(['Phone', 'Name', 'phone', '', 'Phone (2)', 'Phone'])).toEqual([
      'Phone',
      'Name',
      'phone (3)',
      'Column 4',
      'Phone (2)',
      'Phone (4)',
    ]);
    expect(distinctHeaders(['\uFEFFEmail ', 'Column 2', ''], 4)).toEqual([
      'Email',
      'Column 2',
      'Column 3',
      'Column 4',
    ]);
    // "Column 2" is the file's own name, so the empty second cell steps around it.
    expect(distinctHeaders(['Column 2', '', 'column 2 (2)'])).toEqual([
      'Column 2',
      'Column 2 (3)',
      'column 2 (2)',
    ]);
  });

  it('names 20,000 copies of one header Phone, Phone (2) … Phone (20000)', () => {
    const names = distinctHeaders(new Array(20_000).fill('Phone'));
    expect(names.slice(0, 3)).toEqual(['Phone', 'Phone (2)', 'Phone (3)']);
    expect(names[19_999]).toBe('Phone (20000)');
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(20_000);
  });

  it('agrees with the rule as first written on thousands of random header rows', () => {
    const random = seededRandom(17);
    const words = [
      'Phone',
      'phone',
      'PHONE',
      'Phone (2)',
      'phone (3)',
      '',
      ' ',
      'Column 3',
      'column 4 (2)',
      'Email',
    ];
    for (let run = 0; run < 3_000; run++) {
      const length = Math.floor(random() * 12);
      const raw = Array.from({ length }, () => words[Math.floor(random() * words.length)]);
      const width = length + Math.floor(random() * 3);
      expect(distinctHeaders(raw, width)).toEqual(specification(raw, width));
    }
  });
});
