import type { SourceErrorCode } from '../../words';

/** A file the engine could not read: a stable code (see shared/codec/errors.ts), and its line when known. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}
