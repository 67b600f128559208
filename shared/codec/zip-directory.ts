import { ReadError } from './errors';
import type { RandomAccessBytes } from './random-access';
import type { ZipLimits } from './zip-limits';

/** One part of the zip, as its table of contents lists it and its local header confirms. */
export type ZipEntry = Readonly<{
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the packed bytes start (after the local header) and where the entry ends (after any descriptor). */
  dataOffset: number;
  end: number;
}>;

type EntryFound = { -readonly [K in keyof ZipEntry]: ZipEntry[K] };

/** The parts of a zip by name. Part names are compared without regard to case, as OPC (and Excel) do. */
export type ZipDirectory = Readonly<{
  entries: readonly ZipEntry[];
  get(name: string): ZipEntry | undefined;
}>;

const endSignature = 0x06054b50;
const zip64LocatorSignature = 0x07064b50;
const centralSignature = 0x02014b50;
const localSignature = 0x04034b50;
const descriptorSignature = 0x08074b50;
/** A table of contents larger than this lists more than any workbook has parts. */
const maxDirectoryBytes = 16 * 1024 * 1024;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

const corrupt = (why: string) =>
  new ReadError('xlsx.corrupt', `the workbook is damaged (${why}); open it in Excel and save it again`);

const ambiguous = (why: string) =>
  new ReadError(
    'xlsx.ambiguous',
    `the workbook's zip can be read in more than one way (${why}), which Excel never writes and attacks use; refused`,
  );

const uint32 = (bytes: Uint8Array, at: number) =>
  (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
const uint16 = (bytes: Uint8Array, at: number) => bytes[at] | (bytes[at + 1] << 8);

/**
 * Reads the zip's table of contents (the central directory at its end) and checks the whole file against
 * it before any part is inflated: every local header must repeat its entry's name, method and sizes; the
 * entries must follow one another from the first byte to the table with nothing between them (no hidden
 * entry in a gap) and nothing shared (no overlap); no name may appear twice; and the declared sizes must be
 * within the limits. Each refusal is one line naming what is wrong. Reads only headers: a few bytes a part.
 */
export async function readZipDirectory(bytes: RandomAccessBytes, limits: ZipLimits): Promise<ZipDirectory> {
  const tailLength = Math.min(bytes.size, 22 + 0xffff);
  const tail = await bytes.read(bytes.size - tailLength, tailLength);
  let end = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    // The end record's comment runs to the end of the file: a signature inside a comment does not.
    if (uint32(tail, i) === endSignature && i + 22 + uint16(tail, i + 20) === tail.length) {
      end = i;
      break;
    }
  }
  if (end === -1) throw corrupt('its table of contents is missing');
  const endOffset = bytes.size - tailLength + end;
  if (uint16(tail, end + 4) !== 0 || uint16(tail, end + 6) !== 0) {
    throw corrupt('it is split over several disks');
  }
  const count = uint16(tail, end + 10);
  const directorySize = uint32(tail, end + 12);
  const directoryOffset = uint32(tail, end + 16);
  const hasZip64 = end >= 20 && uint32(tail, end - 20) === zip64LocatorSignature;
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff || hasZip64) {
    throw new ReadError(
      'xlsx.tooLarge',
      'the workbook uses the zip format for files over 4 GB, far more than a contact list; save it as CSV',
    );
  }
  if (count !== uint16(tail, end + 8)) throw corrupt('it is split over several disks');
  if (count > limits.maxEntries) {
    throw new ReadError(
      'xlsx.tooLarge',
      `the workbook has ${count.toLocaleString('en-US')} parts, which no real workbook has; refused to protect this computer`,
    );
  }
  if (directoryOffset + directorySize > endOffset)
    throw corrupt('its table of contents points outside the file');
  if (directoryOffset + directorySize < endOffset)
    throw ambiguous('bytes that no part owns lie before its end');
  if (directorySize > maxDirectoryBytes) throw corrupt('its table of contents is too large');
  const directory = await bytes.read(directoryOffset, directorySize);

  const entries: EntryFound[] = [];
  const byName = new Map<string, ZipEntry>();
  const rawNames: Uint8Array[] = [];
  const names = new TextDecoder('utf-8');
  let pos = 0;
  let declaredTotal = 0;
  for (let i = 0; i < count; i++) {
    if (pos + 46 > directory.length || uint32(directory, pos) !== centralSignature)
      throw corrupt('a table entry is broken');
    const nameLength = uint16(directory, pos + 28);
    const extraLength = uint16(directory, pos + 30);
    const commentLength = uint16(directory, pos + 32);
    const next = pos + 46 + nameLength + extraLength + commentLength;
    if (next > directory.length) throw corrupt('a table entry is broken');
    const rawName = directory.subarray(pos + 46, pos + 46 + nameLength);
    const name = names.decode(rawName);
    const flags = uint16(directory, pos + 8);
    const method = uint16(directory, pos + 10);
    const compressedSize = uint32(directory, pos + 20);
    const size = uint32(directory, pos + 24);
    if (size === 0xffffffff || compressedSize === 0xffffffff || uint32(directory, pos + 42) === 0xffffffff) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${name}" declares a size over 4 GB; refused to protect this computer`,
      );
    }
    if (uint16(directory, pos + 34) !== 0) throw corrupt('it is split over several disks');
    if (flags & 1) {
      throw new ReadError(
        'xlsx.encrypted',
        'the workbook is encrypted; save it without a password as .xlsx or CSV',
      );
    }
    if (method !== 0 && method !== 8) {
      throw new ReadError(
        'xlsx.corrupt',
        `the workbook packs "${name}" in a way Excel does not (method ${method}); open it in Excel and save it again`,
      );
    }
    if (method === 0 && compressedSize !== size) throw corrupt(`"${name}" has two sizes`);
    const key = name.toLowerCase();
    if (byName.has(key)) throw ambiguous(`the part "${name}" is in it twice`);
    declaredTotal += size;
    const ratio = size / Math.max(compressedSize, 1);
    if (size > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new ReadError(
        'xlsx.zipBomb',
        `the workbook's part "${name}" would unpack from ${mib(compressedSize)} to ${mib(size)} (${Math.round(ratio)} times), which no real workbook does; refused to protect this computer`,
      );
    }
    if (declaredTotal > limits.maxTotalBytes) {
      throw new ReadError(
        'xlsx.tooLarge',
        `the workbook unpacks to more than ${mib(limits.maxTotalBytes)}, more than ListPrep reads from Excel files; save it as CSV and open that`,
      );
    }
    const entry: EntryFound = {
      name,
      flags,
      method,
      crc: uint32(directory, pos + 16),
      compressedSize,
      size,
      localOffset: uint32(directory, pos + 42),
      dataOffset: 0,
      end: 0,
    };
    entries.push(entry);
    rawNames.push(rawName);
    byName.set(key, entry);
    pos = next;
  }
  if (pos !== directory.length) throw ambiguous('its table of contents holds more than its entries');

  // The local headers, in file order: each must agree with its entry, and each entry must start where the
  // one before it ends, from the first byte up to the table of contents.
  const order = entries.map((_, i) => i).sort((a, b) => entries[a].localOffset - entries[b].localOffset);
  let expected = 0;
  for (const index of order) {
    const entry = entries[index];
    if (entry.localOffset < expected) throw ambiguous(`the part "${entry.name}" overlaps another part`);
    if (entry.localOffset > expected) throw ambiguous(`hidden bytes lie before the part "${entry.name}"`);
    await checkLocalHeader(bytes, entry, rawNames[index], directoryOffset);
    expected = entry.end;
  }
  if (expected > directoryOffset) throw ambiguous('the last part overlaps the table of contents');
  if (expected < directoryOffset) throw ambiguous('hidden bytes lie after the last part');
  return { entries, get: (name) => byName.get(name.toLowerCase()) };
}

