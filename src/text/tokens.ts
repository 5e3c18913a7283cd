import type { Span, Token } from '../types';
import { stem } from './stem';

// A word: letters and digits, with inner apostrophes ("don't") kept.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of a folded text, without stems (for compiling word lists, where stems are not needed). */
export function words(foldedText: string): string[] {
  return Array.from(foldedText.matchAll(WORD), (m) => m[0].replace(/’/g, "'"));
}

export function tokenize(foldedText: string): Token[] {
  const tokens: Token[] = [];
  for (const m of foldedText.matchAll(WORD)) {
    const word = m[0].replace(/’/g, "'");
    const from = m.index ?? 0;
    tokens.push({ word, stem: stem(word, 'en'), stemEs: stem(word, 'es'), from, to: from + m[0].length });
  }
  return tokens;
}

// A sentence ends at . ! ? (with closing quotes/brackets) followed by space, or at a line break.
const SENTENCE_END = /[.!?…]+["'”’)\]]*(?=\s|$)|\n/g;

// Titles and street words end in a dot without ending the sentence ("Mr. Smith", "Main St. closed").
const ABBREVIATION_BEFORE = /(?:^|[^\p{L}])(?:mr|mrs|ms|dr|st|ave|blvd|jr|sr|lt|sgt|capt|det|ofc|sen|rep|prof|vs|approx)$/iu;

/** Sentence spans of the original text, trimmed of surrounding white space; empty ones dropped. */
export function splitSentences(raw: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number): void => {
    const piece = raw.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const text = piece.trim();
    if (text.length > 0) spans.push({ offset: start + lead, length: text.length });
  };
  for (const m of raw.matchAll(SENTENCE_END)) {
    const at = m.index ?? 0;
    if (m[0] === '.' && ABBREVIATION_BEFORE.test(raw.slice(Math.max(0, at - 6), at))) continue;
    const end = at + m[0].length;
    push(end);
    start = end;
  }
  push(raw.length);
  return spans;
}

/** 1-based line and column of an original offset, with a precomputed table of line starts. */
export function lineStarts(raw: string): number[] {
  const starts = [0];
  for (let i = raw.indexOf('\n'); i !== -1; i = raw.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function lineColumn(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}
