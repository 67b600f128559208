import { describe, expect, it } from 'vitest';
import { clientTether } from '../template';
import type { Change, DocState, OpenResult, RowData, ViewRef, WorkerJournalEntry } from './protocol';
import { plainView } from './view/row-view';
import { ListSession } from './session';

// Windows-1252 bytes of a Latin-1 text (every character below U+0100 is one byte there).
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => {
    const code = ch.charCodeAt(0);
    if (code > 0xff) throw new RangeError(`not Latin-1: ${ch}`);
    return code;
  });
}

const messy = cp1252(
  [
    'Kontakter fra messen',
    'Eksportert 2024-05-01',
    '',
    'Fornavn;Etternavn;E-post;Mobil;Delstat;Sko',
    'Åse;Økland;ase@example.com;(555) 123-4567;CA;41',
    'Bob;Smith;bob@example.com;5559876543;California;44',
    'Carla;Nguyen;ase@example.com;5551112222;NY;38',
    'Dag;;dag@example.com;5553334444;ON;45',
    '',
  ].join('\r\n'),
);

const view: ViewRef = { spec: plainView, revision: 0 };
const noProgress = async () => {};

async function openMessy(): Promise<{ session: ListSession; opened: OpenResult; state: DocState }> {
  const session = new ListSession(clientTether);
  const opened = await session.handlers.open({ bytes: messy, options: {} }, noProgress);
  const proposals = await session.handlers.proposeMapping({}, noProgress);
  const state = await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, noProgress);
  return { session, opened, state };
}

async function allRows(session: ListSession): Promise<RowData[]> {
  return (await session.handlers.rows({ start: 0, end: 1000, view, locale: 'en' }, noProgress)).rows;
}

function col(state: DocState, header: string): number {
  const found = state.columns.find((c) => c.header === header);
  if (!found) throw new Error(`no column ${header}`);
  return found.index;
}

