import { DatabaseBusy } from './busy';

/**
 * One holder at a time, the others in line (first come, first served), each waiting at most a given time:
 * PGlite's one connection, with the acquire timeout a pool gives PostgreSQL. A query that gave up waiting never
 * ran, so a request can truly say "nothing was changed".
 */
export class Turnstile {
  private held = false;
  private readonly line: { admit: () => void }[] = [];

  /** Waits for the turn; the returned function ends it. Throws DatabaseBusy after `timeoutMs` (0 = never). */
  async enter(timeoutMs: number): Promise<() => void> {
    if (!this.held) {
      this.held = true;
      return this.exit();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        admit: () => {
          if (timer) clearTimeout(timer);
          resolve();
        },
      };
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              const at = this.line.indexOf(waiter);
              if (at >= 0) this.line.splice(at, 1);
              reject(new DatabaseBusy('connections'));
            }, timeoutMs)
          : null;
      this.line.push(waiter);
    });
    return this.exit();
  }

  /** Waiting now, for the readiness check. */
  get waiting(): number {
    return this.line.length;
  }

  private exit(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.line.shift();
      if (next) next.admit();
      else this.held = false;
    };
  }
}
