import type { Hit, PostDocument, Screener, Severity, Span } from '../types';
import { foldTerm, originalSpan } from '../text/fold';
import { loadLexiconData, PhraseMatcher, type Lexicon, type LexiconEntry } from '../text/lexicon';
import { tokenize } from '../text/tokens';
import { SEVERITY_RANK, tokenSpan } from './shared';

/**
 * 5.3.b and 6.1.10: slurs, insults aimed at people, dehumanizing generalizations about groups, and
 * profanity, in English and Spanish. Everything it knows is data in lexicons/harassment.json,
 * harassment-es.json and profanity.json:
 *  - `entries`: words and phrases flagged wherever they occur (slurs, profanity, insult words),
 *    with `unless` phrases for benign contexts, exactly as in every other lexicon;
 *  - `patterns`: sequences of named word `lists` ("you-are modifier* insult") that catch an insult or
 *    a generalization only when it is aimed at someone, so neutral mentions of groups never fire;
 *  - `maskable`: words also recognised when partly hidden by asterisks ("f*ck", "sh*t").
 * Where hits overlap, only the most severe (then the earliest and longest) is reported.
 */

const LEXICON_FILES = ['harassment', 'harassment-es', 'profanity'];

interface PatternRule {
  id: string;
  clause?: string;
  severity: Severity;
  note: string;
  suggestion: string;
  sequences: string[];
}

interface HarassmentLexicon extends Lexicon {
  lang?: 'en' | 'es';
  lists?: Record<string, string[]>;
  patterns?: PatternRule[];
  maskable?: { words: string[] };
}

interface IdentityTerms {
  groups: Record<string, string[]>;
  variants: string[];
}

/** What one phrase of the combined matcher stands for: a flagged term, a benign context, or a list phrase. */
type Payload =
  | { kind: 'term'; entry: LexiconEntry }
  | { kind: 'benign'; entry: LexiconEntry }
  | { kind: 'list'; list: number };

/** One item of a pattern sequence: a phrase from any of `lists` (list ids), repeated min..max times; or a boundary test. */
interface Slot {
  lists: number[];
  min: number;
  max: number;
  boundary?: Boundary;
}

/** What separates two tokens: spaces only, punctuation, or a sentence end. */
const Gap = { Space: 0, Punctuation: 1, SentenceEnd: 2 } as const;
type GapKind = (typeof Gap)[keyof typeof Gap];

/** Boundary tests on the gap at a position: the sentence starts there, punctuation follows, the sentence ends there. */
type Boundary = '$start' | '$stop' | '$end';
const BOUNDARY_GAP: Record<Boundary, GapKind> = { $start: Gap.SentenceEnd, $stop: Gap.Punctuation, $end: Gap.SentenceEnd };
const isBoundary = (item: string): item is Boundary => item in BOUNDARY_GAP;
const MAX_REPEAT = 4;

interface CompiledPattern {
  rule: PatternRule;
  clause: string;
  sequences: Slot[][];
  /** Ids of the lists a sequence of the pattern can start with. */
  firstLists: Set<number>;
}

interface MaskableWord {
  word: string;
  /**
   * The entry it stands for and what a masked hit of the word says and suggests: found when a post
   * first holds the word masked (finding all 42 at start cost a cold start ~5 ms), then kept.
   */
  resolved?: { entry: LexiconEntry; why: { severity: Severity; note: string; suggestion: string } };
}

interface Compiled {
  /** Terms, benign phrases and list phrases of all files: one pass over a post finds them all. */
  matcher: PhraseMatcher<Payload>;
  patterns: CompiledPattern[];
  /** Maskable words by length. */
  maskable: Map<number, MaskableWord[]>;
}

let compiledCache: Compiled | undefined;

function compiled(): Compiled {
  compiledCache ??= compile(LEXICON_FILES.map((name) => loadLexiconData<HarassmentLexicon>(name)));
  return compiledCache;
}

// ---------------------------------------------------------------------------------------------
// Compiling the lexicons (once per process)

