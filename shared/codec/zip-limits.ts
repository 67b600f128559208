// Kept apart from the zip reader (which loads fflate): reading a CSV needs the limits' type, not the inflater.

/**
 * What a workbook may ask of this computer. Its parts are inflated as streams and never held whole, so the
 * limits are on work, checked against what the bytes really do while they are inflated, not on what the
 * zip claims: a part may unpack to `maxRatio` times its packed size, and so may all parts read together.
 */
export type ZipLimits = Readonly<{
  maxEntries: number;
  /** Bytes all parts together may unpack to (what the table of contents declares, and what is inflated). */
  maxTotalBytes: number;
  /** Unpacked-to-packed ratio allowed once past `ratioFloorBytes`; real XML packs 5-20 times. */
  maxRatio: number;
  /** Output below this is never a bomb, whatever the ratio (a small part of blanks packs very well). */
  ratioFloorBytes: number;
}>;

export const defaultZipLimits: ZipLimits = {
  maxEntries: 10_000,
  // A million-row template workbook unpacks to about 1.6 GB; ten of those is more than any contact list.
  maxTotalBytes: 16 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};
