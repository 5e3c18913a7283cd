import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FoldedText, Span } from '../types';

/**
 * Folding turns evasive spellings into plain lowercase words while remembering, for every folded
 * character, which original characters it came from. Matchers work on the folded text and report
 * spans of the original.
 */

interface Unit {
  ch: string;
  start: number;
  end: number;
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

// Digits followed by these are ordinary numbers ("4th", "10am", "5pm"), never leetspeak.
const NUMBER_WITH_UNIT = /^\d+(?:st|nd|rd|th|am|pm|s|k|m|g|x|mph|km|mi|ft|lbs?|oz|h|hrs?|min|yr|yrs)$/;
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u;
const COMBINING = /\p{M}/u;
const LETTER = /\p{L}/u;
const SPLIT_SEPARATOR = /[.\-_*~·•\s]/;

function isLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  return LETTER.test(ch);
}

/** Step 1: drop invisible characters; NFKC, strip accents, lowercase and un-disguise each code point. */
function foldCodePoints(raw: string): Unit[] {
  const units: Unit[] = [];
  let offset = 0;
  for (const cp of raw) {
    const start = offset;
    offset += cp.length;
    const code = cp.charCodeAt(0);
    if (code < 0x80) {
      // ASCII fast path: the common case needs only lowercasing.
      units.push({ ch: code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : cp, start, end: offset });
      continue;
    }
    if (INVISIBLE.test(cp)) continue;
    // Look-alike tables first: NFKC would turn some of them (ϲ → ς) into other letters.
    const lower = CAPITAL_LOOKALIKES[cp] ?? LOOKALIKES[cp] ?? cp.normalize('NFKC').toLowerCase();
    const plain = LOOKALIKES[lower] ?? stripMarks(lower);
    for (const ch of plain) {
      for (let k = 0; k < ch.length; k++) units.push({ ch: ch[k] ?? '', start, end: offset });
    }
  }
  return units;
}

function stripMarks(s: string): string {
  if (s.length === 1 && s.charCodeAt(0) < 0xc0) return s;
  let out = '';
  for (const ch of s.normalize('NFD')) if (!COMBINING.test(ch)) out += LOOKALIKES[ch] ?? ch;
  return out;
}

const STRICT_LEET = new Set(['!', '|', '@']);

function isLeet(ch: string | undefined): boolean {
  return ch !== undefined && ch in LEET;
}

function isRunChar(ch: string): boolean {
  return isLetter(ch) || (ch >= '0' && ch <= '9') || ch in LEET;
}

/** Step 2: read digits and symbols inside words as the letters they stand for ("sh1t", "a$$hole", "@ss"). */
function undoLeetspeak(units: Unit[]): void {
  let i = 0;
  while (i < units.length) {
    if (!isRunChar(units[i]!.ch)) { i++; continue; }
    let j = i;
    while (j < units.length && isRunChar(units[j]!.ch)) j++;
    convertRun(units, i, j);
    i = j;
  }
}

/** The first character after position k (within the run) that is not a leet symbol: "sh!!t" → t, "idiot!!" → none. */
function firstNonLeetAfter(units: Unit[], k: number, to: number): string | undefined {
  for (let i = k + 1; i < to; i++) if (!isLeet(units[i]!.ch)) return units[i]!.ch;
  return undefined;
}

function convertRun(units: Unit[], from: number, to: number): void {
  const run = units.slice(from, to).map((u) => u.ch).join('');
  let letters = 0;
  for (const ch of run) if (isLetter(ch)) letters++;
  if (letters < 2 || NUMBER_WITH_UNIT.test(run)) return;
  for (let k = from; k < to; k++) {
    const unit = units[k]!;
    const letter = LEET[unit.ch];
    if (letter === undefined) continue;
    const before = k > from ? units[k - 1]!.ch : undefined;
    const after = k + 1 < to ? units[k + 1]!.ch : undefined;
    // '!' and '|' end sentences, '@' opens handles: those count only between letters.
    const convert = STRICT_LEET.has(unit.ch)
      ? isLetter(before) && isLetter(firstNonLeetAfter(units, k, to))
      : isLetter(before) || isLetter(after) || isLeet(before) || isLeet(after);
    if (convert) {
      unit.ch = letter;
    }
  }
}

/** Step 3: join single letters split by one separator ("f.u.c.k", "f u c k", "f-u-c-k"): 3 letters or more. */
function joinSplitLetters(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    const end = splitRunEnd(units, i);
    if (end > 0) {
      for (let k = i; k < end; k += 2) out.push(units[k]!);
      i = end;
    } else {
      out.push(units[i]!);
      i++;
    }
  }
  return out;
}

/** If a split-letter run starts at i, the index just after its last letter; otherwise 0. */
function splitRunEnd(units: Unit[], i: number): number {
  if (!isLetter(units[i]?.ch) || isLetter(units[i - 1]?.ch)) return 0;
  let k = i;
  let letters = 1;
  while (SPLIT_SEPARATOR.test(units[k + 1]?.ch ?? '') && isLetter(units[k + 2]?.ch) && !isLetter(units[k + 3]?.ch)) {
    // The separator must be the same throughout, so "a. b. c." style lists and sentences stay apart.
    if (k > i && units[k + 1]!.ch !== units[i + 1]!.ch) break;
    k += 2;
    letters++;
  }
  return letters >= 3 ? k + 1 : 0;
}

/** Step 4: squeeze a letter repeated 3 times or more to one ("fuuuuck" → "fuck"). */
function squeezeRepeats(units: Unit[]): Unit[] {
  const out: Unit[] = [];
  let i = 0;
  while (i < units.length) {
    let j = i + 1;
    while (j < units.length && units[j]!.ch === units[i]!.ch) j++;
    if (j - i >= 3 && isLetter(units[i]!.ch)) {
      out.push({ ch: units[i]!.ch, start: units[i]!.start, end: units[j - 1]!.end });
    } else {
      for (let k = i; k < j; k++) out.push(units[k]!);
    }
    i = j;
  }
  return out;
}

export function foldText(raw: string): FoldedText {
  const units = foldCodePoints(raw);
  undoLeetspeak(units);
  const folded = squeezeRepeats(joinSplitLetters(units));
  const start = new Uint32Array(folded.length);
  const end = new Uint32Array(folded.length);
  let text = '';
  folded.forEach((u, i) => {
    text += u.ch;
    start[i] = u.start;
    end[i] = u.end;
  });
  return { text, start, end };
}

/**
 * The folded form of a lexicon word or phrase, memoized. Compiling the lexicons folds thousands of
 * terms; their folded forms are saved at build time (scripts/build-compile-cache.js) so a cold start
 * only looks them up.
 */
export const FOLD_CACHE_FILE = join(__dirname, '..', 'fold-cache.json');
const foldCache = new Map<string, string>();
let foldCacheSeeded = false;

export function foldTerm(term: string): string {
  if (!foldCacheSeeded) {
    foldCacheSeeded = true;
    try {
      for (const [k, v] of Object.entries(JSON.parse(readFileSync(FOLD_CACHE_FILE, 'utf8')) as Record<string, string>)) foldCache.set(k, v);
    } catch {
      // No saved cache (running from source): fold as needed.
    }
  }
  let folded = foldCache.get(term);
  if (folded === undefined) {
    folded = foldText(term).text;
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
  return { offset, length: folded.end[to - 1]! - offset };
}
