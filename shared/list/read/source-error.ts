/** A file the engine could not read: a read error's stable code (see shared/codec/errors.ts) and its line. */
export class SourceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
