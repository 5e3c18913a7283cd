import type { Content, InputItem, ReadOptions } from './types';
import { readWhole } from './content';
import { decodeText, DEFAULT_MAX_BYTES } from './decode';
import { elementLines } from './json-positions';
import { postFromObject } from './record';
import { describeJsonError } from '../util/json-error';

/**
 * JSON files: an array of post objects, an object with a "posts" array, or one post object. The file
 * is parsed whole (use JSON Lines for very large batches); a bad element is an error naming its item
 * number and line, and the other elements are still screened.
 */

/** JSON files are read whole: this is the largest accepted, or --max-bytes when that is larger. */
export const JSON_FILE_LIMIT = 100_000_000;
const POSTS_KEY = 'posts';

function postArray(value: unknown): { items: unknown[]; key?: string } | undefined {
  if (Array.isArray(value)) return { items: value };
  if (typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)[POSTS_KEY])) {
    return { items: (value as Record<string, unknown[]>)[POSTS_KEY]!, key: POSTS_KEY };
  }
  return undefined;
}

export function* readJson(content: Content, options: ReadOptions): Generator<InputItem> {
  const { source } = content;
  const fail = (message: string): InputItem => ({ error: { source, message } });
  const read = readWhole(content, Math.max(JSON_FILE_LIMIT, options.maxBytes ?? DEFAULT_MAX_BYTES));
  if ('problem' in read) return yield fail(read.problem);
  const decoded = decodeText(read.bytes);
  if ('problem' in decoded) return yield fail(decoded.problem);
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (err) {
    return yield fail(`invalid JSON ${describeJsonError(decoded.text, err as Error)}`);
  }
  const array = postArray(value);
  if (!array) {
    return yield postFromObject(source, value, { label: 'the object', id: source, meta: {} }, options);
  }
  const lines = elementLines(decoded.text, array.key);
  const lineOf = lines.length === array.items.length ? (i: number) => lines[i] : () => undefined;
  for (const [i, item] of array.items.entries()) {
    const line = lineOf(i);
    const label = line === undefined ? `item ${i + 1}` : `item ${i + 1} (line ${line})`;
    const meta: Record<string, number> = line === undefined ? { item: i + 1 } : { item: i + 1, line };
    yield postFromObject(source, item, { label, id: `item ${i + 1}`, meta }, options);
  }
}
