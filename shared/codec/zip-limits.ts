// Kept apart from zip-guard.ts (which loads fflate): reading a CSV needs the limits' type, not the inflater.

/** How much a workbook may unpack to. exceljs holds a workbook in memory at about 15 times its XML size. */
export type ZipLimits = Readonly<{
  maxEntries: number;
  /** Bytes all parts together may unpack to. */
  maxTotalBytes: number;
  /** Unpacked-to-packed ratio allowed for a part bigger than `ratioFloorBytes`; real XML packs 5-20 times. */
  maxRatio: number;
  ratioFloorBytes: number;
}>;

export const defaultZipLimits: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 100 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 8 * 1024 * 1024,
};