describe('a session on a messy Windows-1252 file with title lines and semicolons', () => {
  it('reads the encoding, the delimiter and the header row below the title lines', async () => {
    const { opened } = await openMessy();
    expect(opened.format).toMatchObject({ kind: 'csv', encoding: 'windows-1252', delimiter: ';' });
    expect(opened.headerRow).toBe(4);
    expect(opened.dataRows).toBe(4);
    expect(opened.lines.slice(0, 4)).toEqual([1, 2, 4, 5]);
    expect(opened.preview[3][0]).toBe('Åse');
  });

  it('maps Norwegian headers to template fields and keeps an unknown column as an [import] note', async () => {
    const { state } = await openMessy();
    expect(state.columns.map((c) => `${c.kind}:${c.header}`)).toEqual([
      'field:firstName',
      'field:lastName',
      'field:phone',
      'field:email',
      'field:state',
      'field:whiteboard',
      'note:Sko',
    ]);
  });

  it('flags the invalid cells and the shared email with messages in the chosen language', async () => {
    const { session, state } = await openMessy();
    const rows = await allRows(session);
    const phone = col(state, 'phone');
    expect(rows[0].p?.[phone]?.code).toBe('phone.digits');
    expect(rows[1].p?.[col(state, 'state')]?.code).toBe('state.unknown');
    expect(rows[2].p?.[col(state, 'email')]?.code).toBe('email.duplicate');
    expect(rows[3].p?.[col(state, 'lastName')]?.code).toBe('required.missing');
    const nb = await session.handlers.rows({ start: 0, end: 1, view, locale: 'nb' }, noProgress);
    expect(nb.rows[0].p?.[phone]?.message).toMatch(/nøyaktig 10 sifre/);
  });

  it('revalidates an edited cell and undoes and redoes the edit', async () => {
    const { session, state } = await openMessy();
    const lastName = col(state, 'lastName');
    const before = state.status.summary.errors;
    const edited = await session.handlers.edit(
      { key: 3, col: lastName, value: 'Hansen', locale: 'en' },
      noProgress,
    );
    expect(edited.status.summary.errors).toBe(before - 1);
    expect(edited.rows?.find((r) => r.key === 3)?.p?.[lastName] ?? null).toBeNull();
    const undone = await session.handlers.undo({ locale: 'en' }, noProgress);
    expect(undone.status.summary.errors).toBe(before);
    expect(undone.rows?.find((r) => r.key === 3)?.v[lastName]).toBe('');
    const redone = await session.handlers.redo({ locale: 'en' }, noProgress);
    expect(redone.rows?.find((r) => r.key === 3)?.v[lastName]).toBe('Hansen');
  });

  it('previews a fix of every phone in a column before applying it, and the fix is undoable', async () => {
    const { session, state } = await openMessy();
    const phone = col(state, 'phone');
    const plan = await session.handlers.planFix(
      { scope: { kind: 'column', col: phone, fix: 'phone.digits' }, settings: {} },
      noProgress,
    );
    expect(plan.count).toBe(1);
    expect(plan.examples[0]).toMatchObject({ before: '(555) 123-4567', after: '5551234567' });
    await session.handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    expect((await allRows(session))[0].v[phone]).toBe('5551234567');
    await session.handlers.undo({ locale: 'en' }, noProgress);
    expect((await allRows(session))[0].v[phone]).toBe('(555) 123-4567');
  });

  it('lists the shared email as a duplicate group and merging keeps one row with the other row deleted', async () => {
    const { session } = await openMessy();
    const groups = await session.handlers.duplicates({}, noProgress);
    expect(groups).toHaveLength(1);
    expect(groups[0].kind).toBe('email');
    expect(groups[0].rows.map((r) => r.n)).toEqual([1, 3]);
    const change = await session.handlers.resolveDuplicate(
      { keys: [0, 2], action: 'merge', keep: 0, locale: 'en' },
      noProgress,
    );
    expect(change.status.rowCount).toBe(3);
    expect(await session.handlers.duplicates({}, noProgress)).toHaveLength(0);
    await session.handlers.undo({ locale: 'en' }, noProgress);
    expect((await allRows(session)).map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it('finds the next problem cell from a position and wraps around', async () => {
    const { session, state } = await openMessy();
    const first = await session.handlers.nextProblem({ view, from: null, direction: 1 }, noProgress);
    expect(first).toEqual({ index: 0, col: col(state, 'phone') });
    const last = await session.handlers.nextProblem({ view, from: null, direction: -1 }, noProgress);
    expect(last?.index).toBe(3);
    const wrapped = await session.handlers.nextProblem({ view, from: last, direction: 1 }, noProgress);
    expect(wrapped).toEqual(first);
  });

  it('reloads the rows on screen when an edit moves a row into a duplicate group, whose members all change', async () => {
    const { session, state } = await openMessy();
    const email = col(state, 'email');
    // Åse (row 1) and Carla (row 3) share an email; Bob (row 2) takes it too.
    const joined = await session.handlers.edit(
      { key: 1, col: email, value: 'ase@example.com', locale: 'en' },
      noProgress,
    );
    expect(joined.rows).toBeNull();
    const rows = await allRows(session);
    expect(rows[0].p?.[email]?.message).toContain('also used in rows 2, 3.');
    // An edit that moves no row between groups names the rows it changed.
    const other = await session.handlers.edit({ key: 3, col: 0, value: 'Dagny', locale: 'en' }, noProgress);
    expect(other.rows?.map((r) => r.key)).toEqual([3]);
  });

  it('refuses the template export while errors remain, but writes the error report', async () => {
    const { session } = await openMessy();
    const refused = await session.handlers.export({ kind: 'csv', locale: 'en', settings: {} }, noProgress);
    expect(refused).toMatchObject({ ok: false, reason: 'errors' });
    const report = await session.handlers.export({ kind: 'report', locale: 'en', settings: {} }, noProgress);
    expect(report.ok).toBe(true);
  });

  it('replays the journal entries of a session into the same rows', async () => {
    const { session, state } = await openMessy();
    const entries: WorkerJournalEntry[] = [];
    const keep = (change: Change) => change.entry && entries.push(change.entry);
    keep(
      await session.handlers.edit(
        { key: 3, col: col(state, 'lastName'), value: 'Hansen', locale: 'en' },
        noProgress,
      ),
    );
    keep(await session.handlers.insertRow({ afterKey: 0, locale: 'en' }, noProgress));
    keep(await session.handlers.edit({ key: 4, col: 0, value: 'New', locale: 'en' }, noProgress));
    keep(await session.handlers.deleteRows({ keys: [1], locale: 'en' }, noProgress));
    keep(await session.handlers.undo({ locale: 'en' }, noProgress));
    keep(await session.handlers.undo({ locale: 'en' }, noProgress));
    keep(await session.handlers.redo({ locale: 'en' }, noProgress));
    const expected = await allRows(session);

    const fresh = new ListSession(clientTether);
    await fresh.handlers.open({ bytes: messy, options: {} }, noProgress);
    const proposals = await fresh.handlers.proposeMapping({}, noProgress);
    await fresh.handlers.replay(
      { entries: [{ t: 'map', targets: proposals.map((p) => p.target) }, ...entries] },
      noProgress,
    );
    expect(await allRows(fresh)).toEqual(expected);
    expect(expected.map((r) => r.n)).toEqual([1, 5, 2, 3, 4]);
  });

  it('splits a full-name column into first and last name when the file has no name columns', async () => {
    const session = new ListSession(clientTether);
    const bytes = new TextEncoder().encode(
      'Navn,E-post\r\nAnn Lee,ann@example.com\r\n"Smith, Bob",bob@example.com\r\n',
    );
    await session.handlers.open({ bytes, options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    expect(proposals[0].target).toEqual({ kind: 'split', fields: ['firstName', 'lastName'] });
    const state = await session.handlers.applyMapping(
      { targets: proposals.map((p) => p.target) },
      noProgress,
    );
    const rows = await allRows(session);
    const first = col(state, 'firstName');
    const last = col(state, 'lastName');
    expect(rows.map((r) => [r.v[first], r.v[last]])).toEqual([
      ['Ann', 'Lee'],
      ['Bob', 'Smith'],
    ]);
    expect(state.status.summary.errors).toBe(0);
  });

  it('keeps edits to a column it made when the mapping changes again', async () => {
    const { session, state } = await openMessy();
    await session.handlers.edit(
      { key: 0, col: col(state, 'phone'), value: '5550000000', locale: 'en' },
      noProgress,
    );
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    const targets = proposals.map((p) => (p.header === 'Sko' ? { kind: 'skip' as const } : p.target));
    const remapped = await session.handlers.applyMapping({ targets }, noProgress);
    expect(remapped.columns.map((c) => c.header)).not.toContain('Sko');
    expect((await allRows(session))[0].v[col(remapped, 'phone')]).toBe('5550000000');
  });

  it('keeps one row of a duplicate group and deletes the others, undoably', async () => {
    const { session } = await openMessy();
    const change = await session.handlers.resolveDuplicate(
      { keys: [0, 2], action: 'keep', keep: 2, locale: 'en' },
      noProgress,
    );
    expect(change.status.rowCount).toBe(3);
    expect((await allRows(session)).map((r) => r.n)).toEqual([2, 3, 4]);
    await session.handlers.undo({ locale: 'en' }, noProgress);
    expect((await allRows(session)).map((r) => r.n)).toEqual([1, 2, 3, 4]);
  });

  it('takes back a likely-duplicate warning when the rows are called different people', async () => {
    const session = new ListSession(clientTether);
    const text = 'firstName,lastName,phone\r\nBob,Smith,5559876543\r\nBob,Smith,555-987-6543\r\n';
    await session.handlers.open({ bytes: new TextEncoder().encode(text), options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    const state = await session.handlers.applyMapping(
      { targets: proposals.map((p) => p.target) },
      noProgress,
    );
    expect(state.status.summary.warnings).toBe(2);
    const groups = await session.handlers.duplicates({}, noProgress);
    expect(groups.map((g) => g.kind)).toEqual(['likely']);
    const dismissed = await session.handlers.resolveDuplicate(
      { keys: [0, 1], action: 'notDuplicate', keep: 0, locale: 'en' },
      noProgress,
    );
    expect(dismissed.status.summary.warnings).toBe(0);
    expect(await session.handlers.duplicates({}, noProgress)).toEqual([]);
    const undone = await session.handlers.undo({ locale: 'en' }, noProgress);
    expect(undone.status.summary.warnings).toBe(2);
  });

  it('replaces text in every column as one undoable change', async () => {
    const { session } = await openMessy();
    const plan = await session.handlers.planReplace(
      { query: { text: 'example.com', col: null, matchCase: false }, replacement: 'example.no' },
      noProgress,
    );
    expect(plan.count).toBe(4);
    await session.handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    expect((await allRows(session)).filter((r) => r.v.some((v) => v.endsWith('@example.no')))).toHaveLength(
      4,
    );
    await session.handlers.undo({ locale: 'en' }, noProgress);
    expect((await allRows(session)).filter((r) => r.v.some((v) => v.endsWith('@example.no')))).toHaveLength(
      0,
    );
  });

  it('fixes every cell of one kind across the list in one change', async () => {
    const { session, state } = await openMessy();
    const plan = await session.handlers.planFix(
      { scope: { kind: 'all', fix: 'region.code' }, settings: {} },
      noProgress,
    );
    expect(plan.examples.map((e) => [e.before, e.after])).toEqual([['California', 'CA']]);
    const change = await session.handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    expect(change.rows?.find((r) => r.key === 1)?.v[col(state, 'state')]).toBe('CA');
  });

  it('validates with the proposed mapping while reading and uses that work when the mapping is confirmed unchanged', async () => {
    const session = new ListSession(clientTether);
    await session.handlers.open({ bytes: messy, options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    const phases: string[] = [];
    await session.handlers.prepare({}, async (phase) => {
      phases.push(phase);
    });
    expect(phases).toEqual([]);
    let validatedAgain = false;
    const state = await session.handlers.applyMapping(
      { targets: proposals.map((p) => p.target) },
      async () => {
        validatedAgain = true;
      },
    );
    expect(validatedAgain).toBe(false);
    expect(state.status.summary).toEqual((await openMessy()).state.status.summary);
  });

  it('validates again when the confirmed mapping differs from the one validated ahead', async () => {
    const session = new ListSession(clientTether);
    await session.handlers.open({ bytes: messy, options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    await session.handlers.prepare({}, noProgress);
    const targets = proposals.map((p) => (p.header === 'E-post' ? { kind: 'skip' as const } : p.target));
    const state = await session.handlers.applyMapping({ targets }, noProgress);
    expect(state.columns.map((c) => c.header)).not.toContain('email');
    const fresh = new ListSession(clientTether);
    await fresh.handlers.open({ bytes: messy, options: {} }, noProgress);
    expect(state.status.summary).toEqual(
      (await fresh.handlers.applyMapping({ targets }, noProgress)).status.summary,
    );
  });

  it('validates ahead in the background when the proposal splits a full name (the table is filled first)', async () => {
    const session = new ListSession(clientTether);
    const bytes = new TextEncoder().encode('Navn,E-post\r\nAnn Lee,ann@example.com\r\n');
    await session.handlers.open({ bytes, options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    const phases: string[] = [];
    await session.handlers.prepare({}, async (phase) => {
      phases.push(phase);
    });
    expect(phases).toContain('validate');
    let validatedAgain = false;
    await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, async () => {
      validatedAgain = true;
    });
    expect(validatedAgain).toBe(false);
  });

  it('validates a file longer than the mapping sample while reading it, the same as validating afterwards', async () => {
    const lines = ['firstName,lastName,email,phone'];
    for (let i = 0; i < 2500; i++)
      lines.push(`Ann${i % 7},Lee,a${i % 2400}@example.com,${i % 3 ? '555-123-4567' : '5551234567'}`);
    const bytes = new TextEncoder().encode(lines.join('\r\n'));
    const streamed = new ListSession(clientTether);
    await streamed.handlers.open({ bytes, options: {} }, noProgress);
    const targets = (await streamed.handlers.proposeMapping({}, noProgress)).map((p) => p.target);
    const fromStream = await streamed.handlers.applyMapping({ targets }, noProgress);
    const other = targets.map((t, i) => (i === 3 ? { kind: 'skip' as const } : t));
    const afterwards = new ListSession(clientTether);
    await afterwards.handlers.open({ bytes, options: {} }, noProgress);
    await afterwards.handlers.applyMapping({ targets: other }, noProgress);
    const rebuilt = await afterwards.handlers.applyMapping({ targets }, noProgress);
    expect(fromStream.status.summary).toEqual(rebuilt.status.summary);
    expect(fromStream.status.rowCount).toBe(2500);
  });
});
