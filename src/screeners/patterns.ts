import type { Hit, Span } from '../types';

/**
 * Helpers for the screeners that match shapes in the raw text (credentials, personal data): regex
 * rules kept as data, compiled once, plus the checksums and measures that tell a real number or key
 * from a look-alike. Patterns must stay linear in the post length: no nested quantifiers, and no two
 * unbounded runs of the same characters that can meet across optional parts (`[ \t]*(?:#)?[ \t]*`
 * retries every split of a long run of spaces: write `(?:[ \t]*#)?[ \t]*`). Each screener's tests
 * hold a complexity guard on its worst inputs.
 */

/** A regex rule as written in a lexicon. */
export interface PatternRuleData {
  id: string;
  /** Why it matters, in plain words: becomes the finding's message. */
  note: string;
  suggestion?: string;
  pattern: string;
  flags?: string;
  /** Cheap prefilter: the pattern runs only when one of these (lowercase) occurs in the lowercased post. */
  keywords?: string[];
  /** Cheap prefilter: the pattern runs only when this simple regex matches the post. */
  trigger?: string;
  /** Capture group holding the secret or number; 0 = the whole match. */
  group?: number;
  /** Capture group of the part that is a secret, masked in reports (default: `group`). */
  secretGroup?: number;
  [extra: string]: unknown;
}

/** A rule's pattern compiled once, with its prefilters. */
export interface CompiledPattern<R extends PatternRuleData> {
  rule: R;
  regex: RegExp;
  trigger?: RegExp;
}

/**
 * Compiles a lexicon pattern: global, plus any extra flags. Unicode mode only when the pattern uses
 * \p{…} (irregexp is several times slower in Unicode mode, above all with `i`); group indices (`d`)
 * only when a capture group is the span, since they cost an allocation per match.
 */
