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

/**
 * Cues of one sentence (or the whole post) and category or slot, in text order, as parallel arrays
 * rather than an object per cue: a megabyte of numbers is half a million cues.
 */
class CueList {
  readonly offsets: number[] = [];
  readonly ends: number[] = [];
  /** Each cue's category, kept only in a list of several categories (a slot's alternatives joined). */
  private readonly categories: string[] = [];

  /** `category`: the one category of every cue in the list, if there is one. */
  constructor(private readonly category?: string) {}

  get length(): number {
    return this.offsets.length;
  }

  push(category: string, offset: number, end: number): void {
    if (this.category === undefined) this.categories.push(category);
    this.offsets.push(offset);
    this.ends.push(end);
  }

  categoryAt(index: number): string {
    return this.category ?? this.categories[index]!;
  }

  append(other: CueList, index: number): void {
    this.push(other.categoryAt(index), other.offsets[index]!, other.ends[index]!);
  }

  cue(index: number): Cue {
    return { category: this.categoryAt(index), offset: this.offsets[index]!, end: this.ends[index]! };
  }
}

const NO_CUES = new CueList();

type CuesByCategory = Map<string, CueList>;

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

/**
 * Every cue in the post, phrase and built-in, by sentence (the one it starts in; undefined for a
 * sentence without cues, most of a long post's) and category; each category's cues in original-text order.
 */
function cuesBySentence(doc: PostDocument, phrases: PhraseMatcher<string>, builtins: BuiltinCues): Array<CuesByCategory | undefined> {
  const groups = new Array<CuesByCategory | undefined>(doc.sentences.length);
  const add = (category: string, offset: number, end: number): void => {
    const at = sentenceAt(doc.sentences, offset);
    if (at >= groups.length) return;
    let sentence = groups[at];
    if (!sentence) groups[at] = sentence = new Map();
    let list = sentence.get(category);
    if (!list) sentence.set(category, (list = new CueList(category)));
    list.push(category, offset, end);
  };
  phrases.forEachMatch(doc.tokens, (category, firstToken, endToken) => {
    const span = tokenSpan(doc, firstToken, endToken);
    add(category, span.offset, span.offset + span.length);
  });
  const lower = doc.raw.toLowerCase();
  for (const [category, { find, keywords }] of Object.entries(builtins)) {
    if (keywords && !keywords.some((k) => lower.includes(k))) continue;
    find(doc.raw, (offset, length) => add(category, offset, offset + length));
  }
  return groups;
}

/** The whole post's cues by category (the sentences' lists one after the other). */
function wholePostCues(sentences: Array<CuesByCategory | undefined>): CuesByCategory {
  const all: CuesByCategory = new Map();
  for (const sentence of sentences) {
    for (const [category, list] of sentence ?? []) {
      let whole = all.get(category);
      if (!whole) all.set(category, (whole = new CueList(category)));
      for (let i = 0; i < list.length; i++) whole.append(list, i);
    }
  }
  return all;
}

/** The cues of `lists` one after the other, then (stably) sorted by offset when `sort` is set. */
function joined(lists: CueList[], sort: boolean): CueList {
  const order: Array<[CueList, number]> = [];
  for (const list of lists) for (let i = 0; i < list.length; i++) order.push([list, i]);
  if (sort) order.sort(([a, i], [b, k]) => a.offsets[i]! - b.offsets[k]!);
  const out = new CueList();
  for (const [list, i] of order) out.append(list, i);
  return out;
}

function cuesOf(slot: string | string[], cues: CuesByCategory): CueList {
  const categories = slotCategories(slot);
  if (categories.length === 1) return cues.get(categories[0]!) ?? NO_CUES;
  return joined(categories.map((c) => cues.get(c) ?? NO_CUES), true);
}

/** Index of the first cue starting at or after `offset` (cues sorted by offset). */
function firstFrom(list: CueList, offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list.offsets[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far cue i of `list` is from `anchor`: 0 when they touch or overlap. */
function distance(list: CueList, i: number, anchor: Cue): number {
  return Math.max(0, list.offsets[i]! - anchor.end, anchor.offset - list.ends[i]!);
}

/** Of the cues either side of where `anchor` starts, the nearer one (the earlier on a tie). */
function nearest(list: CueList, anchor: Cue): Cue | undefined {
  const i = firstFrom(list, anchor.offset);
  if (i >= list.length) return i > 0 ? list.cue(i - 1) : undefined;
  if (i === 0 || distance(list, i, anchor) < distance(list, i - 1, anchor)) return list.cue(i);
  return list.cue(i - 1);
}

/** The cues chosen for a rule's slots around one occurrence of its first slot, or undefined. */
function chooseAround(anchor: Cue, others: CueList[], ordered: boolean): Cue[] | undefined {
  const chosen = [anchor];
  for (const list of others) {
    const previous = chosen[chosen.length - 1]!;
    const at = ordered ? firstFrom(list, previous.end) : -1;
    const next = ordered ? (at < list.length ? list.cue(at) : undefined) : nearest(list, anchor);
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
  const lists: CueList[] = [];
  for (const [index, slot] of rule.all.entries()) {
    const own = cuesOf(slot, cues);
    const earlier = previous && index < rule.all.length - 1 ? cuesOf(slot, previous) : NO_CUES;
    const list = earlier.length > 0 ? joined([earlier, own], false) : own;
    if (list.length === 0) return undefined;
    lists.push(list);
  }
  const within = lists.length > 1 ? rule.within ?? DEFAULT_WITHIN : Infinity;
  // Categories are found in the order of the text, so earlier-sentence cues stay first and lists stay sorted.
  const [anchors, ...others] = lists;
  for (let i = 0; i < anchors!.length; i++) {
    const chosen = chooseAround(anchors!.cue(i), others, rule.ordered ?? false);
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
  const insideOwn = (offset: number, end: number): boolean => own.some((o) => o.offset <= offset && end <= o.end);
  return categories.some((category) => {
    const list = all.get(category) ?? NO_CUES;
    for (let i = 0; i < list.length; i++) if (!insideOwn(list.offsets[i]!, list.ends[i]!)) return true;
    return false;
  });
}

export interface CueHitOptions {
  /** Report only the first rule (in lexicon order) that fires in each sentence. */
  onePerSentence?: boolean;
}

/** Hits of a cue lexicon's rules on a post: at most one per rule and sentence, spanning the cues that matched. */
export function cueHits(doc: PostDocument, name: string, builtins: BuiltinCues, options: CueHitOptions = {}): Hit[] {
  const { lexicon, phrases } = compiledLexicon(name, builtins);
  const sentences = cuesBySentence(doc, phrases, builtins);
  // The whole post's cues by category, only when a rule that needs them fires.
  let wholePost: CuesByCategory | undefined;
  const hits: Hit[] = [];
  for (const [index, sentence] of sentences.entries()) {
    if (sentence === undefined) continue;
    // One finding per rule id and sentence: a rule's later entries only cover what its earlier ones missed.
    const fired = new Set<string>();
    for (const rule of lexicon.rules) {
      if (fired.has(rule.id)) continue;
      const matched = matchRule(rule, sentence) ?? (rule.withPreviousSentence && index > 0 ? matchRule(rule, sentence, sentences[index - 1]) : undefined);
      if (!matched || (rule.unlessPostHas && postHas(rule.unlessPostHas, (wholePost ??= wholePostCues(sentences)), matched))) continue;
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
