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

/**
 * A message for one stderr line: line breaks and other control characters (from a file name, say) are
 * shown as escapes, so each problem stays one line and cannot move the terminal's cursor.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
