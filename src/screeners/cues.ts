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

/** One occurrence of a cue category in the original text. */
export interface Cue {
  category: string;
  offset: number;
  end: number;
}

/** Receives each [offset, offset + length) a built-in category finds, in text order. */
export type CueSink = (offset: number, length: number) => void;

/** A built-in category: a pattern on the raw text that word phrases cannot express ("#digits", "#percent"). */
export interface BuiltinCue {
  /** Hands each occurrence to `found` (no list of spans is built: a megabyte of numbers has half a million). */
  find: (raw: string, found: CueSink) => void;
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
  /** The category whose cue is a secret (an access code): reports show it masked. */
  secret?: string;
  /**
   * Cues of every slot but the last may come from the sentence before ("What's the gate code? It's the
   * Chief's birthday."): the last slot's cue must be in the sentence itself.
   */
  withPreviousSentence?: boolean;
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
    const named = [...rule.all.flatMap(slotCategories), ...(rule.none ?? []), ...(rule.unlessPostHas ?? []), ...(rule.secret ? [rule.secret] : [])];
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

/** Every cue in the post, phrase and built-in; each category's cues come in original-text order. */
function findCues(doc: PostDocument, phrases: PhraseMatcher<string>, builtins: BuiltinCues): Cue[] {
  const cues: Cue[] = phrases.match(doc.tokens).map((m) => {
    const span = tokenSpan(doc, m.firstToken, m.endToken);
    return { category: m.payload, offset: span.offset, end: span.offset + span.length };
  });
  const lower = doc.raw.toLowerCase();
  for (const [category, { find, keywords }] of Object.entries(builtins)) {
    if (keywords && !keywords.some((k) => lower.includes(k))) continue;
    find(doc.raw, (offset, length) => cues.push({ category, offset, end: offset + length }));
  }
  return cues;
}

type CuesByCategory = Map<string, Cue[]>;

function groupByCategory(cues: Cue[]): CuesByCategory {
  const groups: CuesByCategory = new Map();
  for (const cue of cues) {
    const list = groups.get(cue.category);
    if (list) list.push(cue);
    else groups.set(cue.category, [cue]);
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

/** The cues of each sentence, by category; a cue belongs to the sentence it starts in. */
function cuesBySentence(doc: PostDocument, cues: Cue[]): CuesByCategory[] {
  const groups: CuesByCategory[] = doc.sentences.map(() => new Map());
  for (const cue of cues) {
    const sentence = groups[sentenceAt(doc.sentences, cue.offset)];
    if (!sentence) continue;
    const list = sentence.get(cue.category);
    if (list) list.push(cue);
    else sentence.set(cue.category, [cue]);
  }
  return groups;
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
  return Math.max(0, a.offset - b.end, b.offset - a.end);
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
    const next = ordered ? list[firstFrom(list, previous.end)] : nearest(list, anchor);
    if (!next) return undefined;
    chosen.push(next);
  }
  return chosen;
}

/**
 * Where a rule fires in one sentence: the cues it matched, or undefined. Binary searches keep it n·log n.
 * `previous` (the sentence before) supplies the cues of all slots but the last, for rules that allow it.
 */
function matchRule(rule: CueRule, cues: CuesByCategory, previous?: CuesByCategory): Cue[] | undefined {
  if (rule.none?.some((c) => cues.has(c) || previous?.has(c))) return undefined;
  const lists: Cue[][] = [];
  for (const [index, slot] of rule.all.entries()) {
    const own = cuesOf(slot, cues);
    const earlier = previous && index < rule.all.length - 1 ? cuesOf(slot, previous) : [];
    const list = earlier.length > 0 ? [...earlier, ...own] : own;
    if (list.length === 0) return undefined;
    lists.push(list);
  }
  const within = lists.length > 1 ? rule.within ?? DEFAULT_WITHIN : Infinity;
  // Categories are found in the order of the text, so earlier-sentence cues stay first and lists stay sorted.
  const [anchors, ...others] = lists;
  for (const anchor of anchors!) {
    const chosen = chooseAround(anchor, others, rule.ordered ?? false);
    if (chosen && coverOf(chosen).length <= within) return chosen;
  }
  return undefined;
}

function coverOf(cues: Cue[]): Span {
  const offset = Math.min(...cues.map((c) => c.offset));
  return { offset, length: Math.max(...cues.map((c) => c.end)) - offset };
}

/** True when the post holds a cue of these categories that is not just part of the rule's own cues ("say" in "experts say"). */
function postHas(categories: string[], all: CuesByCategory, own: Cue[]): boolean {
  const insideOwn = (c: Cue): boolean => own.some((o) => o.offset <= c.offset && c.end <= o.end);
  return categories.some((category) => (all.get(category) ?? []).some((c) => !insideOwn(c)));
}

export interface CueHitOptions {
  /** Report only the first rule (in lexicon order) that fires in each sentence. */
  onePerSentence?: boolean;
}

/** Hits of a cue lexicon's rules on a post: at most one per rule and sentence, spanning the cues that matched. */
export function cueHits(doc: PostDocument, name: string, builtins: BuiltinCues, options: CueHitOptions = {}): Hit[] {
  const { lexicon, phrases } = compiledLexicon(name, builtins);
  const cues = findCues(doc, phrases, builtins);
  if (cues.length === 0) return [];
  // The whole post's cues by category, only when a rule that needs them fires.
  let wholePost: CuesByCategory | undefined;
  const hits: Hit[] = [];
  const sentences = cuesBySentence(doc, cues);
  for (const [index, sentence] of sentences.entries()) {
    if (sentence.size === 0) continue;
    // One finding per rule id and sentence: a rule's later entries only cover what its earlier ones missed.
    const fired = new Set<string>();
    for (const rule of lexicon.rules) {
      if (fired.has(rule.id)) continue;
      const matched = matchRule(rule, sentence) ?? (rule.withPreviousSentence && index > 0 ? matchRule(rule, sentence, sentences[index - 1]) : undefined);
      if (!matched || (rule.unlessPostHas && postHas(rule.unlessPostHas, (wholePost ??= groupByCategory(cues)), matched))) continue;
      const secret = rule.secret === undefined ? undefined : matched.find((c) => c.category === rule.secret);
      hits.push({
        ...coverOf(matched),
        ruleId: rule.id,
        clause: lexicon.clause,
        severity: rule.severity,
        message: rule.note,
        suggestion: rule.suggestion,
        ...(secret ? { secret: { offset: secret.offset, length: secret.end - secret.offset } } : {}),
      });
      fired.add(rule.id);
      if (options.onePerSentence) break;
    }
  }
  return hits;
}

/**
 * A built-in cue matching a global regex, run only when the post contains one of the keywords. With
 * `group` (the regex needs the `d` flag), the cue is that capture group, e.g. the digits after "is".
 */
export function regexCue(pattern: RegExp, keywords?: string[], group = 0): BuiltinCue {
  const find = (raw: string, found: CueSink): void => {
    for (const m of raw.matchAll(pattern)) {
      const range = group > 0 ? m.indices?.[group] : undefined;
      if (range) found(range[0], range[1] - range[0]);
      else found(m.index ?? 0, m[0].length);
    }
  };
  return { find, keywords };
}

export const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
