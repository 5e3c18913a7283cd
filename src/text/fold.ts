import { join } from 'node:path';
import { readSavedTable } from './saved';
import type { FoldedText, Span } from '../types';

/**
 * Folding turns evasive spellings into plain lowercase words while remembering, for every folded
 * character, which original characters it came from. Matchers work on the folded text and report
 * spans of the original.
 */

/** A span this long or longer is kept in Units.longEnds (only a squeezed repeat can be). */
const LONG_SPAN = 255;

/** End of unit i from its start and one-byte span (or its entry in `longEnds`). */
function unitEnd(start: Uint32Array, span: Uint8Array, longEnds: Map<number, number>, i: number): number {
  const length = span[i]!;
  return length === LONG_SPAN ? longEnds.get(i)! : start[i]! + length;
}

/**
 * Folded units live in typed arrays (a UTF-16 code, the original start and the original length of
 * each), not in one object per character: a 1 MB post folds in about seven bytes per character instead
 * of a hundred. The length is one byte: a unit comes from one code point (1 or 2 units of the
 * original), except a squeezed repeat, whose end, when 255 characters or more away, is in `longEnds`.
 */
class Units {
  code: Uint16Array;
  start: Uint32Array;
  span: Uint8Array;
  /** End of each unit whose span is LONG_SPAN or more, by unit index. */
  readonly longEnds = new Map<number, number>();
  length = 0;
  /** Whether a lone surrogate was folded (the text then cannot go through TextDecoder unchanged). */
  loneSurrogate = false;

  constructor(capacity: number) {
    this.code = new Uint16Array(capacity);
    this.start = new Uint32Array(capacity);
    this.span = new Uint8Array(capacity);
  }

  push(code: number, start: number, end: number): void {
    if (this.length === this.code.length) this.grow();
    this.code[this.length] = code;
    this.start[this.length] = start;
    this.span[this.length] = end - start;
    this.length++;
  }

  end(i: number): number {
    return unitEnd(this.start, this.span, this.longEnds, i);
  }

  /** Unit i becomes a copy of unit k (k >= i: passes compact the units in place, front to back). */
  copy(i: number, k: number): void {
    this.code[i] = this.code[k]!;
    this.start[i] = this.start[k]!;
    this.span[i] = this.span[k]!;
  }

  /** Unit i covers the original [start, end) (a squeezed repeat: one unit for the run). */
  setSpan(i: number, start: number, end: number): void {
    this.start[i] = start;
    if (end - start < LONG_SPAN) {
      this.span[i] = end - start;
    } else {
      this.span[i] = LONG_SPAN;
      this.longEnds.set(i, end);
    }
  }

  /** Keeps the first `length` units (after a pass that compacted them in place). */
  truncate(length: number): void {
    this.length = length;
  }

  private grow(): void {
    const capacity = Math.max(16, Math.ceil(this.code.length * 1.5));
    const copy = <T extends Uint8Array | Uint16Array | Uint32Array>(from: T, to: T): T => (to.set(from), to);
    this.code = copy(this.code, new Uint16Array(capacity));
    this.start = copy(this.start, new Uint32Array(capacity));
    this.span = copy(this.span, new Uint8Array(capacity));
  }
}

// Letters that look like Latin ones but are other code points NFKC leaves alone.
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ɡ: 'g', ƒ: 'f', ß: 'ss', ø: 'o', đ: 'd', ł: 'l',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  ϲ: 'c', ɑ: 'a', ɩ: 'i', ʏ: 'y', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k',
  ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z',
};

// Capitals checked before lowercasing: Greek capital Nu looks like N, its lowercase like v.
const CAPITAL_LOOKALIKES: Record<string, string> = {
  Α: 'a', Β: 'b', Ε: 'e', Ζ: 'z', Η: 'h', Ι: 'i', Κ: 'k', Μ: 'm', Ν: 'n', Ο: 'o', Ρ: 'p', Τ: 't', Υ: 'y', Χ: 'x', Ϲ: 'c',
  А: 'a', В: 'b', Е: 'e', К: 'k', М: 'm', Н: 'h', О: 'o', Р: 'p', С: 'c', Т: 't', Х: 'x', У: 'y', Ѕ: 's', І: 'i', Ј: 'j',
};

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', '@': 'a', '!': 'i', '|': 'l' };

/** LEET by character code: the letter's code, or 0. */
const LEET_CODE = new Uint16Array(128);
for (const [symbol, letter] of Object.entries(LEET)) LEET_CODE[symbol.charCodeAt(0)] = letter.charCodeAt(0);
// '!' and '|' end sentences, '@' opens handles: those count only between letters.
const STRICT_LEET = new Set(['!', '|', '@'].map((c) => c.charCodeAt(0)));

// Digits followed by these are ordinary numbers ("4th", "10am", "5pm"), never leetspeak.
const NUMBER_WITH_UNIT = /^\d+(?:st|nd|rd|th|am|pm|s|k|m|g|x|mph|km|mi|ft|lbs?|oz|h|hrs?|min|yr|yrs)$/;
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;
const SPLIT_SEPARATOR = new Set(['.', '-', '_', '*', '~', '·', '•'].map((c) => c.charCodeAt(0)));
const SPACE = /\s/;

