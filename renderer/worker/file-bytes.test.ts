import { describe, expect, it } from 'vitest';
import { clientTether } from '../../shared/template';
import { ListBytes, ListSession } from '../../shared/list';
import { concatChunks, templateWorkbookChunks } from '../../shared/export';
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

  it('reads any range of a Blob before and after it has arrived, and opens a workbook exactly as its bytes', async () => {
    const bytes = csv(40_000);
    const streamed = streamFile(new Blob([bytes]));
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    // Asked at once, before the end has (likely) arrived: then it is read from the Blob itself.
    expect(text(await streamed.read(bytes.length - 100, 100))).toBe(text(bytes.subarray(bytes.length - 100)));
    await streamed.all();
    expect(text(await streamed.read(1000, 5000))).toBe(text(bytes.subarray(1000, 6000)));
    expect((await streamed.read(bytes.length - 10, 100)).length).toBe(10);

    const headers = clientTether.fields.map((f) => f.header);
    const row = (first: string, last: string, email: string) =>
      headers.map((h) => (h === 'firstName' ? first : h === 'lastName' ? last : h === 'email' ? email : ''));
    const book = concatChunks(
      templateWorkbookChunks({ template: clientTether }, [
        row('Ann', 'Lee', 'ann@example.com'),
        row('Bob', 'Ray', '#N/A'),
      ]),
    ).slice();
    const open = async (params: { bytes: Uint8Array } | { source: ListBytes }) => {
      const session = new ListSession(clientTether);
      const none = async () => {};
      const opened = await session.handlers.open({ ...params, options: {} }, none);
      const proposals = await session.handlers.proposeMapping({}, none);
      return {
        opened,
        state: await session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, none),
      };
    };
    const whole = await open({ bytes: book.slice() });
    expect(whole.opened.dataRows).toBe(2);
    expect(await open({ source: streamFile(new Blob([book])) })).toEqual(whole);
  });
});