/** Identity words, as exact-word phrases, from the shared identity-terms lexicon. */
function identityLists(): Record<string, string[]> {
  const data = loadLexiconData<IdentityTerms>('identity-terms');
  const exact = (term: string): string => term.split(/\s+/).map((w) => `=${w}`).join(' ');
  return { identity: Object.values(data.groups).flat().map(exact), 'identity-plural': data.variants.map(exact) };
}

/** Replaces '@list' terms by the list's phrases. */
function expandTerms(terms: string[], lists: Record<string, string[]>, where: string): string[] {
  return terms.flatMap((term) => {
    if (!term.startsWith('@')) return [term];
    const phrases = lists[term.slice(1)];
    if (!phrases) throw new Error(`${where}: unknown list "${term}"`);
    return expandTerms(phrases, lists, where);
  });
}

function compile(files: HarassmentLexicon[]): Compiled {
  const matcher = new PhraseMatcher<Payload>();
  const { lists, listIds } = addLists(files, matcher);
  addEntries(files, lists, matcher);
  const patterns = files.flatMap((file) => (file.patterns ?? []).map((rule) => compilePattern(rule, file, listIds)));
  const maskable = new Map<number, MaskableWord[]>();
  for (const word of files.flatMap((file) => file.maskable?.words ?? [])) maskable.set(word.length, [...(maskable.get(word.length) ?? []), { word }]);
  return { matcher, patterns, maskable };
}

/** Adds every list's phrases to the matcher; returns the lists (with the identity ones) and their ids. */
function addLists(files: HarassmentLexicon[], matcher: PhraseMatcher<Payload>): { lists: Record<string, string[]>; listIds: Map<string, number> } {
  const lists: Record<string, string[]> = identityLists();
  const listLang: Record<string, 'en' | 'es'> = {};
  for (const file of files) {
    for (const [name, phrases] of Object.entries(file.lists ?? {})) {
      if (lists[name]) throw new Error(`${file.id}: list "${name}" is defined twice`);
      lists[name] = phrases;
      listLang[name] = file.lang ?? 'en';
    }
  }
  const listIds = new Map(Object.keys(lists).map((name, id) => [name, id]));
  for (const [name, phrases] of Object.entries(lists)) {
    const payload: Payload = { kind: 'list', list: listIds.get(name)! };
    for (const phrase of expandTerms(phrases, lists, `list ${name}`)) matcher.add(phrase, listLang[name] ?? 'en', payload);
  }
  return { lists, listIds };
}

/** Adds every entry's terms and `unless` phrases; each entry carries its clause (its own or its file's). */
function addEntries(files: HarassmentLexicon[], lists: Record<string, string[]>, matcher: PhraseMatcher<Payload>): void {
  for (const file of files) {
    for (const raw of file.entries) {
      const entry: LexiconEntry = { ...raw, clause: raw.clause ?? file.clause };
      const lang = entry.lang ?? 'en';
      for (const term of expandTerms(entry.terms, lists, `${file.id}/${entry.id}`)) matcher.add(term, lang, { kind: 'term', entry });
      for (const phrase of entry.unless ?? []) matcher.add(phrase, lang, { kind: 'benign', entry });
    }
  }
}

function compilePattern(rule: PatternRule, file: HarassmentLexicon, listIds: Map<string, number>): CompiledPattern {
  const sequences = rule.sequences.map((s) => parseSequence(s, listIds, `${file.id}/${rule.id}`));
  const firstLists = new Set(sequences.flatMap((slots) => firstListSlot(slots).lists));
  return { rule, clause: rule.clause ?? file.clause, sequences, firstLists };
}

/** The first slot that matches words (after any leading $start). */
function firstListSlot(slots: Slot[]): Slot {
  return slots.find((slot) => !slot.boundary)!;
}