/** Whether each UTF-16 unit above ASCII is a letter: 0 not yet known, 1 yes, 2 no (filled as met). */
const letterTable = new Uint8Array(65536);

function isLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  let known = letterTable[code]!;
  if (known === 0) letterTable[code] = known = LETTER.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** A unit code at i, or -1 outside [0, length). */
function codeAt(units: Units, i: number): number {
  return i >= 0 && i < units.length ? units.code[i]! : -1;
}

const isLetterAt = (units: Units, i: number): boolean => {
  const code = codeAt(units, i);
  return code >= 0 && isLetterCode(code);
};

const isLeetCode = (code: number): boolean => code >= 0 && code < 128 && LEET_CODE[code] !== 0;

function isRunCode(code: number): boolean {
  return isLetterCode(code) || (code >= 0x30 && code <= 0x39) || isLeetCode(code);
}

function isSeparatorCode(code: number): boolean {
  return SPLIT_SEPARATOR.has(code) || (code >= 0 && SPACE.test(String.fromCharCode(code)));
}

/** How a non-ASCII code point folds: its plain letters ('' when invisible), cached (posts repeat few of them). */
const foldedCodePoints = new Map<string, string>();
const CODE_POINT_CACHE_LIMIT = 20_000;

function foldCodePoint(cp: string): string {
  let plain = foldedCodePoints.get(cp);
  if (plain === undefined) {
    if (INVISIBLE.test(cp)) {
      plain = '';
    } else {
      // Look-alike tables first: NFKC would turn some of them (ϲ → ς) into other letters.
      const lower = CAPITAL_LOOKALIKES[cp] ?? LOOKALIKES[cp] ?? cp.normalize('NFKC').toLowerCase();
      plain = LOOKALIKES[lower] ?? stripMarks(lower);
    }
    if (foldedCodePoints.size < CODE_POINT_CACHE_LIMIT) foldedCodePoints.set(cp, plain);
  }
  return plain;
}

/** Step 1: drop invisible characters; NFKC, strip accents, lowercase and un-disguise each code point. */
function foldCodePoints(raw: string): Units {
  const units = new Units(raw.length + 16);
  for (let offset = 0; offset < raw.length; ) {
    const start = offset;
    const code = raw.charCodeAt(offset);
    if (code < 0x80) {
      // ASCII fast path: the common case needs only lowercasing.
      offset++;
      units.push(code >= 0x41 && code <= 0x5a ? code + 32 : code, start, offset);
      continue;
    }
    const pair = code >= 0xd800 && code <= 0xdbff && offset + 1 < raw.length && (raw.charCodeAt(offset + 1) & 0xfc00) === 0xdc00;
    if (!pair && (code & 0xf800) === 0xd800) units.loneSurrogate = true;
    offset += pair ? 2 : 1;
    const plain = foldCodePoint(raw.slice(start, offset));
    for (let k = 0; k < plain.length; k++) units.push(plain.charCodeAt(k), start, offset);
  }
  return units;
}

function stripMarks(s: string): string {
  if (s.length === 1 && s.charCodeAt(0) < 0xc0) return s;
  let out = '';
  for (const ch of s.normalize('NFD')) if (!COMBINING.test(ch)) out += LOOKALIKES[ch] ?? ch;
  return out;
}

