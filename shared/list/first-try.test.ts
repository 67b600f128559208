import { describe, expect, it } from 'vitest';
import { confirmed, type ColumnTarget } from '../mapping';
import { clientTether } from '../template';
import type { DocState, RowData } from './protocol';
import { ListSession } from './session';
import { plainView } from './view/row-view';

// The list engine on first-try files: a guessed column, "Fix everything safe" as one step, the value-mapping
// step's distinct values, and a Norwegian list's dead ends with their choices.

const view = { spec: plainView, revision: 0 };
const noProgress = async () => {};
const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n'));

async function open(lines: string[], edit: (targets: ColumnTarget[]) => ColumnTarget[] = (t) => t) {
  const session = new ListSession(clientTether);
  const { handlers } = session;
  await handlers.open({ bytes: encode(lines), options: {} }, noProgress);
  const proposals = await handlers.proposeMapping({}, noProgress);
  const state = await handlers.applyMapping({ targets: edit(proposals.map((p) => p.target)) }, noProgress);
  return { session, handlers, proposals, state };
}

async function rows(session: ListSession): Promise<RowData[]> {
  return (await session.handlers.rows({ start: 0, end: 1000, view, locale: 'en' }, noProgress)).rows;
}

function col(state: DocState, header: string): number {
  const at = state.columns.findIndex((c) => c.header === header);
  if (at < 0) throw new Error(`no column ${header}`);
  return at;
}

const messy = [
  'First,Last,Cell,Alt,Email,Gender,Anniversary',
  'Ann,Lee,(415) 555-0132,(415) 555-0199,ann@example.com,female,0/0/00',
  'Bob,Ray,415.555.0145 ::: 415-555-0177,415.555.0198, bob@example.com ,Unspecified,6/14/2010',
  'Cy,Uhl,+1 415 555 0156,415 555 0197,cy@example.com,Mann,0/0/00',
];

