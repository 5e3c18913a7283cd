/** Byte-level checks every input gets: not binary, valid UTF-8, within the size limit. */

export const DEFAULT_MAX_BYTES = 1_000_000;
const SNIFF_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SNIFF_BYTES).includes(0);
}

export function overLimit(size: number, limit: number, what = 'file'): string {
  return `${what} is ${size} bytes, over the ${limit}-byte limit (raise it with --max-bytes)`;
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

/** Strict UTF-8 decoding without a leading byte-order mark; undefined when the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return undefined;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Text of a whole input, or why it is not text. */
export function decodeText(bytes: Uint8Array): { text: string } | { problem: string } {
  if (looksBinary(bytes)) return { problem: 'binary file (contains NUL bytes), not text' };
  const text = decodeUtf8(bytes);
  return text === undefined ? { problem: `invalid UTF-8 at byte ${firstInvalidUtf8(bytes)}` } : { text };
}
