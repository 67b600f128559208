import type { ImportRequest } from '../shared/api';
import type { Template } from '../shared/template';
import type { Database } from './db/database';
import type { Admission } from './http/admission';

/** What every route module is given. */
export type AppDeps = Readonly<{
  db: Database;
  template: Template;
  /**
   * Told when a request queued a job, so a worker of this process starts it at once instead of at its next
   * poll, and takes the request already parsed instead of parsing the stored copy again.
   */
  onJobQueued: (job: { id: number; request: ImportRequest }) => void;
  /** Rate, concurrency and memory limits (the memory budget is shared with the import worker). */
  admission: Admission;
}>;
