import type { Template } from '../shared/template';
import type { Database } from './db/database';

/** What every route module is given. */
export type AppDeps = Readonly<{
  db: Database;
  template: Template;
  /** Told when a request queued a job, so a worker starts it at once instead of at its next poll. */
  onJobQueued: () => void;
}>;
