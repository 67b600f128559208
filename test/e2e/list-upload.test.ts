import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocState, ListSession, plainView, type UploadTaskState, type ViewRef } from '../../shared/list';
import { clientTether } from '../../shared/template';
import { defaultChoices, fetchTransport, serverAddressOf } from '../../shared/upload';
import { startTestServer, type TestServer } from './upload-server';

// The list engine's upload (shared/list/upload) as the app's worker runs it, in Node, over real HTTP to the
// import server on PGlite: the rows go from the engine to the server, the server's findings come back onto
// the list as problems, counted, kept by "only rows with problems", reached by the next-problem key, and gone
// when their row is edited.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer('Engine upload');
});
afterAll(async () => {
  await server?.close();
});

const noProgress = async () => {};
const view: ViewRef = { spec: plainView, revision: 0 };
const choices = { ...defaultChoices, complianceConfirmed: true };
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);

/** A list open in an engine that sends through a real transport, and the states it reports. */
async function openList(lines: string[], apiKey: string) {
  const states: UploadTaskState[] = [];
  const session = new ListSession(clientTether, { onUpload: (state) => states.push(state) });
  const address = serverAddressOf(server.url());
  if (!address.ok) throw new Error(address.error.message);
  session.sendThrough(fetchTransport({ address: address.value, apiKey, fetch }));
  await session.handlers.open({ bytes: csv(lines), options: {} }, noProgress);
  const proposals = await session.handlers.proposeMapping({}, noProgress);
  const state: DocState = await session.handlers.applyMapping(
    { targets: proposals.map((p) => p.target) },
    noProgress,
  );
  const col = (header: string) => state.columns.findIndex((c) => c.header === header);
  const settled = async (done: (s: UploadTaskState) => boolean) => {
    await expect.poll(() => states.some(done), { timeout: 20_000 }).toBe(true);
    return states.filter(done).at(-1) as UploadTaskState;
  };
  return { session, state, col, states, settled };
}

describe('the list engine sending its list', () => {
  it('imports the rows it holds, then puts the server’s rejection of the next list on its grid', async () => {
    const north = server.seed.subAccounts[0];
    const accountId = String(north.accountId);
    const first = await openList(
      ['First name,Last name,Email', 'Åse,Økland,ase@example.com', 'Bob,Smith,bob@example.com'],
      north.apiKey,
    );
    await first.session.handlers.uploadDryRun({ accountId, choices, name: 'first.csv' }, noProgress);
    const checked = await first.settled((s) => s.check.state === 'done');
    expect(checked.check.state === 'done' && checked.check.result.counts.created).toBe(2);
    const started = await first.session.handlers.uploadImport(
      { choices, idempotencyKey: 'engine-first', name: 'first.csv' },
      noProgress,
    );
    expect(started.started).toBe(true);
    const imported = await first.settled((s) => s.run.phase === 'done');
    expect(imported.run.phase === 'done' && imported.run.result.job.counts?.created).toBe(2);

    // A second list with Bob's address on a new contact, never matched: only the server can know.
    const second = await openList(
      ['First name,Last name,Email', 'Carla,Nguyen,carla@example.com', 'Robert,Smith,bob@example.com'],
      north.apiKey,
    );
    const email = second.col('email');
    const before = second.state.status.summary.errors;
    await second.session.handlers.uploadDryRun(
      { accountId, choices: { ...choices, primaryKey: 'none' }, name: 'second.csv' },
      noProgress,
    );
    const rejected = await second.settled((s) => s.check.state === 'done');
    if (rejected.check.state !== 'done') throw new Error('no dry run');
    expect(rejected.check.result.rejectedRows).toBe(1);
    expect(rejected.check.result.issues[0]).toMatchObject({ row: 2, code: 'contact.emailTaken' });
    expect(await second.session.handlers.uploadRowKey({ row: 2 }, noProgress)).toBe(1);

    const marked = await second.session.handlers.showServerProblems({ locale: 'en' }, noProgress);
    expect(marked.markedRows).toBe(1);
    expect(marked.status.summary.errors).toBe(before + 1);
    expect(marked.status.summary.byColumn).toContainEqual({
      col: email,
      code: 'server.rejected',
      severity: 'error',
      count: 1,
    });
    const problemsOnly: ViewRef = { spec: { ...plainView, problemsOnly: true }, revision: 1 };
    const shown = await second.session.handlers.rows(
      { start: 0, end: 10, view: problemsOnly, locale: 'en' },
      noProgress,
    );
    expect(shown.rows.map((r) => r.key)).toEqual([1]);
    expect(shown.rows[0].p?.[email]?.message).toContain('bob@example.com');
    const only = { col: email, code: 'server.rejected' as const };
    expect(
      await second.session.handlers.nextProblem({ view, from: null, direction: 1, only }, noProgress),
    ).toEqual({ index: 1, col: email });

    // The list changed since the dry run: its import is refused, and the edited row's mark is gone.
    const edited = await second.session.handlers.edit(
      { key: 1, col: email, value: 'robert.smith@example.com', locale: 'en' },
      noProgress,
    );
    expect(edited.status.summary.errors).toBe(before);
    expect(edited.status.summary.byColumn.some((c) => c.code === 'server.rejected')).toBe(false);
    const stale = await second.session.handlers.uploadImport(
      { choices, idempotencyKey: 'engine-stale', name: 'second.csv' },
      noProgress,
    );
    expect(stale.started).toBe(false);
  });

  it('says it cannot send without a connection, and keeps the list as it was', async () => {
    const session = new ListSession(clientTether, {});
    await session.handlers.open({ bytes: csv(['First name,Last name', 'Ann,Lee']), options: {} }, noProgress);
    const proposals = await session.handlers.proposeMapping({}, noProgress);
    await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, noProgress);
    await session.handlers.uploadDryRun({ accountId: '1', choices, name: 'x.csv' }, noProgress);
    await expect
      .poll(async () => (await session.handlers.uploadState({}, noProgress)).check)
      .toMatchObject({ state: 'failed', failure: { code: 'connection.none' } });
    expect((await session.handlers.status({}, noProgress)).rowCount).toBe(1);
  });
});
