import { describe, expect, it } from 'vitest';
import { clientTether } from '../../shared/template';
import { ListBytes, ListSession } from '../../shared/list';
import { streamFile } from './file-bytes';

// A browser File reaches the worker unread: it must read exactly like the same bytes handed over whole.

function csv(rows: number): Uint8Array<ArrayBuffer> {
  const lines = ['First name,Last name,Email,Mobile'];
  for (let i = 0; i < rows; i++)
    lines.push(`Ann ${i},Lee,ann${i}@example.com,555${String(i).padStart(7, '0')}`);
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

async function collect(pieces: AsyncIterable<Uint8Array>): Promise<number[]> {
  const lengths: number[] = [];
  for await (const piece of pieces) lengths.push(piece.length);
  return lengths;
}

describe('streamFile', () => {
  it('hands out a streamed Blob in the same pieces as whole bytes, to two readers at once', async () => {
    const bytes = csv(40_000);
    const streamed = streamFile(new Blob([bytes]));
    const [a, b] = await Promise.all([collect(streamed.pieces()), collect(streamed.pieces())]);
    const whole = await collect(ListBytes.of(bytes).pieces());
    expect(a).toEqual(whole);
    expect(b).toEqual(whole);
    expect(whole.length).toBeGreaterThan(1);
    // (Compared as text: toEqual on two megabytes of Uint8Array takes seconds.)
    expect(new TextDecoder().decode(await streamed.all())).toBe(new TextDecoder().decode(bytes));
  });

  it('opens a Blob in a ListSession exactly as its bytes', async () => {
    const bytes = csv(3_000);
    const open = async (params: { bytes: Uint8Array } | { source: ListBytes }) => {
      const session = new ListSession(clientTether);
      const none = async () => {};
      const opened = await session.handlers.open({ ...params, options: {} }, none);
      const proposals = await session.handlers.proposeMapping({}, none);
      const state = await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none);
      return { opened, state, base64: await session.handlers.sourceBase64({}, none) };
    };
    expect(await open({ source: streamFile(new Blob([bytes])) })).toEqual(
      await open({ bytes: bytes.slice() }),
    );
  });
});
