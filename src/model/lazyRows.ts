import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Fixed-size rows of a model file, read on first use into a buffer laid out like the file. One short
 * post touches a few hundred of the heads' 262,244 feature rows and a few dozen of the 50,000 word
 * vectors, so a cold start reads those (positioned reads) instead of 11 MB. A run that has needed
 * `limit` rows, or asked `callLimit` times, is screening a batch: then the rest is read in one go, and
 * `ensure` is a flag test (a batch of posts repeating the same words would otherwise keep checking
 * each post's rows).
 * The bytes are the file's bytes either way, so scores do not change.
 */
export class LazyRows {
  /** Per row, 1 once read; undefined once every row is. */
  private loaded: Uint8Array | undefined;
  private readCount = 0;
  private calls = 0;

  /**
   * `into[i]` holds the file's byte i (file offset `rowsAt` + r × `rowBytes` starts row r); `into`
   * must be zero-filled and as long as the file.
   */
  constructor(
    private readonly path: string,
    private readonly into: Uint8Array,
    private readonly rowsAt: number,
    private readonly rowBytes: number,
    private readonly rows: number,
    private readonly limit: number,
    private readonly callLimit = Infinity,
  ) {
    this.loaded = new Uint8Array(rows);
  }

  get complete(): boolean {
    return this.loaded === undefined;
  }

  ensureRow(row: number): void {
    if (this.loaded !== undefined && this.loaded[row] === 0) this.ensure([row]);
  }

  /** Reads the rows of `rows` not read yet (or all rows, once `limit` would be passed). */
  ensure(rows: ArrayLike<number>): void {
    const loaded = this.loaded;
    if (loaded === undefined) return;
    if (++this.calls > this.callLimit) return this.readAll();
    let missing = 0;
    for (let k = 0; k < rows.length; k++) if (loaded[rows[k]!] === 0) missing++;
    if (missing === 0) return;
    if (this.readCount + missing > this.limit) return this.readAll();
    const fd = openSync(this.path, 'r');
    try {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[k]!;
        if (loaded[row] !== 0) continue;
        const at = this.rowsAt + row * this.rowBytes;
        readRange(fd, this.path, this.into, at, at + this.rowBytes);
        loaded[row] = 1;
      }
    } finally {
      closeSync(fd);
    }
    this.readCount += missing;
  }

  /** Reads every row still unread. */
  readAll(): void {
    if (this.loaded === undefined) return;
    const fd = openSync(this.path, 'r');
    try {
      readRange(fd, this.path, this.into, this.rowsAt, this.rowsAt + this.rows * this.rowBytes);
    } finally {
      closeSync(fd);
    }
    this.loaded = undefined;
  }
}

/** Reads bytes [from, to) of an open file into `into` at the same offsets. */
export function readRange(fd: number, path: string, into: Uint8Array, from: number, to: number): void {
  for (let done = from; done < to; ) {
    const n = readSync(fd, into, done, to - done, done);
    if (n === 0) throw new Error(`${path}: file ended early`);
    done += n;
  }
}
