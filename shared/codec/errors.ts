/** Why a file could not be read. Stable: the app and scripts branch on these, and locale tables key on them. */
export const readErrorCodes = [
  'file.empty',
  'file.html',
  'encoding.unknown',
  'encoding.mixed',
  'encoding.invalid',
  'csv.rowTooLong',
  'csv.unterminatedQuote',
  'sheet.noRows',
  'sheet.notFound',
  'sheet.none',
  'sheet.hidden',
  'xlsx.legacy',
  'xlsx.encrypted',
  'xlsx.notWorkbook',
  'xlsx.corrupt',
  'xlsx.tooLarge',
  'xlsx.zipBomb',
  'xlsx.doctype',
  'xlsx.ambiguous',
] as const;
export type ReadErrorCode = (typeof readErrorCodes)[number];

/** A read failure as data: a stable code, one line for people, and the line of the file when one is to blame. */
export type ReadFailure = Readonly<{ code: ReadErrorCode; message: string; line?: number }>;

/** Either the value, or why the file could not be read. Crosses the worker boundary as is. */
export type ReadOutcome<T> = { ok: true; value: T } | { ok: false; error: ReadFailure };

/** Thrown inside the readers and turned into a `ReadOutcome` at their public edge. */
export class ReadError extends Error {
  override readonly name = 'ReadError';

  constructor(
    readonly code: ReadErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }

  toFailure(): ReadFailure {
    return this.line === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, line: this.line };
  }
}
