import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../test/fixtures/generate-contacts';
import { seededRandom } from '../../test/fixtures/random';
import { clientTether } from '../template';
import { columnsFromHeaders, type Finding, SheetValidator } from './index';
import { validateRows } from '../problems';

const headers = ['firstName', 'lastName', 'phone', 'email', 'state'];
const columns = columnsFromHeaders(clientTether, headers);

function sheet(rows: string[][]) {
  const validator = new SheetValidator({ template: clientTether, columns });
  const ids = rows.map((row) => validator.addRow(row));
  return { validator, ids };
}

/** The other rows a duplicate finding's groups name (all of them, in these small groups), ascending. */
const othersOf = (f: Finding) =>
  [...new Set(f.groups?.flatMap((g) => g.firstRows) ?? [])]
    .filter((r) => r !== f.rowId)
    .sort((a, b) => a - b);

const summarize = (validator: SheetValidator, rowId: number) =>
  validator
    .findings(rowId)
    .map((f) => `${headers[f.col]}:${f.code}${f.groups ? `->${othersOf(f).join('|')}` : ''}`);

describe('row rules', () => {
  it('requires a first and a last name, treating blanks as missing', () => {
    const { validator, ids } = sheet([
      ['Ann', 'Lee', '', '', ''],
      ['', 'Lee', '', '', ''],
      ['Ann', '   ', '', '', ''],
    ]);
    expect(summarize(validator, ids[0])).toEqual([]);
    expect(summarize(validator, ids[1])).toEqual(['firstName:required.missing']);
    expect(summarize(validator, ids[2])).toEqual(['lastName:required.missing']);
  });
});

describe('sheet rules', () => {
  it('flags every occurrence of an email used twice, case-insensitively, each pointing at the others', () => {
    const { validator, ids } = sheet([
      ['Ann', 'Lee', '', 'ann@example.com', ''],
      ['Bob', 'Ray', '', 'bob@example.com', ''],
      ['Cy', 'Day', '', 'ANN@Example.com', ''],
      ['Di', 'Fox', '', 'ann@example.com', ''],
    ]);
    expect(summarize(validator, ids[0])).toEqual(['email:email.duplicate->2|3']);
    expect(summarize(validator, ids[1])).toEqual([]);
    expect(summarize(validator, ids[2])).toEqual(['email:email.duplicate->0|3']);
    expect(summarize(validator, ids[3])).toEqual(['email:email.duplicate->0|2']);
    expect(validator.summary().errors).toBe(3);
  });

  it('warns about likely duplicates when two of name, phone and email match after normalising', () => {
    const { validator, ids } = sheet([
      ['Ann', 'Lee', '(555) 123-4567', 'ann@one.com', ''],
      [' ann ', 'LEE', '5551234567', 'other@two.com', ''], // name + phone
      ['Zed', 'Zulu', '+1 555 123 4567', 'ANN@one.com', ''], // phone + email (and the email duplicate)
      ['Ann', 'Lee', '9998887777', 'x@three.com', ''], // name only: not enough
    ]);
    expect(summarize(validator, ids[0])).toEqual([
      'phone:phone.digits',
      'email:email.duplicate->2',
      'firstName:contact.likelyDuplicate->1|2',
    ]);
    expect(summarize(validator, ids[1])).toEqual([
      'firstName:text.whitespace',
      'firstName:contact.likelyDuplicate->0',
    ]);
    expect(summarize(validator, ids[2])).toEqual([
      'phone:phone.digits',
      'email:email.duplicate->0',
      'firstName:contact.likelyDuplicate->0',
    ]);
    expect(summarize(validator, ids[3])).toEqual([]);
    const warnings = validator.summary().byColumn.find((c) => c.code === 'contact.likelyDuplicate');
    expect(warnings?.count).toBe(3);
  });

  it('checks ID columns against the lookups when they are known', () => {
    const idColumns = columnsFromHeaders(clientTether, ['firstName', 'lastName', 'action_plan_id']);
    const rows = [
      ['Ann', 'Lee', '7'],
      ['Bob', 'Ray', '8'],
    ];
    const withLists = validateRows(clientTether, idColumns, rows, {
      lookups: { actionPlans: [{ id: '7', name: 'Welcome' }] },
    });
    expect(withLists.map((i) => `${i.row}:${i.code}`)).toEqual(['2:id.unknown']);
    expect(withLists[0].message).toContain('7 (Welcome)');
    expect(validateRows(clientTether, idColumns, rows)).toEqual([]);
  });
});