describe('fix everything safe', () => {
  it('previews the counts per kind and column, applies them as one undo step, and undo restores the file', async () => {
    const { session, handlers, state } = await open(messy);
    const before = (await rows(session)).map((r) => r.v);
    const plan = await handlers.planFix({ scope: { kind: 'safe' }, settings: {} }, noProgress);
    const kinds = plan.kinds.map((k) => `${state.columns[k.col].header}:${k.fix}:${k.count}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'phone:phone.digits:2',
        'phone:multi.first:1',
        'email:text.trim:1',
        'gender:choice.word:2',
        'gender:placeholder.clear:1',
        'anniversary_1:placeholder.clear:2',
        'anniversary_1:date.iso:1',
      ]),
    );
    const change = await handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    expect(change.status.undoLabel).toBe('fixAll');
    const after = (await rows(session)).map((r) => r.v);
    expect(after[1][col(state, 'phone')]).toBe('4155550145');
    expect(after[1][col(state, 'whiteboard')]).toBe('[import] Cell: 415-555-0177');
    expect(after[2][col(state, 'gender')]).toBe('M');
    const undone = await handlers.undo({ locale: 'en' }, noProgress);
    expect(undone.status.undoLabel).toBeNull();
    expect((await rows(session)).map((r) => r.v)).toEqual(before);
  });

  it('shows a column guessed from its values as a guess and fixes it only once a person confirms it', async () => {
    const { session, handlers, proposals, state } = await open(messy);
    const alt = proposals.find((p) => p.header === 'Alt')!;
    expect(alt.target).toEqual({ kind: 'field', header: 'second_Phone', guess: true });
    expect(state.columns[col(state, 'second_Phone')].guess).toBe(true);
    const plan = await handlers.planFix({ scope: { kind: 'safe' }, settings: {} }, noProgress);
    expect(plan.kinds.some((k) => state.columns[k.col].header === 'second_Phone')).toBe(false);
    const cell = await handlers.describeCell(
      { key: 0, col: col(state, 'second_Phone'), locale: 'en', settings: {} },
      noProgress,
    );
    expect(cell[0].fix).toBeNull();

    const sure = await handlers.applyMapping(
      { targets: proposals.map((p) => (p.header === 'Alt' ? confirmed(p.target) : p.target)) },
      noProgress,
    );
    expect(sure.columns[col(sure, 'second_Phone')].guess).toBe(false);
    const confirmedPlan = await handlers.planFix({ scope: { kind: 'safe' }, settings: {} }, noProgress);
    await handlers.runPlan({ token: confirmedPlan.token, locale: 'en' }, noProgress);
    expect((await rows(session))[0].v[col(sure, 'second_Phone')]).toBe('4155550199');
  });
});

describe('the value-mapping step', () => {
  const sources = [
    'First,Last,Lead Source',
    'Ann,Lee,Website',
    'Bob,Ray,website ',
    'Cy,Uhl,Trade show',
    'Di,Orr,Referral',
  ];
  const lookups = {
    leadSources: [
      { id: '12', name: 'Website' },
      { id: '14', name: 'Trade Show 2024' },
      { id: '15', name: 'Referral from a client' },
    ],
  };

  it('lists a column’s distinct values with counts and matches the names that are certain', async () => {
    const { handlers } = await open(sources);
    await handlers.setLookups({ lookups }, noProgress);
    const values = await handlers.columnValues({ column: 2, field: 'lead_source_id' }, noProgress);
    expect(values.distinct.map((d) => [d.value, d.count, d.match])).toEqual([
      ['Website', 2, '12'],
      ['Referral', 1, null],
      ['Trade show', 1, null],
    ]);
  });

  it('applies a person’s value map to every row, so the IDs are there when the grid opens', async () => {
    const { session, state } = await open(sources, (targets) =>
      targets.map((t, i) =>
        i === 2
          ? {
              kind: 'field',
              header: 'lead_source_id',
              values: { website: '12', 'trade show': '14', referral: '15' },
            }
          : t,
      ),
    );
    await session.handlers.setLookups({ lookups }, noProgress);
    const all = await rows(session);
    expect(all.map((r) => r.v[col(state, 'lead_source_id')])).toEqual(['12', '12', '14', '15']);
    expect(all.every((r) => r.p === null)).toBe(true);
  });
});

describe('a Norwegian list’s dead ends', () => {
  const norwegian = [
    'Fornavn;Etternavn;Mobil;Postnr;Poststed',
    'Kari;Nordmann;+47 912 34 567;0155;Oslo',
    'Ola;Hansen;+47 934 56 789;5003;Bergen',
    'Per;Lie;(415) 555-0132;94107;San Francisco',
  ];

  it('names each column the template cannot hold once, with what cannot go in', async () => {
    const { handlers, state } = await open(norwegian);
    const ends = await handlers.deadEnds({ settings: {} }, noProgress);
    expect(ends.map((e) => [state.columns[e.col].header, e.kind, e.count, e.filled])).toEqual([
      ['phone', 'phone', 2, 3],
      ['zip', 'postal', 2, 3],
    ]);
  });

  it('moves those values to the notes as one undoable step and leaves the US number to its fix', async () => {
    const { session, handlers, state } = await open(norwegian);
    const plan = await handlers.planDeadEnd(
      { col: col(state, 'phone'), action: 'notes', settings: {} },
      noProgress,
    );
    expect(plan.count).toBe(2);
    await handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    const after = await rows(session);
    expect(after.map((r) => r.v[col(state, 'phone')])).toEqual(['', '', '(415) 555-0132']);
    expect(after[0].v[col(state, 'whiteboard')]).toBe('[import] Mobil: +47 912 34 567');
    expect((await handlers.deadEnds({ settings: {} }, noProgress)).map((e) => e.kind)).toEqual(['postal']);
    const cleared = await handlers.planDeadEnd(
      { col: col(state, 'zip'), action: 'clear', settings: {} },
      noProgress,
    );
    const change = await handlers.runPlan({ token: cleared.token, locale: 'en' }, noProgress);
    expect(change.status.undoLabel).toBe('clearValues');
    expect((await rows(session)).map((r) => r.v[col(state, 'zip')])).toEqual(['', '', '94107']);
  });
});