async function checkLocalHeader(
  bytes: RandomAccessBytes,
  entry: EntryFound,
  rawName: Uint8Array,
  limit: number,
): Promise<void> {
  const missing = () => corrupt(`"${entry.name}" is missing`);
  if (entry.localOffset + 30 > limit) throw missing();
  const fixed = await bytes.read(entry.localOffset, 30);
  if (fixed.length < 30 || uint32(fixed, 0) !== localSignature) throw missing();
  const nameLength = uint16(fixed, 26);
  const extraLength = uint16(fixed, 28);
  const name = await bytes.read(entry.localOffset + 30, nameLength);
  const lie = (what: string) => ambiguous(`the part "${entry.name}" has another ${what} in its own header`);
  if (name.length !== rawName.length || name.some((byte, i) => byte !== rawName[i])) throw lie('name');
  const flags = uint16(fixed, 6);
  if ((flags & 0x9) !== (entry.flags & 0x9)) throw lie('kind of header');
  if (uint16(fixed, 8) !== entry.method) throw lie('packing method');
  const localCrc = uint32(fixed, 14);
  const localPacked = uint32(fixed, 18);
  const localSize = uint32(fixed, 22);
  const described = (entry.flags & 8) !== 0;
  // With a data descriptor the local header may leave crc and sizes at 0; anything else must agree.
  const agrees = (local: number, central: number) => local === central || (described && local === 0);
  if (!agrees(localPacked, entry.compressedSize) || !agrees(localSize, entry.size)) throw lie('size');
  if (!agrees(localCrc, entry.crc)) throw lie('checksum');
  entry.dataOffset = entry.localOffset + 30 + nameLength + extraLength;
  entry.end = entry.dataOffset + entry.compressedSize;
  if (entry.end > limit) throw corrupt(`"${entry.name}" is cut off`);
  if (described) {
    const descriptor = await bytes.read(entry.end, 16);
    const signed = descriptor.length >= 4 && uint32(descriptor, 0) === descriptorSignature;
    const at = signed ? 4 : 0;
    if (
      descriptor.length < at + 12 ||
      uint32(descriptor, at) !== entry.crc ||
      uint32(descriptor, at + 4) !== entry.compressedSize ||
      uint32(descriptor, at + 8) !== entry.size
    ) {
      throw lie('size');
    }
    entry.end += at + 12;
    if (entry.end > limit) throw corrupt(`"${entry.name}" is cut off`);
  }
}
