import type { Hit, PostDocument, Severity, Span } from '../types';
import { PhraseMatcher, loadLexiconData } from '../text/lexicon';
import { tokenSpan } from './shared';

/**
 * A small rule engine over cue categories, shared by the public-safety (6.1.13) and citations (6.1.5)
 * screeners.
 *
 * Their signals are rarely a single word: "officers" and "behind the library" are each harmless, "officers are
 * staged behind the library" is not. So the lexicon is a set of cue CATEGORIES (phrase lists) and RULES
 * that fire when every category a rule names occurs in one sentence, close together. The same small engine
 * runs both screeners.
 */

/**
 * One occurrence of a cue category in the original text. Cues are kept in lists by category, so a cue
 * is a bare span: a post with half a million numbers holds half a million spans, not twice as many objects.
 */
export type Cue = Span;

const endOf = (c: Cue): number => c.offset + c.length;

/** A built-in category: a pattern on the raw text that word phrases cannot express ("#digits", "#percent"). */
export interface BuiltinCue {
  find: (raw: string) => Span[];
  /** Cheap prefilter, as in gitleaks: the pattern runs only if the lowercased post contains one of these. */
  keywords?: string[];
}

export type BuiltinCues = Record<string, BuiltinCue>;

export interface CueRule {
  id: string;
  severity: Severity;
  /** Slots that must all occur in one sentence; a slot is a category or a list of alternative categories. */
  all: Array<string | string[]>;
  /** The slots must occur in the listed order. */
  ordered?: boolean;
  /** Longest span, in characters, the cues of two or more slots may cover together (default 80). */
  within?: number;
  /** Categories that make the sentence benign ("training exercise", "zip code"). */
  none?: string[];
  /** Categories that make the whole post benign (a source or credit anywhere in it). */
  unlessPostHas?: string[];
  note: string;
  suggestion: string;
  sources?: string[];
}

export interface CueLexicon {
  id: string;
  clause: string;
  description?: string;
  sources?: string[];
  /** Category → phrases in lexicon term syntax (stem, `=exact`, `prefix*`); `es` phrases use the Spanish stemmer. */
  cues: Record<string, { en?: string[]; es?: string[]; note?: string }>;
  rules: CueRule[];
}

interface CompiledCues {
  lexicon: CueLexicon;
  phrases: PhraseMatcher<string>;
}

const DEFAULT_WITHIN = 80;
const compiledCues = new Map<string, CompiledCues>();

function slotCategories(slot: string | string[]): string[] {
  return typeof slot === 'string' ? [slot] : slot;
}

/** Loads `lexicons/<name>.json` once, checking that every category a rule names is defined. */
function compiledLexicon(name: string, builtins: BuiltinCues): CompiledCues {
  let compiled = compiledCues.get(name);
  if (compiled) return compiled;
  const lexicon = loadLexiconData<CueLexicon>(name);
  const phrases = new PhraseMatcher<string>();
  for (const [category, lists] of Object.entries(lexicon.cues)) {
    for (const term of lists.en ?? []) phrases.add(term, 'en', category);
    for (const term of lists.es ?? []) phrases.add(term, 'es', category);
  }
  for (const rule of lexicon.rules) {
    const named = [...rule.all.flatMap(slotCategories), ...(rule.none ?? []), ...(rule.unlessPostHas ?? [])];
    for (const category of named) {
      if (!(category in lexicon.cues) && !(category in builtins)) {
        throw new Error(`lexicon ${name}: rule ${rule.id} names unknown cue category "${category}"`);
      }
    }
  }
  compiled = { lexicon, phrases };
  compiledCues.set(name, compiled);
  return compiled;
}

type CuesByCategory = Map<string, Cue[]>;

/** Every cue in the post, phrase and built-in, by category; each category's cues come in original-text order. */
function findCues(doc: PostDocument, phrases: PhraseMatcher<string>, builtins: BuiltinCues): CuesByCategory {
  const groups: CuesByCategory = new Map();
  for (const m of phrases.match(doc.tokens)) {
    const span = tokenSpan(doc, m.firstToken, m.endToken);
    const list = groups.get(m.payload);
    if (list) list.push(span);
    else groups.set(m.payload, [span]);
  }
  const lower = doc.raw.toLowerCase();
  for (const [category, { find, keywords }] of Object.entries(builtins)) {
    if (keywords && !keywords.some((k) => lower.includes(k))) continue;
    const found = find(doc.raw);
    if (found.length > 0) groups.set(category, found);
  }
  return groups;
}

