import { ReadError } from './errors';

/** The text encodings ListPrep reads. Windows-1252 is what Excel on Windows writes for "CSV". */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export type EncodingGuess = Readonly<{ encoding: TextEncoding; bom: boolean }>;

/** Accepts the spellings people type (`UTF8`, `latin1`, `cp1252`, `utf-16`); undefined when unknown. */
export function parseEncodingName(name: string): TextEncoding | undefined {
  const key = name.trim().toLowerCase().replace(/[\s_]/g, '-');
  const aliases: Record<string, TextEncoding> = {
    'utf-8': 'utf-8',
    utf8: 'utf-8',
    'utf-16le': 'utf-16le',
    'utf-16': 'utf-16le',
    utf16le: 'utf-16le',
    'utf-16be': 'utf-16be',
    utf16be: 'utf-16be',
    'windows-1252': 'windows-1252',
    cp1252: 'windows-1252',
    'latin-1': 'windows-1252',
    latin1: 'windows-1252',
    'iso-8859-1': 'windows-1252',
    ansi: 'windows-1252',
  };
  return Object.hasOwn(aliases, key) ? aliases[key] : undefined;
}

/**
 * Decides the encoding from the first bytes of a file (the sample): a byte order mark wins; otherwise UTF-8
 * when the bytes are valid UTF-8, else Windows-1252 (every byte means something there, so nothing becomes
 * U+FFFD). Binary data fits none of them: it is refused rather than shown as garbage. `final` says the
 * sample is the whole file, so a multi-byte character cut at its end is an error, not a chunk boundary.
 */
export function detectEncoding(sample: Uint8Array, final = false): EncodingGuess {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (looksBinary(sample)) {
    throw new ReadError(
      'encoding.unknown',
      'the file is not text in UTF-8, UTF-16 or Windows-1252 (it looks like binary data); if it is text, choose its encoding',
    );
  }
  if (isValidUtf8(sample, final)) return { encoding: 'utf-8', bom: false };
  if (hasUtf8Sequence(sample)) {
    throw new ReadError(
      'encoding.mixed',
      'the file mixes UTF-8 with another encoding, so some characters would come out wrong; choose its encoding',
    );
  }
  return { encoding: 'windows-1252', bom: false };
}

/** True when the bytes are UTF-8; unless `final`, a multi-byte character cut off at the end is allowed. */
export function isValidUtf8(bytes: Uint8Array, final = false): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !final });
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the bytes hold at least one well-formed multi-byte UTF-8 character. Windows-1252 text almost
 * never does (`é` alone is 0xE9 followed by ASCII), so together with invalid UTF-8 it means mixed encodings.
 */
export function hasUtf8Sequence(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i];
    if (lead < 0xc2 || lead > 0xf4) continue;
    const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    if (i + length > bytes.length) return false;
    let ok = true;
    for (let k = 1; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) return true;
  }
  return false;
}

/**
 * Binary data (images, executables, random bytes, a NUL-padded or UTF-32 file) is full of control bytes that
 * no contact list has: NUL in one byte of a thousand, or other controls in one of a hundred, is far above any
 * real text file (a stray control character is not enough) and far below any binary one.
 */
export function looksBinary(sample: Uint8Array): boolean {
  let nul = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i];
    if (byte >= 32) continue;
    if (byte === 0) nul++;
    // Tab, LF, VT (Excel's line break inside a cell), FF, CR, SUB (the DOS end of file) and ESC are text.
    else if (byte < 9 || (byte > 13 && byte !== 26 && byte !== 27)) controls++;
  }
  return (
    (nul > 0 && nul * 1000 >= sample.length) ||
    (nul + controls >= 4 && (nul + controls) * 100 >= sample.length)
  );
}

/** How an encoding is named for people. */
export function describeEncoding(encoding: TextEncoding, bom = false): string {
  const names: Record<TextEncoding, string> = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 LE',
    'utf-16be': 'UTF-16 BE',
    'windows-1252': 'Windows-1252',
  };
  return bom ? `${names[encoding]} with BOM` : names[encoding];
}
