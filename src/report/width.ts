/**
 * Terminal columns: how wide a string shows (colour codes take none, East Asian wide characters and
 * most emoji take two, combining marks none) and word wrapping to a width with a hanging indent.
 */

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export const DEFAULT_WIDTH = 80;
/** Narrower than this, wrapping does more harm than good. */
const MIN_WIDTH = 40;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

function codePointWidth(code: number): number {
  if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200d) || code === 0xfe0f) return 0;
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1faff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Columns `text` takes on a terminal. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of stripAnsi(text)) width += codePointWidth(ch.codePointAt(0)!);
  return width;
}

/** The report width: the terminal's columns when known, else 80; never below 40. */
export function reportWidth(columns: number | undefined): number {
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : DEFAULT_WIDTH;
}

/** Cuts a word with no colour codes into pieces of at most `width` columns. */
function hardBreak(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const ch of word) {
    if (piece && displayWidth(piece + ch) > width) {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * Wraps `text` (which may carry colour codes) to `width` columns: the first line starts with `first`,
 * the others with `rest` (a hanging indent). Words are split only when longer than a whole line.
 */
export function wrap(text: string, width: number, first: string, rest: string = first): string[] {
  const lines: string[] = [];
  let line = first;
  let lineWidth = displayWidth(first);
  let empty = true;
  const push = (): void => {
    lines.push(line.trimEnd());
    line = rest;
    lineWidth = displayWidth(rest);
    empty = true;
  };
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordWidth = displayWidth(word);
    if (!empty && lineWidth + 1 + wordWidth > width) push();
    const tooLong = stripAnsi(word) === word && wordWidth > width - displayWidth(rest);
    if (tooLong && !empty) push();
    const pieces = tooLong ? hardBreak(word, Math.max(1, width - lineWidth)) : [word];
    pieces.forEach((piece, i) => {
      if (i > 0) push();
      line += `${empty ? '' : ' '}${piece}`;
      lineWidth += (empty ? 0 : 1) + displayWidth(piece);
      empty = false;
    });
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}