/** Index of the sentence a position falls in (the last one starting at or before it). */
function sentenceAt(sentences: Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sentences[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The cues of each sentence that has any, by category, in sentence order; a cue belongs to the sentence it starts in. */
function cuesBySentence(doc: PostDocument, cues: CuesByCategory): CuesByCategory[] {
  const bySentence = new Map<number, CuesByCategory>();
  for (const [category, list] of cues) {
    for (const cue of list) {
      const index = sentenceAt(doc.sentences, cue.offset);
      let groups = bySentence.get(index);
      if (!groups) bySentence.set(index, (groups = new Map()));
      const same = groups.get(category);
      if (same) same.push(cue);
      else groups.set(category, [cue]);
    }
  }
  return [...bySentence.keys()].sort((a, b) => a - b).map((index) => bySentence.get(index)!);
}

function cuesOf(slot: string | string[], cues: CuesByCategory): Cue[] {
  const categories = slotCategories(slot);
  if (categories.length === 1) return cues.get(categories[0]!) ?? [];
  return categories.flatMap((c) => cues.get(c) ?? []).sort((a, b) => a.offset - b.offset);
}

/** Index of the first cue starting at or after `offset` (cues sorted by offset). */
function firstFrom(list: Cue[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function distance(a: Cue, b: Cue): number {
  return Math.max(0, a.offset - endOf(b), b.offset - endOf(a));
}

function nearest(list: Cue[], anchor: Cue): Cue | undefined {
  const i = firstFrom(list, anchor.offset);
  const candidates = [list[i - 1], list[i]].filter((c): c is Cue => c !== undefined);
  return candidates.sort((a, b) => distance(a, anchor) - distance(b, anchor))[0];
}

/** The cues chosen for a rule's slots around one occurrence of its first slot, or undefined. */
function chooseAround(anchor: Cue, others: Cue[][], ordered: boolean): Cue[] | undefined {
  const chosen = [anchor];
  for (const list of others) {
    const previous = chosen[chosen.length - 1]!;
    const next = ordered ? list[firstFrom(list, endOf(previous))] : nearest(list, anchor);
    if (!next) return undefined;
    chosen.push(next);
  }
  return chosen;
}

/** Where a rule fires in one sentence: the cues it matched, or undefined. Binary searches keep it n·log n. */
function matchRule(rule: CueRule, cues: CuesByCategory): Cue[] | undefined {
  if (rule.none?.some((c) => cues.has(c))) return undefined;
  const lists: Cue[][] = [];
  for (const slot of rule.all) {
    const list = cuesOf(slot, cues);
    if (list.length === 0) return undefined;
    lists.push(list);
  }
  const within = lists.length > 1 ? rule.within ?? DEFAULT_WITHIN : Infinity;
  const [anchors, ...others] = lists;
  for (const anchor of anchors!) {
    const chosen = chooseAround(anchor, others, rule.ordered ?? false);
    if (chosen && coverOf(chosen).length <= within) return chosen;
  }
  return undefined;
}

function coverOf(cues: Cue[]): Span {
  const offset = Math.min(...cues.map((c) => c.offset));
  return { offset, length: Math.max(...cues.map(endOf)) - offset };
}

/** True when the post holds a cue of these categories that is not just part of the rule's own cues ("say" in "experts say"). */
function postHas(categories: string[], all: CuesByCategory, own: Cue[]): boolean {
  const insideOwn = (c: Cue): boolean => own.some((o) => o.offset <= c.offset && endOf(c) <= endOf(o));
  return categories.some((category) => (all.get(category) ?? []).some((c) => !insideOwn(c)));
}

export interface CueHitOptions {
  /** Report only the first rule (in lexicon order) that fires in each sentence. */
  onePerSentence?: boolean;
}

/** Hits of a cue lexicon's rules on a post: at most one per rule and sentence, spanning the cues that matched. */
export function cueHits(doc: PostDocument, name: string, builtins: BuiltinCues, options: CueHitOptions = {}): Hit[] {
  const { lexicon, phrases } = compiledLexicon(name, builtins);
  const wholePost = findCues(doc, phrases, builtins);
  if (wholePost.size === 0) return [];
  const hits: Hit[] = [];
  for (const sentence of cuesBySentence(doc, wholePost)) {
    for (const rule of lexicon.rules) {
      const matched = matchRule(rule, sentence);
      if (!matched || (rule.unlessPostHas && postHas(rule.unlessPostHas, wholePost, matched))) continue;
      hits.push({
        ...coverOf(matched),
        ruleId: rule.id,
        clause: lexicon.clause,
        severity: rule.severity,
        message: rule.note,
        suggestion: rule.suggestion,
      });
      if (options.onePerSentence) break;
    }
  }
  return hits;
}

/** A built-in cue matching a global regex, run only when the post contains one of the keywords. */
export function regexCue(pattern: RegExp, keywords?: string[]): BuiltinCue {
  return { find: (raw) => Array.from(raw.matchAll(pattern), (m) => ({ offset: m.index ?? 0, length: m[0].length })), keywords };
}

export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
