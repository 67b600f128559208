import { concatBytes } from './bytes';
import { describeEncoding, hasUtf8Sequence, type TextEncoding } from './encoding';
import { ReadError } from './errors';

export type ByteDecoderOptions = Readonly<{
  /**
   * The encoding was detected, not chosen: when bytes after the sample turn out not to be UTF-8 and all text
   * so far was ASCII (identical in both), decoding carries on as Windows-1252 instead of starting over.
   */
  mayFallBack: boolean;
  /** The line the bytes decoded so far end on, for error messages. */
  line: () => number;
}>;

const nonAscii = /[\u0080-\uffff]/;
const noBytes = new Uint8Array(0);

/**
 * Bytes to text, chunk by chunk, never producing U+FFFD: invalid input either switches a detected UTF-8 file
 * to Windows-1252 (when nothing decoded so far could differ) or fails with a code the user can act on.
 */
export class ByteDecoder {
  private decoder: TextDecoder;
  private current: TextEncoding;
  private allAscii: boolean;
  /** The last bytes of the previous chunk, while a fallback is still possible: a character may straddle. */
  private tail: Uint8Array = noBytes;

  constructor(
    encoding: TextEncoding,
    private readonly options: ByteDecoderOptions,
  ) {
    this.current = encoding;
    this.decoder = newDecoder(encoding);
    this.allAscii = options.mayFallBack && encoding === 'utf-8';
  }

  /** The encoding in use now; it changes once if a detected UTF-8 file turns out to be Windows-1252. */
  get encoding(): TextEncoding {
    return this.current;
  }

  decode(bytes: Uint8Array, final = false): string {
    let text: string;
    try {
      text = this.decoder.decode(bytes, { stream: streams(this.current, final) });
    } catch {
      return this.recover(bytes);
    }
    if (this.allAscii) {
      if (nonAscii.test(text)) {
        this.allAscii = false;
        this.tail = noBytes;
      } else {
        this.tail = keepLast(this.tail, bytes, 3);
      }
    }
    return text;
  }

  private recover(bytes: Uint8Array): string {
    const rest = this.allAscii ? concatBytes([incompleteUtf8Tail(this.tail), bytes]) : bytes;
    const offsetLines = this.current === 'utf-8' ? lineBreaksBefore(rest, firstInvalidUtf8(rest)) : 0;
    const line = this.options.line() + offsetLines;
    if (this.allAscii) {
      if (!hasUtf8Sequence(rest)) {
        this.current = 'windows-1252';
        this.decoder = newDecoder('windows-1252');
        this.allAscii = false;
        this.tail = noBytes;
        return this.decoder.decode(rest, { stream: true });
      }
    }
    if (this.options.mayFallBack) {
      throw new ReadError(
        'encoding.mixed',
        `the file mixes UTF-8 with another encoding (first on line ${line}), so some characters would come out wrong; choose its encoding`,
        line,
      );
    }
    throw new ReadError(
      'encoding.invalid',
      `the text is not valid ${describeEncoding(this.current)} (line ${line}); choose another encoding`,
      line,
    );
  }
}

/**
 * Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x93 becomes U+0093, not a curly quote; 0x80 not
 * the euro) unless it streams; Windows-1252 keeps no state between chunks, so streaming always is safe.
 */
function streams(encoding: TextEncoding, final: boolean): boolean {
  return encoding === 'windows-1252' || !final;
}

function newDecoder(encoding: TextEncoding): TextDecoder {
  // `fatal` turns what would be a silent U+FFFD into an error; Windows-1252 maps every byte, so never fails.
  return new TextDecoder(encoding, { fatal: encoding !== 'windows-1252', ignoreBOM: false });
}

function keepLast(previous: Uint8Array, bytes: Uint8Array, count: number): Uint8Array {
  if (bytes.length >= count) return bytes.slice(bytes.length - count);
  const joined = concatBytes([previous, bytes]);
  return joined.slice(Math.max(0, joined.length - count));
}

/** The start of a multi-byte character cut off at the end of `bytes` (what a streaming decoder holds back). */
function incompleteUtf8Tail(bytes: Uint8Array): Uint8Array {
  for (let i = bytes.length - 1; i >= 0 && i >= bytes.length - 3; i--) {
    const byte = bytes[i];
    if (byte < 0x80) return noBytes;
    if (byte >= 0xc0) {
      const length = byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4;
      return bytes.length - i < length ? bytes.subarray(i) : noBytes;
    }
  }
  return noBytes;
}

/** Where UTF-8 first goes wrong in bytes that start on a character boundary (the length when it does not). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead < 0xe0 ? 2 : lead >= 0xe0 && lead < 0xf0 ? 3 : lead >= 0xf0 && lead < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k < bytes.length && (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

/** Line breaks (LF, or CR not before LF) in the first `end` bytes; ASCII line breaks are the same in UTF-8. */
function lineBreaksBefore(bytes: Uint8Array, end: number): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) count++;
  }
  return count;
}