/** Parses "you-are|you modifier* insult $stop" into slots, checking that every list exists. */
function parseSequence(sequence: string, listIds: Map<string, number>, where: string): Slot[] {
  const slots = sequence.trim().split(/\s+/).map((item): Slot => {
    if (isBoundary(item)) return { lists: [], min: 0, max: 0, boundary: item };
    const suffix = item.slice(-1);
    const repeat = suffix === '*' ? { min: 0, max: MAX_REPEAT } : suffix === '?' ? { min: 0, max: 1 } : { min: 1, max: 1 };
    const names = (repeat.min === 1 ? item : item.slice(0, -1)).split('|');
    const ids = names.map((name) => listIds.get(name) ?? -1);
    if (ids.includes(-1)) throw new Error(`${where}: unknown list in "${item}" of "${sequence}"`);
    return { lists: ids, ...repeat };
  });
  if (firstListSlot(slots)?.min !== 1) throw new Error(`${where}: "${sequence}" must start with a required list`);
  return slots;
}

function resolved(maskable: MaskableWord, matcher: PhraseMatcher<Payload>): NonNullable<MaskableWord['resolved']> {
  if (!maskable.resolved) {
    const { word } = maskable;
    const entry = resolveEntry(word, matcher);
    maskable.resolved = { entry, why: { severity: entry.severity, note: `"${word}" with letters hidden: ${entry.note}`, suggestion: entry.suggestion } };
  }
  return maskable.resolved;
}

/** The entry a maskable word stands for ("fuck" → profanity-strong). */
function resolveEntry(word: string, matcher: PhraseMatcher<Payload>): LexiconEntry {
  const tokens = tokenize(foldTerm(word));
  for (const m of matcher.match(tokens)) {
    if (m.payload.kind === 'term' && m.firstToken === 0 && m.endToken === tokens.length) return m.payload.entry;
  }
  throw new Error(`maskable word "${word}" is not a term of any harassment lexicon`);
}

// ---------------------------------------------------------------------------------------------
// Screening one post

const SENTENCE_END = new Set(['.', '!', '?', ';', '…', '\n', '\r']);
const SPACE = /\s/;

/** What the characters [from, to) between two tokens amount to, read without copying them out. */
function gapKind(text: string, from: number, to: number): GapKind {
  let kind: GapKind = Gap.Space;
  for (let i = from; i < to; i++) {
    const ch = text[i]!;
    if (SENTENCE_END.has(ch)) return Gap.SentenceEnd;
    if (kind === Gap.Space && !SPACE.test(ch)) kind = Gap.Punctuation;
  }
  return kind;
}

/** gaps[k]: what separates token k-1 from token k; gaps[0] and gaps[n] are the text's edges. */
function tokenGaps(doc: PostDocument): Uint8Array {
  const { tokens } = doc;
  const gaps = new Uint8Array(tokens.length + 1);
  gaps[0] = Gap.SentenceEnd;
  gaps[tokens.length] = Gap.SentenceEnd;
  for (let k = 1; k < tokens.length; k++) gaps[k] = gapKind(doc.folded.text, tokens.to(k - 1), tokens.from(k));
  return gaps;
}

function crossesSentence(gaps: Uint8Array, first: number, end: number): boolean {
  for (let k = first + 1; k < end; k++) if (gaps[k] === Gap.SentenceEnd) return true;
  return false;
}

interface TermMatch {
  entry: LexiconEntry;
  firstToken: number;
  endToken: number;
}

/**
 * For each token, the list phrases starting there, as pairs (list id, end token) in one flat array:
 * token p's pairs are pairs[start[p]] … pairs[start[p + 1] - 1]. (Flat, because a megabyte of words
 * would otherwise hold an array per word.)
 */
interface ListIndex {
  start: Int32Array;
  pairs: Int32Array;
}

/** Builds a ListIndex from pairs added in order of their token. */
class ListIndexBuilder {
  private readonly start: Int32Array;
  private pairs = new Int32Array(1024);
  private size = 0;
  private token = 0;

  constructor(tokens: number) {
    this.start = new Int32Array(tokens + 1);
  }

