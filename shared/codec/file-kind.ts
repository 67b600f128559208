import { ReadError } from './errors';

/** What a file is, from its first bytes; the name is only a hint (exports often carry the wrong extension). */
export type FileKind = 'zip' | 'cfb' | 'text';

const zipMagic = [0x50, 0x4b, 0x03, 0x04];
const emptyZipMagic = [0x50, 0x4b, 0x05, 0x06];
// The OLE compound file: Excel 97-2003 .xls, and also every password-protected .xlsx (an encrypted package
// inside a compound file).
const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Bytes needed to tell the kinds apart. */
export const sniffBytes = 8;

export function sniffFileKind(head: Uint8Array): FileKind {
  const startsWith = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  if (startsWith(zipMagic) || startsWith(emptyZipMagic)) return 'zip';
  if (startsWith(cfbMagic)) return 'cfb';
  return 'text';
}

/** True for the names Excel gives its workbooks. */
export function hasWorkbookName(fileName: string | undefined): boolean {
  return fileName !== undefined && /\.(xlsx|xlsm|xltx|xltm|xls|xlsb)$/i.test(fileName);
}

/** The error for a compound file: an encrypted workbook names its streams `EncryptionInfo`/`EncryptedPackage`. */
export function compoundFileError(bytes: Uint8Array): ReadError {
  if (containsUtf16Name(bytes, 'EncryptedPackage') || containsUtf16Name(bytes, 'EncryptionInfo')) {
    return new ReadError(
      'xlsx.encrypted',
      'the workbook is protected by a password; open it in Excel, remove the password (File > Info > Protect Workbook) and save it as .xlsx or CSV',
    );
  }
  return new ReadError(
    'xlsx.legacy',
    'this is an old Excel 97-2003 workbook (.xls), which ListPrep does not read; open it in Excel and save it as .xlsx or CSV',
  );
}

/** Directory entries of a compound file store their names in UTF-16 LE. */
function containsUtf16Name(bytes: Uint8Array, name: string): boolean {
  const first = name.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    for (let k = 0; k < name.length; k++) {
      if (bytes[i + 2 * k] !== name.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

/** Web pages and XML saved with a spreadsheet's name (some systems "export to Excel" that way). */
export function markupError(sample: Uint8Array): ReadError | undefined {
  let start = sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf ? 3 : 0;
  while (start < sample.length && (sample[start] === 32 || (sample[start] >= 9 && sample[start] <= 13)))
    start++;
  let head = '';
  for (let i = start; i < Math.min(sample.length, start + 16); i++) head += String.fromCharCode(sample[i]);
  if (!/^<(!doctype\s+html|html|head|body|table|meta|\?xml)\b/i.test(head)) return undefined;
  return new ReadError(
    'file.html',
    'this is a web page or an XML file, not a spreadsheet; open it in Excel and save it as .xlsx or CSV',
  );
}
