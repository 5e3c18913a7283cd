import type { InputError, PostInput } from '../types';
import type { Content } from './types';
import { readWhole } from './content';
import { decodeText, DEFAULT_MAX_BYTES, overLimit } from './decode';

/**
 * Plain-text posts from files and stdin, with the checks every input gets: exists, is a file, not
 * binary, valid UTF-8, not empty, not over the size limit. Each problem is one line naming the input.
 */

export { DEFAULT_MAX_BYTES } from './decode';
export const STDIN = '-';
export const STDIN_SOURCE = '<stdin>';

export type ReadResult = { post: PostInput } | { error: InputError };

/** Validates raw bytes and decodes them to one post. */
export function decodePost(source: string, bytes: Buffer, maxBytes: number): ReadResult {
  const fail = (message: string): ReadResult => ({ error: { source, message } });
  if (bytes.length > maxBytes) return fail(overLimit(bytes.length, maxBytes));
  const decoded = decodeText(bytes);
  if ('problem' in decoded) return fail(decoded.problem);
  if (decoded.text.trim().length === 0) return fail('empty post (no text to screen)');
  return { post: { source, id: source, text: decoded.text } };
}

/** A whole input, on disk or in memory, as one plain-text post. */
export function readTextPost(content: Content, options: { maxBytes?: number } = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = readWhole(content, maxBytes);
  return 'problem' in read ? { error: { source: content.source, message: read.problem } } : decodePost(content.source, read.bytes, maxBytes);
}

export async function readStdin(options: { maxBytes?: number } = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = await stdinBytes(maxBytes);
  return 'problem' in read ? { error: { source: STDIN_SOURCE, message: read.problem } } : decodePost(STDIN_SOURCE, read.bytes, maxBytes);
}

/** All of stdin, up to `maxBytes`; past that only counted, never held. */
export async function stdinBytes(maxBytes: number): Promise<{ bytes: Buffer } | { problem: string }> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    total += buf.length;
    // Keep reading past the limit only to count; never hold more than the limit plus one chunk.
    if (total <= maxBytes + buf.length) chunks.push(buf);
  }
  return total > maxBytes ? { problem: overLimit(total, maxBytes, 'input') } : { bytes: Buffer.concat(chunks) };
}
