import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import { columnsFromHeaders, SheetValidator } from './index';
import { validateRows } from '../problems';
import { GroupRegistry } from './row-group';
import { UniqueValueIndex } from './unique-value-index';

const headers = ['firstName', 'lastName', 'phone', 'email'];
const columns = columnsFromHeaders(clientTether, headers);
const emailCol = 3;

describe('duplicate groups', () => {
  it('describes a value shared by 100,000 rows once: its size and first rows, the same in every finding', () => {
    const validator = new SheetValidator({ template: clientTether, columns });
    const rows = Array.from({ length: 100_000 }, (_, r) => [
      `First${r}`,
      `Last${r}`,
      '',
      'noemail@company.com',
    ]);
    for (const row of rows) validator.addRow(row);
    const [first] = validator.findings(0);
    const [last] = validator.findings(99_999);
    expect(first.groups).toEqual([
      {
        id: 0,
        code: 'email.duplicate',
        col: emailCol,
        match: 'value',
        size: 100_000,
        firstRows: [0, 1, 2, 3, 4, 5],
      },
    ]);
    expect(last.groups).toEqual(first.groups);
    expect(validator.summary().errors).toBe(100_000);
    expect(validator.duplicateGroupCount).toBe(1);

    // One row leaves and comes back: only that row changes, and the one group is said to have changed.
    const away = [...rows[500]];
    away[emailCol] = 'someone@company.com';
    expect([...validator.updateCell(500, emailCol, away)]).toEqual([500]);
    expect(validator.lastGroupChanges).toEqual([0]);
    expect(validator.duplicateGroup(0)?.size).toBe(99_999);
    expect([...validator.updateCell(500, emailCol, rows[500])]).toEqual([500]);
    expect(validator.groupRows(0)).toHaveLength(100_000);
    // An edit that leaves the email as it was does not touch the email's group at all.
    const renamed = [...rows[7]];
    renamed[0] = 'Pat';
    validator.updateCell(7, 0, renamed);
    expect(validator.lastGroupChanges).toEqual([]);
  });

  it('words a member of a large group with five other rows and a count', () => {
    const rows = Array.from({ length: 12 }, (_, r) => [`F${r}`, `L${r}`, '', 'same@example.com']);
    const issues = validateRows(clientTether, columns, rows);
    expect(issues[3].message).toBe(
      'This email is also used in rows 1, 2, 3, 5, 6 and 6 more. Each contact needs its own email: remove the duplicate rows or correct the address.',
    );
    expect(issues[3].groups).toEqual([{ id: 0, match: 'value', size: 12, rows: [1, 2, 3, 4, 5, 6] }]);
    const [nb] = validateRows(clientTether, columns, rows.slice(0, 2), { locale: 'nb' });
    expect(nb.message).toContain('Denne e-posten brukes også på rad 2.');
  });

  it('names each pair a likely duplicate shares, once when they name the same rows', () => {
    const rows = [
      ['Ann', 'Lee', '5551234567', 'ann@one.com'],
      ['Ann', 'Lee', '5551234567', 'other@two.com'], // name + phone with row 1
      ['Zed', 'Zulu', '5551234567', 'ann@one.com'], // email + phone with row 1
    ];
    const likely = (issues: ReturnType<typeof validateRows>) =>
      issues.filter((i) => i.code === 'contact.likelyDuplicate').map((i) => i.message);
    expect(likely(validateRows(clientTether, columns, rows))).toEqual([
      'This contact has the same name and phone as row 2, and the same email and phone as row 3. Keep one, merge them, or leave both if they are different people.',
      'This contact looks like row 1: two of name, phone and email are the same. Keep one, merge them, or leave both if they are different people.',
      'This contact looks like row 1: two of name, phone and email are the same. Keep one, merge them, or leave both if they are different people.',
    ]);
    // Two identical rows share all three pairs: one sentence names them all.
    const twins = [rows[0], rows[0]];
    expect(likely(validateRows(clientTether, columns, twins))[0]).toBe(
      'This contact has the same name, phone and email as row 2. Keep one, merge them, or leave both if they are different people.',
    );
    expect(likely(validateRows(clientTether, columns, twins, { locale: 'nb' }))[0]).toBe(
      'Denne kontakten har samme navn, telefon og e-post som rad 2. Behold én, slå dem sammen, eller behold begge hvis det er forskjellige personer.',
    );
  });
});

describe('duplicates beyond ASCII', () => {
  it('finds emails written in NFC and NFD as one, and keeps a mixed-script address in duplicate detection', () => {
    const rows = [
      ['Ann', 'Lee', '', 'jos\u00e9@example.com'],
      ['Bob', 'Ray', '', 'JOSE\u0301@example.com'],
      ['Cy', 'Day', '', 'p\u0430ypal@example.com'],
      ['Di', 'Fox', '', 'P\u0410YPAL@example.com'],
      ['Ed', 'Orr', '', 'paypal@example.com'],
    ];
    const issues = validateRows(clientTether, columns, rows);
    expect(issues.map((i) => `${i.row}:${i.code}:${i.groups?.[0].rows.join('|') ?? ''}`)).toEqual([
      '1:email.duplicate:1|2',
      '2:email.duplicate:1|2',
      '3:email.mixedScript:',
      '3:email.duplicate:3|4',
      '4:email.mixedScript:',
      '4:email.duplicate:3|4',
    ]);
  });
});

describe('UniqueValueIndex', () => {
  it('never groups two values whose hashes collide, whatever order they come and go in', () => {
    const keys: string[] = [];
    const registry = new GroupRegistry();
    const index = new UniqueValueIndex(registry, 0, keys);
    const add = (rowId: number, key: string) => {
      keys[rowId] = key;
      return index.add(42, key, rowId);
    };
    add(0, 'a@x.com');
    expect(add(1, 'b@x.com'), 'same hash, another value: alone').toBeNull();
    expect(add(2, 'b@x.com')?.rows).toEqual([1, 2]);
    expect(add(3, 'a@x.com')?.rows).toEqual([0, 3]);
    expect(index.group(42, 'a@x.com')?.rows).toEqual([0, 3]);
    expect(index.group(42, 'b@x.com')?.rows).toEqual([1, 2]);
    // Every a@ leaves; a b@ and a new a@ arrive: still apart.
    index.remove(42, 'a@x.com', 0);
    index.remove(42, 'a@x.com', 3);
    expect(add(4, 'b@x.com')?.rows).toEqual([1, 2, 4]);
    expect(add(5, 'a@x.com')).toBeNull();
    expect(add(6, 'a@x.com')?.rows).toEqual([5, 6]);
    expect(registry.size).toBe(2);
  });
});
