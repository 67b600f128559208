import { Inflate } from 'fflate';
import { concatBytes } from './bytes';
import { ReadError } from './errors';
import { defaultZipLimits, type ZipLimits } from './zip-limits';

export type ZipEntry = Readonly<{
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}>;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/**
 * Checks a workbook's zip before anything inflates it for real: the central directory's declared sizes and
 * ratios (a zip bomb), then every part inflated as a stream whose output is counted and dropped, so a part
 * that lies about its size is stopped at the lie, and XML parts are searched for DOCTYPE and ENTITY
 * declarations (billion laughs, external entities) that Excel never writes. Memory stays at one slice.
 */
export function checkWorkbookZip(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipEntry[] {
  const entries = readZipDirectory(bytes, limits);
  if (!entries.some((entry) => entry.name === 'xl/workbook.xml')) {
    throw new ReadError(
      'xlsx.notWorkbook',
      'this is a zip file but not an Excel workbook (an OpenDocument or Numbers file?); save it as .xlsx or CSV',
    );
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 1) {
      throw new ReadError(
        'xlsx.encrypted',
        'the workbook is encrypted; save it without a password as .xlsx or CSV',
      );
    }
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ReadError(
        'xlsx.corrupt',
        `the workbook packs "${entry.name}" in a way Excel does not (method ${entry.method}); open it in Excel and save it again`,
      );
    }
    total += entry.size;
    const ratio = entry.size / Math.max(entry.compressedSize, 1);
    if (entry.size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${entry.name}" would unpack from ${mib(entry.compressedSize)} to ${mib(entry.size)} (${Math.round(ratio)} times), which no real workbook does; refused to protect this computer`,
      );
    }
    if (total > limits.maxTotalBytes) {
      throw new ReadError(
        'xlsx.tooLarge',
        `the workbook unpacks to more than ${mib(limits.maxTotalBytes)}, more than ListPrep reads from Excel files; save it as CSV and open that`,
      );
    }
  }
  for (const entry of entries) inspectEntry(bytes, entry);
  return entries;
}

/** Reads the central directory (the zip's table of contents at its end). */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = defaultZipLimits): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) =>
    new ReadError('xlsx.corrupt', `the workbook is damaged (${why}); open it in Excel and save it again`);
  let end = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end === -1) throw corrupt('its table of contents is missing');
  const count = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ReadError(
      'xlsx.tooLarge',
      'the workbook uses the zip format for files over 4 GB, far more than a contact list; save it as CSV',
    );
  }
  if (count > limits.maxEntries) {
    throw new ReadError(
      'xlsx.tooLarge',
      `the workbook has ${count.toLocaleString('en-US')} parts, which no real workbook has; refused to protect this computer`,
    );
  }
  if (directoryOffset + directorySize > end) throw corrupt('its table of contents points outside the file');
  const entries: ZipEntry[] = [];
  const names = new TextDecoder('utf-8');
  let pos = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > end || view.getUint32(pos, true) !== 0x02014b50) throw corrupt('a table entry is broken');
    const nameLength = view.getUint16(pos + 28, true);
    const extraLength = view.getUint16(pos + 30, true);
    const commentLength = view.getUint16(pos + 32, true);
    const entry: ZipEntry = {
      flags: view.getUint16(pos + 8, true),
      method: view.getUint16(pos + 10, true),
      compressedSize: view.getUint32(pos + 20, true),
      size: view.getUint32(pos + 24, true),
      localOffset: view.getUint32(pos + 42, true),
      name: names.decode(bytes.subarray(pos + 46, pos + 46 + nameLength)),
    };
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${entry.name}" declares a size over 4 GB; refused to protect this computer`,
      );
    }
    entries.push(entry);
    pos += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// A deflate stream unpacks at most about 1,000 times, so one slice never yields more than about 16 MB.
const sliceBytes = 16 * 1024;
const markers = ['<!DOCTYPE', '<!ENTITY'].map((text) => Array.from(text, (c) => c.charCodeAt(0)));

/** Inflates one part as a stream, counting and scanning the output without keeping it. */
function inspectEntry(bytes: Uint8Array, entry: ZipEntry): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) {
    throw new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${entry.name}" is missing); open it in Excel and save it again`,
    );
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  if (start + entry.compressedSize > bytes.length) {
    throw new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${entry.name}" is cut off); open it in Excel and save it again`,
    );
  }
  const packed = bytes.subarray(start, start + entry.compressedSize);
  const scan = /\.(xml|rels|vml)$/i.test(entry.name) ? new DeclarationScanner(entry.name) : undefined;
  if (entry.method === 0) {
    scan?.push(packed);
    return;
  }
  let produced = 0;
  const inflate = new Inflate((chunk) => {
    produced += chunk.length;
    if (produced > entry.size) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${entry.name}" unpacks to more than the ${mib(entry.size)} it declares; refused to protect this computer`,
      );
    }
    scan?.push(chunk);
  });
  try {
    for (let offset = 0; offset < packed.length; offset += sliceBytes) {
      const end = Math.min(offset + sliceBytes, packed.length);
      inflate.push(packed.subarray(offset, end), end === packed.length);
    }
    if (packed.length === 0) inflate.push(packed, true);
  } catch (error) {
    if (error instanceof ReadError) throw error;
    throw new ReadError(
      'xlsx.corrupt',
      `the workbook is damaged ("${entry.name}" cannot be unpacked); open it in Excel and save it again`,
    );
  }
}

/** Finds `<!DOCTYPE` or `<!ENTITY` in a stream of bytes, also across chunk boundaries. */
class DeclarationScanner {
  private carry = new Uint8Array(0);

  constructor(private readonly name: string) {}

  push(chunk: Uint8Array): void {
    if (this.carry.length) this.scan(concatBytes([this.carry, chunk.subarray(0, 8)]));
    this.scan(chunk);
    this.carry = chunk.slice(Math.max(0, chunk.length - 8));
  }

  private scan(text: Uint8Array): void {
    // '!' is rare in XML, so jumping from one to the next is fast.
    for (let i = text.indexOf(33); i !== -1; i = text.indexOf(33, i + 1)) {
      if (i === 0 || text[i - 1] !== 60) continue;
      for (const marker of markers) {
        let match = true;
        for (let k = 2; k < marker.length && match; k++) {
          const byte = text[i - 1 + k];
          if (byte === undefined || (byte | 0x20) !== (marker[k] | 0x20)) match = false;
        }
        if (match) {
          throw new ReadError(
            'xlsx.doctype',
            `the workbook's part "${this.name}" declares a DOCTYPE or ENTITY, which Excel never writes and attacks use; refused`,
          );
        }
      }
    }
  }
}