export function compilePattern(pattern: string, flags = '', groupIndices = false): RegExp {
  const unicode = /\\[pPu]\{/.test(pattern) ? 'u' : '';
  const all = new Set(`g${groupIndices ? 'd' : ''}${unicode}${flags}`);
  try {
    return new RegExp(pattern, [...all].join(''));
  } catch (err) {
    throw new Error(`bad pattern ${pattern}: ${(err as Error).message}`);
  }
}

/** Replaces `{NAME}` with the macro of that name (macros may use other macros). */
export function expandMacros(pattern: string, macros: Record<string, string>): string {
  let expanded = pattern;
  for (let depth = 0; depth < 5 && /\{[A-Z_0-9]+\}/.test(expanded); depth++) {
    expanded = expanded.replace(/\{([A-Z_][A-Z_0-9]*)\}/g, (whole, name: string) => macros[name] ?? whole);
  }
  return expanded;
}

export function compileRule<R extends PatternRuleData>(rule: R, expand: (pattern: string) => string = (p) => p): CompiledPattern<R> {
  const regex = compilePattern(expand(rule.pattern), rule.flags, Math.max(rule.group ?? 0, rule.secretGroup ?? 0) > 0);
  return rule.trigger === undefined ? { rule, regex } : { rule, regex, trigger: new RegExp(rule.trigger) };
}

/** All keywords of a rule set in one regex: one pass over a post tells which rules can match. */
export interface KeywordIndex {
  finder: RegExp | undefined;
  /** For each keyword, the keywords it contains (itself included): they occur wherever it does. */
  implied: Map<string, string[]>;
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function keywordIndex(rules: readonly PatternRuleData[]): KeywordIndex {
  const keywords = [...new Set(rules.flatMap((r) => r.keywords ?? []))].sort((a, b) => b.length - a.length);
  const implied = new Map(keywords.map((k) => [k, keywords.filter((other) => k.includes(other))]));
  // A zero-width lookahead tries every position, so overlapping keywords are all seen; the longest wins at a position.
  const finder = keywords.length > 0 ? new RegExp(`(?=(${keywords.map(escapeRegex).join('|')}))`, 'g') : undefined;
  return { finder, implied };
}

export function keywordsIn(index: KeywordIndex, lowerText: string): Set<string> {
  const present = new Set<string>();
  if (!index.finder) return present;
  index.finder.lastIndex = 0;
  for (const m of lowerText.matchAll(index.finder)) for (const k of index.implied.get(m[1]!) ?? []) present.add(k);
  return present;
}

const ruleIndexes = new WeakMap<readonly object[], { byKeyword: Map<string, number[]>; unkeyed: number[] }>();

/**
 * The rules of a list that can match a post, in list order: those without keywords and those with a
 * keyword present. With a hundred and more rules, most posts need only a few of them looked at.
 */
export function rulesWithKeywords<C extends CompiledPattern<PatternRuleData>>(rules: readonly C[], present: Set<string>): C[] {
  let index = ruleIndexes.get(rules);
  if (!index) {
    const built = { byKeyword: new Map<string, number[]>(), unkeyed: [] as number[] };
    rules.forEach((cr, i) => {
      const keywords = cr.rule.keywords ?? [];
      if (keywords.length === 0) built.unkeyed.push(i);
      for (const k of keywords) built.byKeyword.set(k, [...(built.byKeyword.get(k) ?? []), i]);
    });
    ruleIndexes.set(rules, built);
    index = built;
  }
  const picked = new Set(index.unkeyed);
  for (const k of present) for (const i of index.byKeyword.get(k) ?? []) picked.add(i);
  return [...picked].sort((a, b) => a - b).map((i) => rules[i]!);
}

/** A post with more findings than this for one rule is reported with the first ones only. */
export const MAX_FINDINGS_PER_RULE = 50;

/**
 * The spans a rule finds in `text`: each match, through `accept` (which validates it and may narrow
 * it, or returns null), up to MAX_FINDINGS_PER_RULE. Nothing runs when none of the rule's keywords is
 * present or its trigger does not match.
 */
export function ruleSpans<R extends PatternRuleData, S extends Span>(
  compiled: CompiledPattern<R>,
  text: string,
  present: Set<string>,
  accept: (match: RegExpExecArray) => S | null,
): S[] {
  const { keywords } = compiled.rule;
  if (keywords && keywords.length > 0 && !keywords.some((k) => present.has(k))) return [];
  if (compiled.trigger && !compiled.trigger.test(text)) return [];
  const spans: S[] = [];
  compiled.regex.lastIndex = 0;
  for (const match of text.matchAll(compiled.regex)) {
    const span = accept(match);
    if (span) spans.push(span);
    if (spans.length >= MAX_FINDINGS_PER_RULE) break;
  }
  return spans;
}

/** Span and text of a match's group (the whole match when the group is absent or did not take part). */
export function groupSpan(match: RegExpExecArray, group = 0): Span & { text: string } {
  const text = match[group];
  const range = match.indices?.[group];
  if (text === undefined || !range) return { offset: match.index, length: match[0].length, text: match[0] };
  return { offset: range[0], length: text.length, text };
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Luhn (mod 10) check used by payment card numbers. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616 mod-97 check of a compact IBAN (letters and digits only). */
export function ibanChecksumValid(iban: string): boolean {
  const rearranged = (iban.slice(4) + iban.slice(0, 4)).toUpperCase();
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

const INVISIBLE = /[\p{Cf}\u034F]/u;
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/u;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/u;

/**
 * The raw text with look-alike characters made plain WITHOUT changing any offset: digits of any
 * script and full-width forms become ASCII, Unicode dashes become "-", odd spaces and invisible
 * characters become a space. So "４１１１‑１１１１‑…" or a card number split by no-break or zero-width
 * spaces still matches, and every match offset is an offset of the original text.
 */
export function plainShapes(raw: string): string {
  return raw.replace(/[^\x00-\x7f]/g, plainChar);
}

const plainChars = new Map<string, string>();

/** One UTF-16 unit as its plain ASCII look-alike (cached), or itself. */
function plainChar(ch: string): string {
  let plain = plainChars.get(ch);
  if (plain === undefined) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) plain = String.fromCharCode(code - 0xfee0);
    else if (DASHES.test(ch)) plain = '-';
    else if (SPACES.test(ch) || INVISIBLE.test(ch)) plain = ' ';
    else if (/\p{Nd}/u.test(ch)) plain = asciiDigit(ch);
    else plain = ch;
    if (plainChars.size < 10000) plainChars.set(ch, plain);
  }
  return plain;
}

/** The ASCII digit for a one-unit decimal digit of another script (Arabic-Indic, Devanagari, …). */
function asciiDigit(ch: string): string {
  const code = ch.charCodeAt(0);
  // Unicode decimal digits come in contiguous runs of ten, each starting with its zero.
  let start = code;
  while (code - start < 60 && /\p{Nd}/u.test(String.fromCharCode(start - 1))) start--;
  return String((code - start) % 10);
}

/**
 * Hits sorted by position with overlaps removed: of overlapping hits, the one from the earlier-listed
 * rule (the more specific) wins. `hits` must be in rule order; one sort, one sweep.
 */
export function withoutOverlaps(hits: Hit[]): Hit[] {
  const ranked = hits.map((hit, rank) => ({ hit, rank })).sort((a, b) => a.hit.offset - b.hit.offset || a.rank - b.rank);
  const kept: Array<{ hit: Hit; rank: number }> = [];
  for (const current of ranked) {
    const last = kept[kept.length - 1];
    if (!last || current.hit.offset >= last.hit.offset + last.hit.length) kept.push(current);
    else if (current.rank < last.rank) kept[kept.length - 1] = current;
  }
  return kept.map((k) => k.hit);
}
