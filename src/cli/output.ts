/**
 * Report output, gathered into large writes: a streamed report of 100,000 posts is a few hundred
 * thousand small strings, and one write call each would dominate the run.
 */

const FLUSH_AT = 64 * 1024;

export interface BufferedWriter {
  write(chunk: string): void;
  flush(): void;
}

export function bufferedWriter(out: (s: string) => void, flushAt = FLUSH_AT): BufferedWriter {
  let parts: string[] = [];
  let size = 0;
  const flush = (): void => {
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
  };
}
