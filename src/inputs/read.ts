import { readFileSync, statSync } from 'node:fs';
import type { InputError, PostInput } from '../types';

/**
 * Reading posts from files and stdin, with the checks every input gets: exists, is a file, not
 * binary, valid UTF-8, not empty, not over the size limit. Each problem is one line naming the input.
 */

export const DEFAULT_MAX_BYTES = 1_000_000;
export const STDIN = '-';

export interface ReadOptions {
  maxBytes?: number;
}

export type ReadResult = { post: PostInput } | { error: InputError };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Validates raw bytes and decodes them to one post. */
export function decodePost(source: string, bytes: Buffer, maxBytes: number): ReadResult {
  const fail = (message: string): ReadResult => ({ error: { source, message } });
  if (bytes.length > maxBytes) return fail(`file is ${bytes.length} bytes, over the ${maxBytes}-byte limit (raise it with --max-bytes)`);
  if (bytes.subarray(0, 8192).includes(0)) return fail('binary file (contains NUL bytes), not text');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(`invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim().length === 0) return fail('empty post (no text to screen)');
  return { post: { source, id: source, text } };
}

/** Allowed range of the second byte for each multi-byte lead byte (RFC 3629: no overlongs, no surrogates). */
function secondByteRange(lead: number): [number, number, number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 1];
  if (lead === 0xe0) return [0xa0, 0xbf, 2];
  if (lead === 0xed) return [0x80, 0x9f, 2];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 2];
  if (lead === 0xf0) return [0x90, 0xbf, 3];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 3];
  if (lead === 0xf4) return [0x80, 0x8f, 3];
  return undefined;
}

/** Byte offset of the first invalid UTF-8 sequence, for the error message. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) { i++; continue; }
    const range = secondByteRange(lead);
    if (!range) return i;
    const [lo, hi, continuations] = range;
    const second = bytes[i + 1];
    if (second === undefined || second < lo || second > hi) return i;
    for (let k = 2; k <= continuations; k++) {
      const b = bytes[i + k];
      if (b === undefined || b < 0x80 || b > 0xbf) return i;
    }
    i += continuations + 1;
  }
  return i;
}

export function readPostFile(path: string, options: ReadOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return { error: { source: path, message: 'is a directory; name the files in it (directory recursion is not supported yet)' } };
    if (!stat.isFile()) return { error: { source: path, message: 'not a regular file' } };
    size = stat.size;
  } catch (err) {
    return { error: { source: path, message: describeFsError(err) } };
  }
  if (size > maxBytes) return { error: { source: path, message: `file is ${size} bytes, over the ${maxBytes}-byte limit (raise it with --max-bytes)` } };
  try {
    return decodePost(path, readFileSync(path), maxBytes);
  } catch (err) {
    return { error: { source: path, message: describeFsError(err) } };
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return (err as Error).message;
}

export async function readStdin(options: ReadOptions = {}): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    total += buf.length;
    // Keep reading past the limit only to count; never hold more than the limit plus one chunk.
    if (total <= maxBytes + buf.length) chunks.push(buf);
  }
  const bytes = Buffer.concat(chunks);
  return total > maxBytes
    ? { error: { source: '<stdin>', message: `input is ${total} bytes, over the ${maxBytes}-byte limit (raise it with --max-bytes)` } }
    : decodePost('<stdin>', bytes, maxBytes);
}