/** Step 2: read digits and symbols inside words as the letters they stand for ("sh1t", "a$$hole", "@ss"). */
function undoLeetspeak(units: Units): void {
  let i = 0;
  while (i < units.length) {
    if (!isRunCode(units.code[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < units.length && isRunCode(units.code[j]!)) j++;
    convertRun(units, i, j);
    i = j;
  }
}

function runText(units: Units, from: number, to: number): string {
  let text = '';
  for (let k = from; k < to; k += 8192) text += String.fromCharCode(...units.code.subarray(k, Math.min(to, k + 8192)));
  return text;
}

function convertRun(units: Units, from: number, to: number): void {
  let letters = 0;
  for (let k = from; k < to && letters < 2; k++) if (isLetterCode(units.code[k]!)) letters++;
  if (letters < 2) return;
  const first = units.code[from]!;
  if (first >= 0x30 && first <= 0x39 && NUMBER_WITH_UNIT.test(runText(units, from, to))) return;
  // The first unit after k that is not a leet symbol ("sh!!t" → t): one pointer moving forward, since
  // only units before it have been converted yet.
  let nonLeet = from;
  for (let k = from; k < to; k++) {
    const code = units.code[k]!;
    const letter = code < 128 ? LEET_CODE[code]! : 0;
    if (letter === 0) continue;
    const before = k > from ? units.code[k - 1]! : -1;
    const after = k + 1 < to ? units.code[k + 1]! : -1;
    let convert: boolean;
    if (STRICT_LEET.has(code)) {
      if (nonLeet <= k) nonLeet = k + 1;
      while (nonLeet < to && isLeetCode(units.code[nonLeet]!)) nonLeet++;
      convert = before >= 0 && isLetterCode(before) && nonLeet < to && isLetterCode(units.code[nonLeet]!);
    } else {
      convert = (before >= 0 && isLetterCode(before)) || (after >= 0 && isLetterCode(after)) || isLeetCode(before) || isLeetCode(after);
    }
    if (convert) units.code[k] = letter;
  }
}

/** Step 3: join single letters split by one separator ("f.u.c.k", "f u c k", "f-u-c-k"): 3 letters or more. */
function joinSplitLetters(units: Units): void {
  let out = 0;
  let i = 0;
  const keep = (k: number): void => units.copy(out++, k);
  while (i < units.length) {
    const end = splitRunEnd(units, i);
    if (end > 0) {
      for (let k = i; k < end; k += 2) keep(k);
      i = end;
    } else {
      keep(i);
      i++;
    }
  }
  units.truncate(out);
}

/** If a split-letter run starts at i, the index just after its last letter; otherwise 0. */
function splitRunEnd(units: Units, i: number): number {
  if (!isLetterAt(units, i) || isLetterAt(units, i - 1)) return 0;
  let k = i;
  let letters = 1;
  while (isSeparatorCode(codeAt(units, k + 1)) && isLetterAt(units, k + 2) && !isLetterAt(units, k + 3)) {
    // The separator must be the same throughout, so "a. b. c." style lists and sentences stay apart.
    if (k > i && units.code[k + 1] !== units.code[i + 1]) break;
    k += 2;
    letters++;
  }
  return letters >= 3 ? k + 1 : 0;
}

/**
 * Step 4: squeeze a letter repeated 3 times or more to one ("fuuuuck" → "fuck"). The last step: it alone
 * makes spans of LONG_SPAN or more, so no earlier pass has to move a long end along with its unit.
 */
function squeezeRepeats(units: Units): void {
  let out = 0;
  let i = 0;
  while (i < units.length) {
    const code = units.code[i]!;
    let j = i + 1;
    while (j < units.length && units.code[j] === code) j++;
    if (j - i >= 3 && isLetterCode(code)) {
      units.code[out] = code;
      units.setSpan(out, units.start[i]!, units.end(j - 1));
      out++;
    } else {
      for (let k = i; k < j; k++, out++) units.copy(out, k);
    }
    i = j;
  }
  units.truncate(out);
}

const UTF16 = new TextDecoder('utf-16le', { ignoreBOM: true });
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The folded text: decoded in one native call, unless a lone surrogate (which TextDecoder would
 * replace) is in it, or the machine's byte order is not the decoder's.
 */
function foldedString(units: Units): string {
  if (units.loneSurrogate || !LITTLE_ENDIAN) return runText(units, 0, units.length);
  const { code, length } = units;
  return UTF16.decode(new Uint8Array(code.buffer, code.byteOffset, length * 2));
}

/** The first `length` entries: a view when that is most of the array, else a copy (so a squeezed text does not keep a big buffer). */
function trimmed<T extends Uint8Array | Uint32Array>(array: T, length: number): T {
  return (length * 4 >= array.length * 3 ? array.subarray(0, length) : array.slice(0, length)) as T;
}

/** The folded text and its offset map: starts in four bytes a unit, ends as one-byte spans after them. */
class FoldedMap implements FoldedText {
  constructor(
    readonly text: string,
    readonly start: Uint32Array,
    private readonly span: Uint8Array,
    private readonly longEnds: Map<number, number>,
  ) {}

  end(i: number): number {
    return unitEnd(this.start, this.span, this.longEnds, i);
  }
}

export function foldText(raw: string): FoldedText {
  const units = foldCodePoints(raw);
  undoLeetspeak(units);
  joinSplitLetters(units);
  squeezeRepeats(units);
  return new FoldedMap(foldedString(units), trimmed(units.start, units.length), trimmed(units.span, units.length), units.longEnds);
}

/**
 * The folded form of a lexicon word or phrase, memoized. Compiling the lexicons folds thousands of
 * terms; their folded forms are saved at build time (scripts/build-compile-cache.js) so a cold start
 * only looks them up.
 */
export const FOLD_CACHE_FILE = join(__dirname, '..', 'fold-cache.json');
const foldCache = new Map<string, string>();
/** The saved forms, looked up where they are (copying them all into foldCache cost more than the lookups saved). */
let savedFolds: Record<string, string> | undefined;

export function foldTerm(term: string): string {
  let folded = foldCache.get(term);
  if (folded === undefined) {
    savedFolds ??= readSavedTable<Record<string, string>>(FOLD_CACHE_FILE, {});
    folded = Object.hasOwn(savedFolds, term) ? savedFolds[term]! : foldText(term).text;
    foldCache.set(term, folded);
  }
  return folded;
}

export function foldCacheSnapshot(): Record<string, string> {
  return Object.fromEntries(foldCache);
}

/** The original span behind folded positions [from, to). */
export function originalSpan(folded: FoldedText, from: number, to: number): Span {
  if (to <= from) return { offset: folded.start[from] ?? 0, length: 0 };
  const offset = folded.start[from]!;
  return { offset, length: folded.end(to - 1) - offset };
}
