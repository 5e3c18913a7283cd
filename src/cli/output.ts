/**
 * Report output, gathered into large writes: a streamed report of 100,000 posts is a few hundred
 * thousand small strings, and one write call each would dominate the run.
 */

const FLUSH_AT = 64 * 1024;

export interface BufferedWriter {
  write(chunk: string): void;
  flush(): void;
  /** Flushes what is held if the last flush was at least `ms` ago: a slow trickle of output still goes out. */
  flushIfOlderThan(ms: number): void;
}

export function bufferedWriter(out: (s: string) => void, flushAt = FLUSH_AT): BufferedWriter {
  let parts: string[] = [];
  let size = 0;
  let flushedAt = Date.now();
  const flush = (): void => {
    flushedAt = Date.now();
    if (size === 0) return;
    out(parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write(chunk) {
      parts.push(chunk);
      size += chunk.length;
      if (size >= flushAt) flush();
    },
    flush,
    flushIfOlderThan(ms) {
      if (size > 0 && Date.now() - flushedAt >= ms) flush();
    },
  };
}
