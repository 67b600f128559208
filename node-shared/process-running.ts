/**
 * Whether a process of this computer runs: how a lock or a temporary file tells a writer that was killed from
 * one still at work. A pid reused since can say "running" for a dead writer; callers that care add an age.
 */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
