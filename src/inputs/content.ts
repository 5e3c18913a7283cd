import { createReadStream, readFileSync, statSync } from 'node:fs';
import type { Content } from './types';
import { firstInvalidUtf8, looksBinary, overLimit } from './decode';

/** Opening inputs, on disk or in memory, with one-line problems for whatever goes wrong. */

export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (err as Error).message;
}

/** Size of the content, or why it cannot be read as a file. */
export function contentSize(content: Content): { size: number } | { problem: string } {
  if ('bytes' in content) return { size: content.bytes.length };
  try {
    const stat = statSync(content.path);
    if (stat.isDirectory()) return { problem: 'is a directory' };
    if (!stat.isFile()) return { problem: 'not a regular file' };
    return { size: stat.size };
  } catch (err) {
    return { problem: describeFsError(err) };
  }
}

/** All the bytes, when there are at most `limit` of them. */
export function readWhole(content: Content, limit: number): { bytes: Buffer } | { problem: string } {
  const size = contentSize(content);
  if ('problem' in size) return size;
  if (size.size > limit) return { problem: overLimit(size.size, limit) };
  if ('bytes' in content) return { bytes: content.bytes };
  try {
    return { bytes: readFileSync(content.path) };
  } catch (err) {
    return { problem: describeFsError(err) };
  }
}

/** The bytes as a stream of chunks, for batch files read record by record. */
export async function* byteChunks(content: Content): AsyncGenerator<Buffer> {
  if ('bytes' in content) {
    yield content.bytes;
    return;
  }
  for await (const chunk of createReadStream(content.path, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
}

/** A problem with a whole input found while streaming it; the reader turns it into one InputError. */
export class InputProblem extends Error {}

/** Chunks of a text input: refuses binary content at the first chunk. */
export async function* textChunks(content: Content): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of byteChunks(content)) {
    if (first && looksBinary(chunk)) throw new InputProblem('binary file (contains NUL bytes), not text');
    first = false;
    yield chunk;
  }
}

/** Strictly decoded UTF-8 text, chunk by chunk; stops at the first invalid byte. */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      // Hand on the valid part first, so the records before the bad byte are still read.
      const bad = firstInvalidUtf8(chunk);
      yield new TextDecoder().decode(chunk.subarray(0, bad));
      throw new InputProblem(`invalid UTF-8 at byte ${offset + bad}; the rest of the file was not read`);
    }
    yield text;
    offset += chunk.length;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
