import { describe, expect, it } from 'vitest';
import { clientTether } from '../../template';
import type { DocState, RowData, ViewRef } from '../protocol';
import { ListSession } from '../session';
import { plainView } from '../view/row-view';
import type { CellBlock } from './cell-blocks';

// The grid's spreadsheet commands through the engine's API, as the app's worker serves them: copy, paste,
// clear, cut and fill on blocks of cells, each one undo step, validated as it lands.

const none = async () => {};
const view: ViewRef = { spec: plainView, revision: 0 };
const sortedByFirstName: ViewRef = {
  spec: { sort: [{ col: 0, dir: 'asc' }], filters: [], problemsOnly: false },
  revision: 1,
};

const csv = [
  'firstName,lastName,email,phone,tag',
  'Cora,Young,cora@example.com,5551110001,vip',
  'Anna,Berg,anna@example.com,5551110002,',
  'Bo,Lund,bo@example.com,5551110003,',
  'Dina,Aas,dina@example.com,5551110004,',
].join('\r\n');

async function open(): Promise<{ session: ListSession; state: DocState; col: (h: string) => number }> {
  const session = new ListSession(clientTether);
  await session.handlers.open({ bytes: new TextEncoder().encode(csv), options: {} }, none);
  const proposals = await session.handlers.proposeMapping({}, none);
  const state = await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none);
  const col = (header: string) => {
    const found = state.columns.find((c) => c.header === header || c.sourceHeader === header);
    if (!found) throw new Error(`no column ${header}`);
    return found.index;
  };
  return { session, state, col };
}

async function rows(session: ListSession, at: ViewRef = view): Promise<RowData[]> {
  return (await session.handlers.rows({ start: 0, end: 100, view: at, locale: 'en' }, none)).rows;
}

