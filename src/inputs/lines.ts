/** Splits a byte stream into lines without decoding it, so each line can be checked on its own. */

export interface ByteLine {
  /** 1-based line number. */
  line: number;
  /** The line without its line break; empty when the line was over the limit. */
  bytes: Buffer;
  /** Length in bytes (also when the line was over the limit and not kept). */
  size: number;
  oversize: boolean;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

export async function* byteLines(chunks: AsyncIterable<Buffer>, maxLineBytes: number): AsyncGenerator<ByteLine> {
  let pending: Buffer[] = [];
  let size = 0;
  let line = 0;
  const take = (piece: Buffer): void => {
    size += piece.length;
    if (size <= maxLineBytes + 1) pending.push(piece);
  };
  const finish = (): ByteLine => {
    line += 1;
    const oversize = size > maxLineBytes + 1;
    let bytes = oversize ? Buffer.alloc(0) : pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    let length = size;
    if (!oversize && bytes.length > 0 && bytes[bytes.length - 1] === CR) {
      bytes = bytes.subarray(0, bytes.length - 1);
      length -= 1;
    }
    pending = [];
    size = 0;
    return { line, bytes, size: length, oversize: oversize || length > maxLineBytes };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      take(chunk.subarray(start, nl));
      yield finish();
      start = nl + 1;
    }
    if (start < chunk.length) take(chunk.subarray(start));
  }
  if (size > 0) yield finish();
}
