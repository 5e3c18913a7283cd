import type { Content, InputItem, ReadOptions } from './types';
import { textChunks } from './content';
import { DEFAULT_MAX_BYTES, decodeUtf8, overLimit } from './decode';
import { byteLines } from './lines';
import { postFromObject } from './record';
import { describeJsonError } from '../util/json-error';

/**
 * JSON Lines: one post per line, streamed, so a file of any length is read in bounded memory. A bad
 * line (invalid UTF-8, invalid JSON, no text field) is an error naming the line; the rest are read.
 */
export async function* readJsonLines(content: Content, options: ReadOptions): AsyncGenerator<InputItem> {
  const { source } = content;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // A line holds a post plus its JSON quoting and other fields: allow some room over the post limit.
  const maxLine = maxBytes * 2 + 4096;
  for await (const { line, bytes, size, oversize } of byteLines(textChunks(content), maxLine)) {
    const fail = (problem: string): InputItem => ({ error: { source, message: `line ${line}: ${problem}` } });
    if (oversize) {
      yield fail(overLimit(size, maxLine, 'line'));
      continue;
    }
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      yield fail('invalid UTF-8');
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      // A line is one line: its column is all the position there is.
      yield fail(`invalid JSON ${describeJsonError(text, err as Error).replace(/^at line 1, column/, 'at column')}`);
      continue;
    }
    yield postFromObject(source, value, { label: `line ${line}`, id: `line ${line}`, meta: { line } }, options);
  }
}
