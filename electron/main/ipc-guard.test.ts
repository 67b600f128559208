import { describe, expect, it } from 'vitest';
import { channels } from '../common/ipc-contract';
import { guardAll, guardHandler, type InvokeEvent, type MainHandlers } from './ipc-guard';

const page = (url: string, parent: unknown = null, id = 4): InvokeEvent => ({
  sender: { id },
  senderFrame: { url, parent },
});
const appPage = page('app://listprep/index.html');

function recordingHandlers() {
  const calls: { channel: string; args: unknown[] }[] = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      async (...args: unknown[]) => {
        calls.push({ channel, args });
        return { ok: true, value: `${channel} done` };
      },
    ]),
  ) as unknown as MainHandlers;
  return { calls, handlers };
}

const quiet = () => {};

describe('IPC handlers', () => {
  it('exist, guarded, for every channel of the contract', async () => {
    const guarded = guardAll(recordingHandlers().handlers, quiet);
    expect(guarded.map(([channel]) => channel)).toEqual([...channels]);
    for (const [, listener] of guarded) {
      expect(await listener(page('https://evil.example/'))).toMatchObject({
        ok: false,
        error: { code: 'ipc.sender' },
      });
    }
  });

  it('pass a valid call from our own page through, with the sender id first', async () => {
    const { calls, handlers } = recordingHandlers();
    const save = guardHandler('file:save', handlers['file:save'], quiet);
    const request = { suggestedName: 'clean.csv', kind: 'csv', bytes: new Uint8Array([65]) };
    expect(await save(appPage, request)).toEqual({ ok: true, value: 'file:save done' });
    expect(calls).toEqual([{ channel: 'file:save', args: [{ id: 4 }, request] }]);
  });

  it('refuse callers that are not the top frame of an app:// page, before the handler runs', async () => {
    const { calls, handlers } = recordingHandlers();
    const list = guardHandler('journal:list', handlers['journal:list'], quiet);
    for (const event of [
      page('https://evil.example/'),
      page('file:///tmp/x.html'),
      page('app://other/index.html'),
      page('app://listprep/index.html', { url: 'app://listprep/index.html' }),
      { sender: { id: 4 }, senderFrame: null },
    ]) {
      expect(await list(event)).toMatchObject({ ok: false, error: { code: 'ipc.sender' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuse malformed payloads with the reason, before the handler runs', async () => {
    const { calls, handlers } = recordingHandlers();
    const cases: [keyof MainHandlers, unknown[]][] = [
      ['file:reopen', []],
      ['file:reopen', [42]],
      ['file:open', ['extra']],
      ['file:save', [{ suggestedName: 'x.csv', kind: 'exe', bytes: new Uint8Array() }]],
      ['file:save', [{ suggestedName: 'x.csv', kind: 'csv', bytes: 'not bytes' }]],
      ['file:save', [{ suggestedName: 'x.csv', kind: 'csv', bytes: new Uint8Array(), path: '/etc/x' }]],
      ['journal:append', ['../escape', 'n', []]],
      ['journal:append', ['ok-id', 'n', 'not an array']],
      ['journal:discard', ['a/b']],
      ['connection:request', [{ method: 'PATCH', path: '/x' }]],
      ['connection:request', [{ method: 'GET', path: '/x', idempotencyKey: 'a\nb' }]],
      ['connection:request', [{ method: 'GET', path: '/x', headers: { Authorization: 'x' } }]],
    ];
    for (const [channel, args] of cases) {
      const guarded = guardHandler(channel, handlers[channel] as never, quiet);
      expect(await guarded(appPage, ...args), `${channel} ${JSON.stringify(args)}`).toMatchObject({
        ok: false,
        error: { code: 'ipc.invalid' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('turn an exception inside a handler into an error value and log it', async () => {
    const logged: string[] = [];
    const broken = guardHandler(
      'file:recent',
      async () => {
        throw new Error('disk on fire');
      },
      (message) => logged.push(message),
    );
    expect(await broken(appPage)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(logged).toEqual(['file:recent failed']);
  });
});
