import type { SessionErrorCode } from '../words';
import type { EarlyOpen } from './protocol';

/** A request the session cannot answer, with a stable code for the UI (`file.none`, `plan.stale`…). */
export class SessionError extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Posts progress and lets the worker take other messages; resolves false when the work was cancelled. */
export type ProgressSink = (
  phase: 'read' | 'validate',
  done: number,
  fraction: number,
  /** Sent once by a read, as soon as the Open and Map screens can be shown. */
  early?: EarlyOpen,
) => Promise<void>;
