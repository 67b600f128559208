import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../shared/codec';
import { fieldsOf } from '../../shared/mapping';
import { corpusDir, loadCorpus } from './corpus';
import { fieldCol, notesOf, openAndFixInApp } from './score';

// One engine: every corpus file through `listprep fix` (automatic mapping, no profile, nothing confirmed) and
// through the app's list engine ("Fix everything safe" on the proposed mapping) gives the same mapping and
// the same value in every template field of every row, the notes included.

const dir = mkdtempSync(join(tmpdir(), 'listprep-corpus-parity-'));

function listprepFix(name: string) {
  const out = join(dir, `${name}.csv`);
  const run = spawnSync(
    process.execPath,
    ['bin/listprep.mjs', 'fix', join(corpusDir, `${name}.csv`), '-o', out, '--json'],
    { encoding: 'utf8', env: { ...process.env, LISTPREP_CONFIG_DIR: join(dir, 'config') } },
  );
  // stderr says how the file was read and the mapping used (read-report.ts); the exit code says it was written.
  expect(run.status, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as {
    mapping: { header: string; field: string | null; split?: string[] }[];
  };
  const [headers, ...rows] = parseCsv(readFileSync(out, 'utf8').replace(/\r\n$/, ''));
  return { report, headers, rows };
}

describe('the corpus through listprep fix and the app', () => {
  for (const file of loadCorpus()) {
    it(`${file.name}: the same mapping and the same fixed values`, async () => {
      const cli = listprepFix(file.name);
      const app = await openAndFixInApp(file);

      const appFields = app.proposals.map((p) => fieldsOf(p.target).join(' + ') || null);
      const cliFields = cli.report.mapping.map((c) => c.split?.join(' + ') ?? c.field);
      expect(cliFields).toEqual(appFields);

      expect(cli.rows).toHaveLength(app.after.rows.length);
      cli.headers.forEach((field, col) => {
        const at = fieldCol(app.after, field);
        const appValues = app.after.rows.map((row) =>
          field === 'whiteboard' ? notesOf(app.after, row) : at < 0 ? '' : (row[at] ?? ''),
        );
        expect(
          cli.rows.map((row) => row[col] ?? ''),
          field,
        ).toEqual(appValues);
      });
    });
  }
});
