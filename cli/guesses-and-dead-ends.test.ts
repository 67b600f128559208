import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// listprep map, check and fix on two files of the corpus: one where a column is mapped only from its values
// (a guess that waits for a person), one Norwegian list whose phones and postcodes the template cannot hold.

const dir = mkdtempSync(join(tmpdir(), 'listprep-first-try-'));
const messy = 'test/corpus/files/messy-crm-export.csv';
const norwegian = 'test/corpus/files/norwegian-crm.csv';

function listprep(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/listprep.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LISTPREP_CONFIG_DIR: join(dir, 'config') },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The column of a written CSV by its template header (the values read here hold no commas or quotes). */
function columnOf(path: string, header: string): string[] {
  const lines = readFileSync(path, 'utf8').split('\r\n');
  const col = lines[0].split(',').indexOf(header);
  return lines
    .slice(1)
    .filter((line) => /^[^,"]*,/.test(line))
    .map((line) => line.split(',')[col]);
}

type MapJson = { mapping: { header: string; field: string | null; guess?: true }[] };
type DeadEndJson = { column: string; field: string; kind: string; count: number; message: string };

describe('a column mapped from its values', () => {
  it('is marked "check" by listprep map, with how to confirm it, until --confirm', () => {
    const text = listprep('map', messy).stdout;
    expect(text).toMatch(/Alt\s+-> second_Phone \?\s+check/);
    expect(text).toContain('Check this: a column was mapped from its values, not its name:');
    expect(text).toContain('confirm with --confirm "Alt"');

    const guessed = JSON.parse(listprep('map', messy, '--json').stdout) as MapJson;
    expect(guessed.mapping.find((c) => c.header === 'Alt')).toMatchObject({
      field: 'second_Phone',
      guess: true,
    });
    const confirmed = JSON.parse(listprep('map', messy, '--json', '--confirm', 'Alt').stdout) as MapJson;
    const alt = confirmed.mapping.find((c) => c.header === 'Alt');
    expect(alt).toMatchObject({ field: 'second_Phone' });
    expect(alt?.guess).toBeUndefined();
    expect(listprep('map', messy, '--confirm', 'Alt').stdout).not.toContain('Check this');
  });

  it('is not fixed by listprep fix until confirmed, then fixed like any column', () => {
    const unconfirmed = join(dir, 'guess.csv');
    const run = listprep('fix', messy, '-o', unconfirmed);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('(not fixed until confirmed)');
    expect(columnOf(unconfirmed, 'second_Phone')[0]).toBe('(480) 555-0199');

    const confirmed = join(dir, 'confirmed.csv');
    expect(listprep('fix', messy, '-o', confirmed, '--confirm', 'Alt').code).toBe(0);
    expect(columnOf(confirmed, 'second_Phone')[0]).toBe('4805550199');
  });

  it('is listed by listprep check, which suggests no fix for it', () => {
    const report = JSON.parse(listprep('check', messy, '--json').stdout) as {
      guessed: unknown[];
      issues: { field: string; fix: string | null }[];
    };
    expect(report.guessed).toEqual([{ column: 'Alt', field: 'second_Phone' }]);
    const alt = report.issues.filter((i) => i.field === 'second_Phone');
    expect(alt.length).toBeGreaterThan(0);
    expect(alt.every((i) => i.fix === null)).toBe(true);
    expect(report.issues.some((i) => i.field === 'phone' && i.fix !== null)).toBe(true);
  });

  it('refuses --confirm for a column the file does not have', () => {
    const run = listprep('map', messy, '--confirm', 'Fax');
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('listprep map: --confirm: the file has no column "Fax"');
  });
});

describe('values the template cannot hold (a Norwegian list)', () => {
  it('are said once per column by map and check, with the way out', () => {
    const text = listprep('map', norwegian).stdout;
    const phoneLines = text
      .split('\n')
      .filter((l) => l.startsWith('ClientTether takes US and Canadian phone'));
    expect(phoneLines).toHaveLength(2);
    expect(phoneLines[0]).toContain('4 of 4 values of "Mobil" (phone) cannot go in');
    expect(text).toContain(
      'ClientTether takes US ZIP codes and Canadian postal codes only. 4 of 4 values of "Postnr"',
    );

    const check = JSON.parse(listprep('check', norwegian, '--json').stdout) as { deadEnds: DeadEndJson[] };
    expect(check.deadEnds.map((d) => [d.column, d.field, d.kind, d.count])).toEqual([
      ['Mobil', 'phone', 'phone', 4],
      ['Telefon', 'second_Phone', 'phone', 2],
      ['Postnr', 'zip', 'postal', 4],
    ]);
  });

  it('move to the notes with fix --unfit notes, and are cleared with --unfit clear', () => {
    const notes = join(dir, 'notes.csv');
    const moved = JSON.parse(
      listprep('fix', norwegian, '-o', notes, '--unfit', 'notes', '--json').stdout,
    ) as {
      changes: { row: number; field: string; from: string; to: string; fix: string }[];
      deadEnds: unknown[];
    };
    expect(moved.deadEnds).toEqual([]);
    const phone = moved.changes.filter((c) => c.field === 'phone');
    expect(phone.map((c) => [c.from, c.to, c.fix])[0]).toEqual(['+47 912 34 567', '', 'unfit.notes']);
    const lastNote = moved.changes.filter((c) => c.row === 1 && c.field === 'whiteboard').at(-1);
    expect(lastNote?.to.split('\n')).toEqual([
      '[import] Mobil: +47 912 34 567',
      '[import] Telefon: 22 33 44 55',
      '[import] Postnr: 0155',
    ]);
    // The written notes hold them beside the columns kept as notes.
    const written = readFileSync(notes, 'utf8');
    expect(written).toContain(
      '[import] Postnr: 0155\n[import] Land: Norge\n[import] Fødselsdato: 12.04.1985',
    );

    const cleared = join(dir, 'cleared.csv');
    const run = listprep('fix', norwegian, '-o', cleared, '--unfit', 'clear');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('cannot go in');
    const check = listprep('check', cleared, '--json');
    const left = JSON.parse(check.stdout) as { issues: { field: string }[]; deadEnds: unknown[] };
    expect(left.deadEnds).toEqual([]);
    expect(left.issues.filter((i) => ['phone', 'second_Phone', 'zip'].includes(i.field))).toEqual([]);
  });

  it('stay for a person by default, and --unfit takes only keep, notes or clear', () => {
    const kept = join(dir, 'kept.csv');
    const run = listprep('fix', norwegian, '-o', kept);
    expect(run.stdout).toContain('--unfit notes moves them to the notes, --unfit clear clears them');
    expect(columnOf(kept, 'phone')[0]).toBe('+47 912 34 567');
    const bad = listprep('fix', norwegian, '-o', kept, '--unfit', 'drop');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('listprep fix: --unfit must be keep, notes or clear, not "drop"');
  });
});
