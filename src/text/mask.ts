import type { Span } from '../types';

/**
 * Masking of secret values for reports: the first and last characters stay, every other character
 * becomes "*". The length and the line breaks are kept, so line:column, SARIF regions and the
 * stylish caret line still point at the original characters; only the secret itself is hidden.
 */

const MASK = '*';

/** A secret with only its first and last characters shown ("Sycamore!2026" → "S***********6"). */
export function maskValue(value: string): string {
  if (value.length <= 2) return value.replace(/[^\n]/g, MASK);
  // Keep a whole surrogate pair at either end, so the result is valid UTF-16.
  const head = /^[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(value) ? 2 : 1;
  const tail = /[\uD800-\uDBFF][\uDC00-\uDFFF]$/.test(value) ? 2 : 1;
  if (head + tail >= value.length) return value.replace(/[^\n]/g, MASK);
  const middle = value.slice(head, value.length - tail).replace(/[^\n]/g, MASK);
  return value.slice(0, head) + middle + value.slice(value.length - tail);
}

/**
 * `text` (which starts at original offset `base`) with every secret span inside it masked. Spans
 * are original-text offsets; parts outside `text` are ignored.
 */
export function maskSpans(text: string, secrets: readonly Span[], base = 0): string {
  let out = text;
  for (const secret of secrets) {
    const from = Math.max(0, secret.offset - base);
    const to = Math.min(text.length, secret.offset + secret.length - base);
    if (to <= from) continue;
    const whole = from === secret.offset - base && to === secret.offset + secret.length - base;
    const piece = out.slice(from, to);
    // A secret cut by the edge of `text` is hidden entirely: its own ends are not in view.
    out = out.slice(0, from) + (whole ? maskValue(piece) : piece.replace(/[^\n]/g, MASK)) + out.slice(to);
  }
  return out;
}
