import { describe, expect, it } from 'vitest';
import { randomBytes, utf8, utf16, windows1252 } from '../../test/fixtures/files/text-bytes';
import { detectEncoding, looksBinary, parseEncodingName, ReadError } from './index';

describe('detectEncoding', () => {
  it('trusts a byte order mark', () => {
    expect(detectEncoding(utf8('a', { bom: true }))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(utf16('a', 'le'))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(utf16('a', 'be'))).toEqual({ encoding: 'utf-16be', bom: true });
  });

  it('takes valid UTF-8 as UTF-8, even when the sample ends inside a character', () => {
    const bytes = utf8('Tromsø');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1))).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('takes a cut-off character at the very end of a whole file as not UTF-8', () => {
    const bytes = utf8('Tromsø');
    expect(detectEncoding(bytes.subarray(0, bytes.length - 1), true).encoding).toBe('windows-1252');
  });

  it('takes bytes that are not UTF-8 as Windows-1252', () => {
    expect(detectEncoding(windows1252('Müller;€ 5')).encoding).toBe('windows-1252');
  });

  it('refuses binary data with a code the app can act on', () => {
    expect(() => detectEncoding(randomBytes(1000))).toThrow(ReadError);
    expect(() => detectEncoding(new Uint8Array(3))).toThrow(/not text in UTF-8, UTF-16 or Windows-1252/);
  });

  it('lets a stray control character through: text is not binary for one odd byte', () => {
    expect(looksBinary(utf8(`${'name,city\r\n'.repeat(100)}Ann\u0001,Oslo\r\n`))).toBe(false);
    expect(looksBinary(utf8('a\u000Bb\u001Ac'))).toBe(false);
  });
});

describe('parseEncodingName', () => {
  it('accepts the names people type', () => {
    expect(['UTF8', 'utf-16', 'UTF-16BE', 'cp1252', 'latin1', 'ANSI'].map(parseEncodingName)).toEqual([
      'utf-8',
      'utf-16le',
      'utf-16be',
      'windows-1252',
      'windows-1252',
      'windows-1252',
    ]);
    expect(parseEncodingName('ebcdic')).toBeUndefined();
  });
});
