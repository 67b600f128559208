/**
 * A growable list of 32-bit integers. Row orders and row-key maps hold a million entries on large files;
 * typed storage keeps that at 4 MB each instead of a million array slots and boxed numbers.
 */
export class IntList {
  private data: Int32Array;
  private size = 0;

  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  /** 0, 1, …, n - 1. */
  static range(n: number): IntList {
    const list = new IntList(n);
    for (let i = 0; i < n; i++) list.data[i] = i;
    list.size = n;
    return list;
  }

  static from(values: ArrayLike<number>): IntList {
    const list = new IntList(values.length);
    for (let i = 0; i < values.length; i++) list.data[i] = values[i];
    list.size = values.length;
    return list;
  }

  get length(): number {
    return this.size;
  }

  get(index: number): number {
    return this.data[index];
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  push(value: number): void {
    if (this.size === this.data.length) this.grow(this.size + 1);
    this.data[this.size++] = value;
  }

  insert(index: number, value: number): void {
    if (this.size === this.data.length) this.grow(this.size + 1);
    this.data.copyWithin(index + 1, index, this.size);
    this.data[index] = value;
    this.size++;
  }

  removeAt(index: number): number {
    const value = this.data[index];
    this.data.copyWithin(index, index + 1, this.size);
    this.size--;
    return value;
  }

  indexOf(value: number): number {
    const at = this.data.subarray(0, this.size).indexOf(value);
    return at;
  }

  /** Keeps the entries for which `keep` is true, in order, in one pass. */
  retain(keep: (value: number) => boolean): void {
    let out = 0;
    for (let i = 0; i < this.size; i++) {
      const value = this.data[i];
      if (keep(value)) this.data[out++] = value;
    }
    this.size = out;
  }

  /** A copy of the live part. */
  toInt32Array(): Int32Array {
    return this.data.slice(0, this.size);
  }

  private grow(min: number): void {
    const next = new Int32Array(Math.max(min, this.data.length * 2));
    next.set(this.data.subarray(0, this.size));
    this.data = next;
  }
}
