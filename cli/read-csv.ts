import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  CsvError,
  CsvParser,
  type CsvDelimiter,
  createDecoder,
  detectDelimiter,
  detectEncoding,
  type TextEncoding,
} from '../shared/codec';
import { InputError } from './errors';

export type CsvReadOptions = Readonly<{ encoding?: TextEncoding; delimiter?: string }>;
export type CsvFormat = Readonly<{ encoding: TextEncoding; delimiter: string }>;

/** Rows are handed over one at a time; the file is never held in memory whole. */
export type RowSink = (fields: string[], line: number) => void;

const sampleBytes = 64 * 1024;
const chunkBytes = 1024 * 1024;

class Utf8TurnedOutInvalid extends Error {}

async function readHead(path: string): Promise<Uint8Array> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EISDIR') throw new InputError(`${path}: is a folder, not a file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    throw new InputError(`${path}: cannot be opened (${code ?? 'unknown error'})`);
  }
  try {
    const buffer = new Uint8Array(sampleBytes);
    const { bytesRead } = await handle.read(buffer, 0, sampleBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Streams a CSV file into `sink`, detecting encoding and delimiter unless given. A file detected as UTF-8
 * that turns out not to be (an accented byte after the sample) is read again as Windows-1252; `onRestart`
 * tells the caller to forget the rows it had.
 */
export async function streamCsvFile(
  path: string,
  options: CsvReadOptions,
  sink: RowSink,
  onRestart: () => void = () => {},
  afterChunk: () => Promise<void> = async () => {},
): Promise<CsvFormat> {
  const head = await readHead(path);
  if (head.length === 0) throw new InputError(`${path}: the file is empty`);
  const guess = detectEncoding(head);
  const encoding = options.encoding ?? guess.encoding;
  try {
    return await streamWith(path, encoding, options.delimiter, sink, afterChunk);
  } catch (error) {
    if (!(error instanceof Utf8TurnedOutInvalid) || options.encoding) throw error;
    onRestart();
    return streamWith(path, 'windows-1252', options.delimiter, sink, afterChunk);
  }
}

async function streamWith(
  path: string,
  encoding: TextEncoding,
  delimiterOption: string | undefined,
  sink: RowSink,
  afterChunk: () => Promise<void>,
): Promise<CsvFormat> {
  const decoder = createDecoder(encoding);
  let parser: CsvParser | undefined;
  let delimiter = delimiterOption;
  let pending = '';
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      if (encoding === 'utf-8') throw new Utf8TurnedOutInvalid();
      throw new InputError(`${path}: the text is not valid ${encoding}`);
    }
  };
  const feed = (text: string, final: boolean) => {
    if (!parser) {
      pending += text;
      if (pending.length < sampleBytes && !final) return;
      delimiter ??= detectDelimiter(pending.slice(0, sampleBytes));
      parser = new CsvParser({ delimiter }, sink);
      text = pending;
      pending = '';
    }
    parser.push(text);
    if (final) parser.end();
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
      feed(decode(chunk as Buffer), false);
      await afterChunk();
    }
    feed(decode(), true);
  } catch (error) {
    if (error instanceof CsvError) throw new InputError(`${path}: ${error.message}`);
    throw error;
  }
  return { encoding, delimiter: delimiter ?? ',' };
}

export type { CsvDelimiter };
