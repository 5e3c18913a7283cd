import type { Span, Tokens } from '../types';
import { stem } from './stem';

// A word: letters and digits, with inner apostrophes ("don't") kept.
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** The words of a folded text, without stems (for compiling word lists, where stems are not needed). */
export function words(foldedText: string): string[] {
  return Array.from(foldedText.matchAll(WORD), (m) => m[0].replace(/’/g, "'"));
}

/**
 * A word's folded form and stems, shared by all its occurrences: a long post repeats the same few
 * thousand words, and one string and one stem lookup per distinct word keeps tokens small. `table` and
 * `id` are the word's number in the vocabulary of the table being built (see TokenTable).
 */
interface WordInfo {
  word: string;
  stem: string;
  stemEs: string;
  table: number;
  id: number;
}

const wordInfos = new Map<string, WordInfo>();
const WORD_INFO_LIMIT = 100_000;

function wordInfo(text: string): WordInfo {
  let info = wordInfos.get(text);
  if (!info) {
    const word = text.includes('’') ? text.replace(/’/g, "'") : text;
    info = { word, stem: stem(word, 'en'), stemEs: stem(word, 'es'), table: 0, id: 0 };
    if (wordInfos.size >= WORD_INFO_LIMIT) wordInfos.clear();
    wordInfos.set(text, info);
  }
  return info;
}

/** Character classes of WORD by UTF-16 unit (0 unknown, else 1 + LETTER/NUMBER bits), filled as met. */
const CLASS_LETTER = 1;
const CLASS_NUMBER = 2;
const unitClasses = new Uint8Array(65536);
const astralClasses = new Map<number, number>();
const LETTER_CHAR = /\p{L}/u;
const NUMBER_CHAR = /\p{N}/u;

function classOfChar(ch: string): number {
  return (LETTER_CHAR.test(ch) ? CLASS_LETTER : 0) | (NUMBER_CHAR.test(ch) ? CLASS_NUMBER : 0);
}

/** The WORD class of the code point at i (letter, number bits) and its length in units. */
function classAt(text: string, i: number): { cls: number; size: number } {
  const code = text.charCodeAt(i);
  if (code < 0x80) {
    const cls = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) ? CLASS_LETTER : code >= 0x30 && code <= 0x39 ? CLASS_NUMBER : 0;
    return { cls, size: 1 };
  }
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
    const point = text.codePointAt(i)!;
    let cls = astralClasses.get(point);
    if (cls === undefined) astralClasses.set(point, (cls = classOfChar(String.fromCodePoint(point))));
    return { cls, size: 2 };
  }
  let known = unitClasses[code]!;
  if (known === 0) unitClasses[code] = known = 1 + classOfChar(String.fromCharCode(code));
  return { cls: known - 1, size: 1 };
}

const isApostrophe = (code: number): boolean => code === 0x27 || code === 0x2019;

/** End of the run of code points from i whose class has one of `bits`. */
function runEnd(text: string, i: number, bits: number): number {
  let k = i;
  while (k < text.length) {
    const { cls, size } = classAt(text, k);
    if ((cls & bits) === 0) break;
    k += size;
  }
  return k;
}

/** Numbers the tables built, so a word's `id` is known to belong to the table being built. */
let tablesBuilt = 0;

/** Numbers per token in TokenTable.cells: folded start, folded end, vocabulary id. */
const CELLS = 3;

/**
 * Tokens as one typed array (folded start, end and vocabulary id of each word, 12 bytes a token: one
 * allocation per post) and the post's vocabulary of distinct words.
 */
class TokenTable implements Tokens {
  constructor(
    private readonly cells: Uint32Array,
    private readonly vocabulary: WordInfo[],
    readonly length: number,
  ) {}

  private info(i: number): WordInfo {
    return this.vocabulary[this.cells[i * CELLS + 2]!]!;
  }

  word(i: number): string {
    return this.info(i).word;
  }

  stem(i: number): string {
    return this.info(i).stem;
  }

  stemEs(i: number): string {
    return this.info(i).stemEs;
  }

  from(i: number): number {
    return this.cells[i * CELLS]!;
  }

  to(i: number): number {
    return this.cells[i * CELLS + 1]!;
  }
}

/**
 * The tokens of a folded text: what WORD matches, found by a scan rather than matchAll, so a megabyte
 * of words costs no match arrays and no object per word.
 */