describe('blocks of cells in the engine', () => {
  it('copies a block as the tab-separated text Excel and Sheets paste, in view order', async () => {
    const { session, col } = await open();
    const block: CellBlock = { top: 0, bottom: 1, cols: [col('firstName'), col('email')] };
    const copied = await session.handlers.copyCells({ view: sortedByFirstName, block }, none);
    expect(copied).toEqual({ text: 'Anna\tanna@example.com\r\nBo\tbo@example.com', cells: 4 });
  });

  it('pastes a block from Excel at the cursor, validated at once, and undoes it in one step', async () => {
    const { session, col } = await open();
    const columns = [col('firstName'), col('lastName'), col('email'), col('phone'), col('tag')];
    const text = 'bad-email\t555\r\nok@example.com\t5552220000\r\n';
    const change = await session.handlers.pasteCells(
      {
        view,
        text,
        target: { block: { top: 1, bottom: 1, cols: [col('email')] }, columns },
        confirmed: false,
        locale: 'en',
      },
      none,
    );
    expect(change.paste).toMatchObject({ cells: 4, addedRows: 0, needsRows: 0, clippedCols: 0 });
    expect(change.paste.landed).toEqual({ top: 1, bottom: 2, cols: [col('email'), col('phone')] });
    expect(change.status.undoLabel).toBe('paste');
    expect(change.status.summary.errors).toBe(2);
    const after = await rows(session);
    expect(after[1].v[col('email')]).toBe('bad-email');
    expect(after[1].p?.[col('email')]?.code).toBe('email.format');
    expect(after[2].v[col('phone')]).toBe('5552220000');
    const undone = await session.handlers.undo({ locale: 'en' }, none);
    expect(undone.status.summary.errors).toBe(0);
    expect((await rows(session))[1].v[col('email')]).toBe('anna@example.com');
  });

  it('fills a selected range with one pasted cell, and tiles a block that divides the selection', async () => {
    const { session, col } = await open();
    const columns = [col('firstName'), col('lastName'), col('email'), col('phone'), col('tag')];
    await session.handlers.pasteCells(
      {
        view,
        text: 'lead\r\n',
        target: { block: { top: 0, bottom: 3, cols: [col('tag')] }, columns },
        confirmed: false,
        locale: 'en',
      },
      none,
    );
    expect((await rows(session)).map((r) => r.v[col('tag')])).toEqual(['lead', 'lead', 'lead', 'lead']);
    await session.handlers.pasteCells(
      {
        view,
        text: 'x\ny',
        target: { block: { top: 0, bottom: 3, cols: [col('tag')] }, columns },
        confirmed: false,
        locale: 'en',
      },
      none,
    );
    expect((await rows(session)).map((r) => r.v[col('tag')])).toEqual(['x', 'y', 'x', 'y']);
  });

  it('asks before a paste longer than the list: nothing changes until rows may be added, then they are', async () => {
    const { session, col } = await open();
    const columns = [col('firstName'), col('lastName'), col('email'), col('phone'), col('tag')];
    const target = { block: { top: 3, bottom: 3, cols: [col('firstName')] }, columns };
    const text = 'Eli\tMoe\teli@example.com\r\nFia\tNes\tfia@example\r\nGro\tOdd\tgro@example.com\r\n';
    const asked = await session.handlers.pasteCells(
      { view, text, target, confirmed: false, locale: 'en' },
      none,
    );
    expect(asked.paste).toMatchObject({ needsRows: 2, addedRows: 0, unconfirmed: true });
    expect(asked.entry).toBeNull();
    expect(asked.status.rowCount).toBe(4);
    const pasted = await session.handlers.pasteCells(
      { view, text, target, confirmed: true, locale: 'en' },
      none,
    );
    expect(pasted.paste).toMatchObject({ needsRows: 2, addedRows: 2, cells: 9 });
    expect(pasted.status.rowCount).toBe(6);
    const after = await rows(session);
    expect(after.slice(3).map((r) => [r.n, r.v[col('firstName')], r.v[col('lastName')]])).toEqual([
      [4, 'Eli', 'Moe'],
      [5, 'Fia', 'Nes'],
      [6, 'Gro', 'Odd'],
    ]);
    // The new rows are checked like any row.
    expect(after[4].p?.[col('email')]?.code).toBe('email.format');
    expect(pasted.status.summary.errors).toBe(1);
    const undone = await session.handlers.undo({ locale: 'en' }, none);
    expect(undone.status.rowCount).toBe(4);
    expect((await rows(session))[3].v[col('firstName')]).toBe('Dina');
  });

  it('asks before leaving out the columns of a block that run past the last column, then pastes the rest', async () => {
    const { session, col } = await open();
    const columns = [col('firstName'), col('lastName'), col('email'), col('phone'), col('tag')];
    const paste = (confirmed: boolean) =>
      session.handlers.pasteCells(
        {
          view,
          text: 'a\tb\tc',
          target: { block: { top: 0, bottom: 0, cols: [col('tag')] }, columns },
          confirmed,
          locale: 'en',
        },
        none,
      );
    expect((await paste(false)).paste).toMatchObject({ clippedCols: 2, unconfirmed: true });
    expect((await rows(session))[0].v[col('tag')]).toBe('vip');
    const change = await paste(true);
    expect(change.paste).toMatchObject({ cells: 1, clippedCols: 2, unconfirmed: false });
    expect((await rows(session))[0].v[col('tag')]).toBe('a');
  });

  it('clears a block with Delete and cuts it, each one undo step with its own label', async () => {
    const { session, col } = await open();
    const block: CellBlock = { top: 0, bottom: 2, cols: [col('firstName'), col('lastName')] };
    const cleared = await session.handlers.clearCells({ view, block, cut: false, locale: 'en' }, none);
    expect(cleared.status.undoLabel).toBe('clear');
    expect(cleared.status.summary.errors).toBe(6);
    expect((await rows(session)).slice(0, 3).map((r) => r.v[col('firstName')])).toEqual(['', '', '']);
    await session.handlers.undo({ locale: 'en' }, none);
    const cut = await session.handlers.clearCells({ view, block, cut: true, locale: 'en' }, none);
    expect(cut.status.undoLabel).toBe('cut');
    await session.handlers.undo({ locale: 'en' }, none);
    expect((await rows(session))[0].v[col('firstName')]).toBe('Cora');
  });

  it('fills down as Excel: the top row into the rows below, one row from the row above, the top row alone not at all', async () => {
    const { session, col } = await open();
    const tag = col('tag');
    const down = await session.handlers.fillDown(
      { view, block: { top: 0, bottom: 2, cols: [tag] }, locale: 'en' },
      none,
    );
    expect(down.status.undoLabel).toBe('fillDown');
    expect((await rows(session)).map((r) => r.v[tag])).toEqual(['vip', 'vip', 'vip', '']);
    await session.handlers.fillDown({ view, block: { top: 3, bottom: 3, cols: [tag] }, locale: 'en' }, none);
    expect((await rows(session)).map((r) => r.v[tag])).toEqual(['vip', 'vip', 'vip', 'vip']);
    const top = await session.handlers.fillDown(
      { view, block: { top: 0, bottom: 0, cols: [tag] }, locale: 'en' },
      none,
    );
    expect(top.entry).toBeNull();
  });

  it('does not erase the next row when Ctrl+D is pressed on one empty cell', async () => {
    const { session, col } = await open();
    const tag = col('tag');
    await session.handlers.edit({ key: 2, col: tag, value: 'keep me', locale: 'en' }, none);
    await session.handlers.fillDown({ view, block: { top: 1, bottom: 1, cols: [tag] }, locale: 'en' }, none);
    expect((await rows(session)).map((r) => r.v[tag])).toEqual(['vip', 'vip', 'keep me', '']);
  });

  it('fills with the fill handle by repeating the source block downwards, upwards and sideways', async () => {
    const { session, col } = await open();
    const [first, last] = [col('firstName'), col('lastName')];
    await session.handlers.fillCells(
      {
        view,
        from: { top: 0, bottom: 1, cols: [first] },
        to: { top: 0, bottom: 3, cols: [first] },
        locale: 'en',
      },
      none,
    );
    expect((await rows(session)).map((r) => r.v[first])).toEqual(['Cora', 'Anna', 'Cora', 'Anna']);
    await session.handlers.fillCells(
      {
        view,
        from: { top: 3, bottom: 3, cols: [last] },
        to: { top: 1, bottom: 3, cols: [last] },
        locale: 'en',
      },
      none,
    );
    expect((await rows(session)).map((r) => r.v[last])).toEqual(['Young', 'Aas', 'Aas', 'Aas']);
    await session.handlers.fillCells(
      {
        view,
        from: { top: 0, bottom: 0, cols: [first] },
        to: { top: 0, bottom: 0, cols: [first, last] },
        locale: 'en',
      },
      none,
    );
    expect((await rows(session))[0].v.slice(0, 2)).toEqual(['Cora', 'Cora']);
  });
});