describe('incremental revalidation', () => {
  it('clears and raises the right duplicate issues when one email changes in 100,000 rows', () => {
    const { headers: allHeaders, rows } = generateContacts(100_000, { errorRate: 0 });
    const allColumns = columnsFromHeaders(clientTether, allHeaders);
    const emailCol = allHeaders.indexOf('email');
    const validator = new SheetValidator({ template: clientTether, columns: allColumns });
    const ids = rows.map((row) => validator.addRow(row));
    const before = validator.summary();
    expect(before.errors).toBe(0);

    // Row 50,000 takes row 10's email: both become duplicates, nothing else changes.
    const edited = [...rows[50_000]];
    edited[emailCol] = rows[10][emailCol].toUpperCase();
    const affected = validator.updateCell(ids[50_000], emailCol, edited);
    rows[50_000] = edited;
    expect([...affected].sort((a, b) => a - b)).toEqual([ids[10], ids[50_000]]);
    expect(validator.findings(ids[10]).map((f) => [f.code, othersOf(f)])).toEqual([
      ['email.duplicate', [ids[50_000]]],
    ]);
    expect(validator.summary().errors).toBe(2);

    // A third row joins the group, then the first edit is undone: only the new pair stays flagged.
    const [group] = validator.findings(ids[10])[0].groups ?? [];
    const third = [...rows[99_999]];
    third[emailCol] = rows[10][emailCol];
    // Joining a group of two touches only the joining row; the group itself is said to have changed.
    expect([...validator.updateCell(ids[99_999], emailCol, third)]).toEqual([ids[99_999]]);
    expect(validator.lastGroupChanges).toEqual([group.id]);
    expect(validator.duplicateGroup(group.id)).toMatchObject({ size: 3, firstRows: [10, 50_000, 99_999] });
    expect(validator.summary().errors).toBe(3);
    const undone = [...rows[50_000]];
    undone[emailCol] = 'fresh@example.com';
    // Leaving a group of three: the two left are still duplicates of each other, only their group shrank.
    const cleared = validator.updateCell(ids[50_000], emailCol, undone);
    expect([...cleared]).toEqual([ids[50_000]]);
    expect(validator.lastGroupChanges).toEqual([group.id]);
    expect(validator.groupRows(group.id)).toEqual([ids[10], ids[99_999]]);
    expect(validator.findings(ids[50_000])).toEqual([]);
    expect(validator.findings(ids[99_999]).map(othersOf)).toEqual([[ids[10]]]);
    expect(validator.summary().errors).toBe(2);

    // Deleting one of the pair clears the other, and the group is gone.
    expect([...validator.removeRow(ids[99_999])]).toEqual([ids[10]]);
    expect(validator.findings(ids[10])).toEqual([]);
    expect(validator.duplicateGroup(group.id)).toBeUndefined();
    expect(validator.duplicateGroupCount).toBe(0);
    expect(validator.summary()).toMatchObject({ rows: 99_999, errors: 0 });
  });

  it('keeps counts equal to a fresh validation after random edits (a property over 2,000 edits)', () => {
    const random = seededRandom(7);
    const { headers: allHeaders, rows } = generateContacts(300, { errorRate: 0.05, seed: 3 });
    const allColumns = columnsFromHeaders(clientTether, allHeaders);
    const validator = new SheetValidator({ template: clientTether, columns: allColumns });
    const ids = rows.map((row) => validator.addRow(row));
    const pool = [
      '',
      'ann@example.com',
      'ANN@example.com',
      'Ann',
      'Lee',
      '5551234567',
      'bad',
      '2021-02-30',
      'CA',
      ' x ',
    ];
    for (let i = 0; i < 2_000; i++) {
      const r = Math.floor(random() * rows.length);
      const c = [0, 1, 2, 4, 5, 8, 26][Math.floor(random() * 7)];
      rows[r] = [...rows[r]];
      rows[r][c] = pool[Math.floor(random() * pool.length)];
      validator.updateCell(ids[r], c, rows[r]);
    }
    const fresh = new SheetValidator({ template: clientTether, columns: allColumns });
    const freshIds = rows.map((row) => fresh.addRow(row));
    expect(validator.summary()).toEqual(fresh.summary());
    for (let r = 0; r < rows.length; r++) {
      const sizes = (f: Finding) => [f.col, f.code, f.groups?.map((g) => [g.match, g.size, g.firstRows])];
      expect(validator.findings(ids[r]).map(sizes)).toEqual(fresh.findings(freshIds[r]).map(sizes));
    }
  });
});

describe('hostile headers', () => {
  it('treats __proto__ and constructor as ordinary unknown columns', () => {
    const hostile = columnsFromHeaders(clientTether, [
      '__proto__',
      'constructor',
      'firstName',
      'lastName',
      'toString',
    ]);
    expect(hostile).toEqual([null, null, clientTether.fields[0], clientTether.fields[1], null]);
    const issues = validateRows(clientTether, hostile, [['{"polluted":1}', 'x', 'Ann', 'Lee', 'y']]);
    expect(issues).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('messages', () => {
  it('words each issue for people in English and Norwegian and carries the safe fix', () => {
    const rows = [['Ann', 'Lee', '(555) 123-4567', 'ann@example.com', 'ca']];
    const [phoneEn, stateEn] = validateRows(clientTether, columns, rows);
    expect(phoneEn).toMatchObject({
      row: 1,
      field: 'phone',
      code: 'phone.digits',
      severity: 'error',
      value: '(555) 123-4567',
    });
    expect(phoneEn.fix).toEqual({ value: '5551234567', fix: 'phone.digits' });
    expect(phoneEn.message).toMatchInlineSnapshot(
      `"Mobile phone must be exactly 10 digits with nothing else: no +1, spaces, dashes, dots or brackets. Example: 5551234567."`,
    );
    expect(stateEn.message).toContain('2-letter');
    const [phoneNb] = validateRows(clientTether, columns, rows, { locale: 'nb' });
    expect(phoneNb.message).toMatchInlineSnapshot(
      `"Mobiltelefon må være nøyaktig 10 sifre og ingenting annet: uten +1, mellomrom, bindestrek, punktum eller parentes. Eksempel: 5551234567."`,
    );
  });
});
