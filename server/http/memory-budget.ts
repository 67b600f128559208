/**
 * Estimated memory per byte of what is read. A JSON import body is held as text, then as parsed rows. A CSV
 * upload is read as a stream into stored parts (bounded: its size counts once), and as rows when it is
 * imported or dry-run. The codec holds a workbook whole and unpacks it: a server's peak memory grew by about
 * 72 times the workbook's size (`npm run bench server`, one 4.5 MB workbook: 155 → 485 MB; three at once:
 * 154 → 1,112 MB; the issue saw 1.16 GB for 16 MB), until the codec reads workbooks as a stream.
 */
const bytesPerByte = { json: 8, csv: 1, csvRows: 8, workbook: 72 } as const;

export type MemoryKind = keyof typeof bytesPerByte;

/** Estimated bytes of memory reading `bytes` of this kind takes. */
export function memoryCost(bytes: number, kind: MemoryKind): number {
  return Math.ceil(bytes * bytesPerByte[kind]);
}

/**
 * A server-wide allowance of memory for large bodies and files: a request that would exceed it is refused
 * (503, try again shortly) instead of the process growing until it is killed. One reservation larger than
 * the whole budget is let through when nothing else is reserved, so no file within the size limits is
 * refused for ever.
 */
export class MemoryBudget {
  private used = 0;
  private readonly waiting: { bytes: number; grant: () => void }[] = [];

  constructor(readonly capacity: number) {}

  get reserved(): number {
    return this.used;
  }

  tryTake(bytes: number): boolean {
    if (this.waiting.length > 0 || !this.fits(bytes)) return false;
    this.used += bytes;
    return true;
  }

  /** Waits until `bytes` fit (the import worker, which has nobody to answer 503 to). */
  async take(bytes: number): Promise<void> {
    if (this.tryTake(bytes)) return;
    await new Promise<void>((resolve) => this.waiting.push({ bytes, grant: resolve }));
  }

  give(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
    while (this.waiting.length > 0 && this.fits(this.waiting[0].bytes)) {
      const next = this.waiting.shift();
      if (!next) break;
      this.used += next.bytes;
      next.grant();
    }
  }

  private fits(bytes: number): boolean {
    return this.used + bytes <= this.capacity || this.used === 0;
  }
}