export function tokenize(foldedText: string): Tokens {
  const n = foldedText.length;
  // A word and the character after it take two units at least. Pages of the arrays never written are
  // never touched, so the bound costs address space, not memory.
  const cells = new Uint32Array(((n + 1) >> 1) * CELLS);
  const vocabulary: WordInfo[] = [];
  const table = ++tablesBuilt;
  let count = 0;
  let i = 0;
  while (i < n) {
    const { cls, size } = classAt(foldedText, i);
    if (cls === 0) {
      i += size;
      continue;
    }
    const from = i;
    let to = runEnd(foldedText, i, CLASS_LETTER | CLASS_NUMBER);
    // Inner apostrophes: "don't", "o'neill's" — an apostrophe counts only with letters after it.
    while (to + 1 < n && isApostrophe(foldedText.charCodeAt(to)) && (classAt(foldedText, to + 1).cls & CLASS_LETTER) !== 0) {
      to = runEnd(foldedText, to + 1, CLASS_LETTER);
    }
    const info = wordInfo(foldedText.slice(from, to));
    if (info.table !== table) {
      info.table = table;
      info.id = vocabulary.push(info) - 1;
    }
    cells[count * CELLS] = from;
    cells[count * CELLS + 1] = to;
    cells[count * CELLS + 2] = info.id;
    count++;
    i = to;
  }
  // A view of the tokens found: reading past the last one gives undefined, as an array would.
  return new TokenTable(cells.subarray(0, count * CELLS), vocabulary, count);
}

// A sentence ends at a run of . ! ? … (with closing quotes/brackets) followed by white space or the end,
// or at a line break. Scanned by hand rather than with a regex: /[.!?…]+["')\]]*(?=\s|$)/ retries the
// run from each of its characters when no space follows, which is quadratic on a long run of dots.
const TERMINATORS = new Set(['.', '!', '?', '…']);
const CLOSERS = new Set(['"', "'", '”', '’', ')', ']']);
const SPACE = /\s/;

// Titles and street words end in a dot without ending the sentence ("Mr. Smith", "Main St. closed").
const ABBREVIATION_BEFORE = /(?:^|[^\p{L}])(?:mr|mrs|ms|dr|st|ave|blvd|jr|sr|lt|sgt|capt|det|ofc|sen|rep|prof|vs|approx)$/iu;

const isLineBreak = (ch: string | undefined): boolean => ch === '\n' || ch === '\r';

/** Where each sentence ends: just after its closing punctuation or its line break, in order. */
function sentenceEnds(raw: string): number[] {
  const ends: number[] = [];
  const n = raw.length;
  let i = 0;
  while (i < n) {
    const ch = raw[i]!;
    if (isLineBreak(ch)) {
      // \r\n is one line break.
      i += ch === '\r' && raw[i + 1] === '\n' ? 2 : 1;
      ends.push(i);
      continue;
    }
    if (!TERMINATORS.has(ch)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && TERMINATORS.has(raw[j]!)) j++;
    while (j < n && CLOSERS.has(raw[j]!)) j++;
    const followedBySpace = j === n || SPACE.test(raw[j]!);
    const abbreviation = ch === '.' && j === i + 1 && ABBREVIATION_BEFORE.test(raw.slice(Math.max(0, i - 6), i));
    if (followedBySpace && !abbreviation) ends.push(j);
    // A run not followed by space ends no sentence from any of its characters: go on after it.
    i = j;
  }
  return ends;
}

/** Sentence spans of the original text, trimmed of surrounding white space; empty ones dropped. */
export function splitSentences(raw: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number): void => {
    let from = start;
    let to = end;
    while (from < to && SPACE.test(raw[from]!)) from++;
    while (to > from && SPACE.test(raw[to - 1]!)) to--;
    if (to > from) spans.push({ offset: from, length: to - from });
  };
  for (const end of sentenceEnds(raw)) {
    push(end);
    start = end;
  }
  push(raw.length);
  return spans;
}

/** 1-based line and column of an original offset, with a precomputed table of line starts. */
export function lineStarts(raw: string): number[] {
  const starts = [0];
  // A line ends at \n, \r\n or a lone \r (old Mac files and some exports use CR alone).
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code === 10 || (code === 13 && raw.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
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