  add(token: number, list: number, end: number): void {
    while (this.token < token) this.start[++this.token] = this.size;
    if (this.size + 2 > this.pairs.length) {
      const grown = new Int32Array(this.pairs.length * 2);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[this.size++] = list;
    this.pairs[this.size++] = end;
    this.start[token + 1] = this.size;
  }

  build(): ListIndex {
    while (this.token < this.start.length - 1) this.start[++this.token] = this.size;
    return { start: this.start, pairs: this.pairs.subarray(0, this.size) };
  }
}

/** The one pass over the post's tokens, sorted into term matches, benign token marks and the list index. */
interface Matches {
  terms: TermMatch[];
  /** Per entry with benign matches: which tokens a benign phrase of that entry covers. */
  benign: Map<LexiconEntry, Uint8Array>;
  lists: ListIndex;
}

function matchAll(doc: PostDocument, c: Compiled, gaps: Uint8Array): Matches {
  const terms: TermMatch[] = [];
  const benign = new Map<LexiconEntry, Uint8Array>();
  const lists = new ListIndexBuilder(doc.tokens.length);
  c.matcher.forEachMatch(doc.tokens, (payload, firstToken, endToken) => {
    if (crossesSentence(gaps, firstToken, endToken)) return;
    if (payload.kind === 'term') {
      terms.push({ entry: payload.entry, firstToken, endToken });
    } else if (payload.kind === 'list') {
      lists.add(firstToken, payload.list, endToken);
    } else {
      let covered = benign.get(payload.entry);
      if (!covered) benign.set(payload.entry, (covered = new Uint8Array(doc.tokens.length)));
      covered.fill(1, firstToken, endToken);
    }
  });
  return { terms, benign, lists: lists.build() };
}

function toHit(span: Span, ruleId: string, clause: string, why: { severity: Severity; note: string; suggestion: string }): Hit {
  return { offset: span.offset, length: span.length, ruleId, clause, severity: why.severity, message: why.note, suggestion: why.suggestion };
}

/** Term matches that no `unless` phrase of the same entry overlaps (as matchLexicon in src/text/lexicon.ts). */
function termHits(doc: PostDocument, found: Matches): Hit[] {
  const isBenign = (m: TermMatch): boolean => found.benign.get(m.entry)?.subarray(m.firstToken, m.endToken).includes(1) ?? false;
  return found.terms
    .filter((m) => !isBenign(m))
    .map((m) => toHit(tokenSpan(doc, m.firstToken, m.endToken), m.entry.id, m.entry.clause!, m.entry));
}

/** Positions reachable from `positions` through one slot (a small NFA step over token indexes). */
function advance(slot: Slot, positions: number[], start: number, lists: ListIndex, gaps: Uint8Array): number[] {
  if (slot.boundary) return positions.filter((p) => gaps[p]! >= BOUNDARY_GAP[slot.boundary!]);
  const reached = slot.min === 0 ? [...positions] : [];
  let frontier = positions;
  for (let rep = 0; rep < slot.max && frontier.length > 0; rep++) {
    const next: number[] = [];
    for (const p of frontier) {
      if (p >= lists.start.length - 1 || (p !== start && gaps[p] === Gap.SentenceEnd)) continue;
      const { pairs } = lists;
      for (let k = lists.start[p]!; k < lists.start[p + 1]!; k += 2) {
        if (slot.lists.includes(pairs[k]!) && !next.includes(pairs[k + 1]!)) next.push(pairs[k + 1]!);
      }
    }
    for (const end of next) if (!reached.includes(end)) reached.push(end);
    frontier = next;
  }
  return reached;
}

/** End token of the longest match of `slots` starting at token `start`, or -1. */
function sequenceEnd(slots: Slot[], start: number, lists: ListIndex, gaps: Uint8Array): number {
  let positions = [start];
  for (const slot of slots) {
    positions = advance(slot, positions, start, lists, gaps);
    if (positions.length === 0) return -1;
  }
  return Math.max(...positions);
}

/** Whether some sequence of the pattern can start where the list phrases of token p start. */
function canStart(pattern: CompiledPattern, lists: ListIndex, p: number): boolean {
  for (let k = lists.start[p]!; k < lists.start[p + 1]!; k += 2) if (pattern.firstLists.has(lists.pairs[k]!)) return true;
  return false;
}

function patternHits(doc: PostDocument, c: Compiled, lists: ListIndex, gaps: Uint8Array): Hit[] {
  const hits: Hit[] = [];
  for (const pattern of c.patterns) {
    for (let start = 0; start < doc.tokens.length; start++) {
      if (!canStart(pattern, lists, start)) continue;
      const end = Math.max(...pattern.sequences.map((slots) => sequenceEnd(slots, start, lists, gaps)));
      if (end <= start) continue;
      hits.push(toHit(tokenSpan(doc, start, end), pattern.rule.id, pattern.clause, pattern.rule));
      start = end - 1; // the pattern's next match starts after this one
    }
  }
  return hits;
}

// A run of letters and asterisks in the folded text is a candidate masked word ("f*ck", "a**hole").
const MAX_MASKED_LENGTH = 24;

function unmask(run: string, c: Compiled): MaskableWord | undefined {
  if (run.length > MAX_MASKED_LENGTH || !run.includes('*') || run[0] === '*' || run[run.length - 1] === '*') return undefined;
  if (run.replace(/\*/g, '').length < 2) return undefined;
  const agrees = (word: string): boolean => {
    for (let i = 0; i < run.length; i++) if (run[i] !== '*' && run[i] !== word[i]) return false;
    return true;
  };
  return c.maskable.get(run.length)?.find(({ word }) => agrees(word));
}

const isMaskedRunChar = (ch: string | undefined): boolean => ch === '*' || (ch !== undefined && ch >= 'a' && ch <= 'z');

/** The masked runs of the folded text: each run of letters and asterisks around an asterisk, once. */
function* maskedRuns(text: string): Generator<{ from: number; run: string }> {
  let next = text.indexOf('*');
  while (next !== -1) {
    let from = next;
    while (from > 0 && isMaskedRunChar(text[from - 1])) from--;
    let to = next + 1;
    while (to < text.length && isMaskedRunChar(text[to])) to++;
    yield { from, run: text.slice(from, to) };
    next = text.indexOf('*', to);
  }
}

function maskedHits(doc: PostDocument, c: Compiled): Hit[] {
  const hits: Hit[] = [];
  // Only runs with an asterisk can be masked words: find those, rather than every word of the post.
  for (const { from, run } of maskedRuns(doc.folded.text)) {
    const found = unmask(run, c);
    if (!found) continue;
    const { entry, why } = resolved(found, c.matcher);
    hits.push(toHit(originalSpan(doc.folded, from, from + run.length), entry.id, entry.clause!, why));
  }
  return hits;
}


/** Of overlapping hits, keeps the most severe, then the earliest and longest. */
function strongestHits(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: Hit[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last === undefined || last.offset + last.length <= hit.offset) kept.push(hit);
    else if (SEVERITY_RANK[hit.severity] > SEVERITY_RANK[last.severity]) kept[kept.length - 1] = hit;
  }
  return kept;
}

export const harassment: Screener = {
  meta: {
    id: 'harassment',
    clauses: ['5.3.b', '6.1.10'],
    description:
      'Slurs, insults aimed at people, dehumanizing or hateful generalizations about groups, and profanity (English and Spanish), including masked and disguised spellings.',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument): Hit[] {
    return lexiconJudgement(doc);
  },
};

function lexiconJudgement(doc: PostDocument): Hit[] {
  const c = compiled();
  const gaps = tokenGaps(doc);
  const found = matchAll(doc, c, gaps);
  return strongestHits([...termHits(doc, found), ...patternHits(doc, c, found.lists, gaps), ...maskedHits(doc, c)]);
}

