import { describe, expect, it } from 'vitest';
import { clientTether } from '../../template';
import type { DocState, RowData, ViewRef } from '../protocol';
import { ListSession } from '../session';
import { plainView } from '../view/row-view';

// Merging two rows of the same contact, previewed field by field, with the person's choice per field and
// nothing lost: what does not win goes to the notes.

const none = async () => {};
const view: ViewRef = { spec: plainView, revision: 0 };

async function open(text: string) {
  const session = new ListSession(clientTether);
  await session.handlers.open({ bytes: new TextEncoder().encode(text), options: {} }, none);
  const proposals = await session.handlers.proposeMapping({}, none);
  const state: DocState = await session.handlers.applyMapping(
    { targets: proposals.map((p) => p.target) },
    none,
  );
  const col = (header: string) => {
    const found = state.columns.find((c) => c.header === header);
    if (!found) throw new Error(`no column ${header}`);
    return found.index;
  };
  const rows = async (): Promise<RowData[]> =>
    (await session.handlers.rows({ start: 0, end: 100, view, locale: 'en' }, none)).rows;
  return { session, col, rows };
}

const withNotes = [
  'firstName,lastName,email,phone,lead source,notes',
  'Ann,Berg,ann@example.com,,12,met at the fair',
  'Anne,Berg,ann@example.com,5551110002,14,',
  'Bo,Lund,bo@example.com,5551110003,12,',
].join('\r\n');

describe('merging duplicates', () => {
  it('previews the merged record: the kept row wins, its empty fields are filled, other values go to the notes', async () => {
    const { session, col } = await open(withNotes);
    const preview = await session.handlers.previewMerge({ keys: [0, 1], keep: 0, locale: 'en' }, none);
    const field = (header: string) => preview.fields.find((f) => f.col === col(header));
    expect(preview.notesCol).toBe(col('whiteboard'));
    expect(field('firstName')).toMatchObject({ winner: 0, value: 'Ann', toNotes: ['Anne'], choice: true });
    expect(field('phone')).toMatchObject({ winner: 1, value: '5551110002', toNotes: [], choice: false });
    expect(field('lead_source_id')).toMatchObject({ value: '12', toNotes: ['14'], choice: true });
    expect(field('email')).toMatchObject({ value: 'ann@example.com', choice: false });
    expect(preview.notes).toBe('met at the fair\n[merge] First name: Anne\n[merge] Lead source ID: 14');
    expect(preview.dropped).toBe(0);
  });

  it('merges with the values the person picked per field, keeps every other value in the notes, and undoes in one step', async () => {
    const { session, col, rows } = await open(withNotes);
    const winners = { [col('lead_source_id')]: 1, [col('firstName')]: 1 };
    const preview = await session.handlers.previewMerge(
      { keys: [0, 1], keep: 0, winners, locale: 'en' },
      none,
    );
    expect(preview.notes).toBe('met at the fair\n[merge] First name: Ann\n[merge] Lead source ID: 12');
    const change = await session.handlers.resolveDuplicate(
      { keys: [0, 1], action: 'merge', keep: 0, winners, locale: 'en' },
      none,
    );
    expect(change.status.rowCount).toBe(2);
    expect(change.status.undoLabel).toBe('merge');
    const merged = (await rows())[0];
    expect(merged.n).toBe(1);
    expect(merged.v[col('firstName')]).toBe('Anne');
    expect(merged.v[col('lead_source_id')]).toBe('14');
    expect(merged.v[col('phone')]).toBe('5551110002');
    expect(merged.v[col('whiteboard')]).toBe(preview.notes);
    await session.handlers.undo({ locale: 'en' }, none);
    const back = await rows();
    expect(back.map((r) => r.v[col('lead_source_id')])).toEqual(['12', '14', '12']);
    expect(back[0].v[col('whiteboard')]).toBe('met at the fair');
  });

  it('keeps what does not win in the notes column the list has even when the file had none: nothing dropped', async () => {
    const text = [
      'firstName,lastName,email,lead source',
      'Ann,Berg,ann@example.com,12',
      'Ann,Berg,ann@example.com,14',
    ].join('\r\n');
    const { session, col } = await open(text);
    const preview = await session.handlers.previewMerge({ keys: [0, 1], keep: 1, locale: 'nb' }, none);
    expect(preview.notesCol).toBe(col('whiteboard'));
    expect(preview.dropped).toBe(0);
    expect(preview.fields.find((f) => f.col === col('lead_source_id'))).toMatchObject({
      label: 'Leadkilde-ID',
      value: '14',
      toNotes: ['12'],
    });
    expect(preview.notes).toBe('[merge] Leadkilde-ID: 12');
  });
});
