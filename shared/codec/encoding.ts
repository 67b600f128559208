/** The text encodings ListPrep reads. Windows-1252 is what Excel on Windows writes for "CSV". */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof textEncodings)[number];

export type EncodingGuess = Readonly<{ encoding: TextEncoding; bomLength: number }>;

/**
 * Decides the encoding from the first bytes of a file: a byte order mark wins; otherwise UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252 (every byte means something there, so nothing is lost as U+FFFD).
 */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8Prefix(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** True when the bytes are UTF-8, allowing a multi-byte character cut off at the end of the sample. */
export function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** A streaming decoder; `fatal` makes invalid UTF-8 throw instead of becoming U+FFFD. */
export function createDecoder(encoding: TextEncoding): TextDecoder {
  return new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
}
