import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Severity, Span, Tokens } from '../types';
import { foldTerm, originalSpan } from './fold';
import { stem } from './stem';
import { words } from './tokens';
import { readSavedTable } from './saved';

/**
 * Term lexicons are plain JSON data in `lexicons/`, in the spirit of retext-equality: each entry lists
 * the flagged terms, a note saying why, a suggestion, sources, and `unless` phrases naming benign
 * contexts. Terms are matched on whole folded words, so "Scunthorpe" never matches a term inside it.
 *
 * Term syntax, word by word:  `harass` matches by stem (harass, harassed, harassing);
 * `=hell` matches that exact word only; `fuck*` matches any word starting with "fuck".
 * Entries with `"lang": "es"` stem their words with the Spanish stemmer.
 */

export interface LexiconEntry {
  id: string;
  terms: string[];
  severity: Severity;
  note: string;
  suggestion: string;
  lang?: 'en' | 'es';
  /** Phrases that make a match benign when they overlap it ("confidential tip line"). */
  unless?: string[];
  /** Overrides the lexicon's clause for this entry. */
  clause?: string;
  alternatives?: string[];
  sources?: string[];
  [extra: string]: unknown;
}

export interface Lexicon {
  id: string;
  clause: string;
  description?: string;
  sources?: string[];
  entries: LexiconEntry[];
}

export interface LexiconMatch {
  entry: LexiconEntry;
  /** Token range [firstToken, endToken). */
  firstToken: number;
  endToken: number;
  span: Span;
}

/**
 * A trie node. Its maps are made when a first step goes through them: most of the ~7,000 nodes are
 * leaves, and four empty Maps each were most of what compiling the lexicons allocated at start-up.
 */
interface TrieNode<T> {
  /** Next nodes by the token's exact folded word, its English stem and its Spanish stem. */
  exact: Map<string, TrieNode<T>> | undefined;
  stemEn: Map<string, TrieNode<T>> | undefined;
  stemEs: Map<string, TrieNode<T>> | undefined;
  /** Prefix steps grouped by their first character, so a token only tries the prefixes it could match. */
  prefixes: Map<string, Array<[string, TrieNode<T>]>> | undefined;
  done: T[];
}

function newNode<T>(): TrieNode<T> {
  return { exact: undefined, stemEn: undefined, stemEs: undefined, prefixes: undefined, done: [] };
}

export interface PhraseStep {
  kind: 'stem' | 'exact' | 'prefix';
  key: string;
  lang: 'en' | 'es';
}

/**
 * Every lexicon term's steps, written at build time (scripts/build-compile-cache.js): folding,
 * splitting and stemming the 5,000 terms took a cold start about 25 ms. Per language, term → its
 * steps as one string, "sharass ehell pfuck": each step's kind ('s' stem, 'e' exact, 'p' prefix) then
 * its key, separated by spaces (keys are single folded words). One string per term parses faster than
 * arrays.
 */
export const TERM_CACHE_FILE = join(__dirname, '..', 'term-cache.json');
type SavedSteps = Record<'en' | 'es', Record<string, string>>;
let savedSteps: SavedSteps | undefined;
/** Steps computed in this process, for the build step that saves them. */
const computedSteps: SavedSteps = { en: {}, es: {} };

function loadSavedSteps(): SavedSteps {
  savedSteps ??= readSavedTable<SavedSteps>(TERM_CACHE_FILE, { en: {}, es: {} });
  return savedSteps;
}

export function termCacheSnapshot(): SavedSteps {
  return computedSteps;
}

/** Steps in their saved form. */
export function encodeSteps(steps: PhraseStep[]): string {
  return steps.map((step) => step.kind[0]! + step.key).join(' ');
}

/** A term's steps in their saved form: saved at build time, else parsed (and kept for the build step). */
function encodedTermSteps(term: string, lang: 'en' | 'es'): string {
  const table = loadSavedSteps()[lang];
  if (Object.hasOwn(table, term)) return table[term]!;
  const encoded = encodeSteps(parseTerm(term, lang));
  computedSteps[lang][term] = encoded;
  return encoded;
}

/** Splits a term into steps, folding each word exactly as post text is folded. */
export function parseTerm(term: string, lang: 'en' | 'es'): PhraseStep[] {
  const steps: PhraseStep[] = [];
  for (const part of term.trim().split(/\s+/)) {
    const exact = part.startsWith('=');
    const prefix = part.endsWith('*');
    const core = part.slice(exact ? 1 : 0, prefix ? -1 : undefined);
    const parts = words(foldTerm(core));
    parts.forEach((word, i) => {
      const last = i === parts.length - 1;
      if (prefix && last) steps.push({ kind: 'prefix', key: word, lang });
      else if (exact) steps.push({ kind: 'exact', key: word, lang });
      else steps.push({ kind: 'stem', key: stem(word, lang), lang });
    });
  }
  return steps;
}

/** A trie over token steps: one pass over a post's tokens finds every phrase of the lexicon. */
export class PhraseMatcher<T> {
  private readonly root: TrieNode<T> = newNode();
  private maxSteps = 0;

  add(term: string, lang: 'en' | 'es', payload: T): void {
    // The saved steps are walked in place: a cold start adds 5,000 terms, and step objects for each were
    // most of what building the tries allocated.
    const encoded = encodedTermSteps(term, lang);
    if (encoded === '') throw new Error(`lexicon term "${term}" has no words`);
    let node = this.root;
    let steps = 0;
    for (let at = 0; at < encoded.length; steps++) {
      const space = encoded.indexOf(' ', at);
      const end = space < 0 ? encoded.length : space;
      node = this.child(node, encoded[at]!, encoded.slice(at + 1, end), lang);
      at = end + 1;
    }
    node.done.push(payload);
    this.maxSteps = Math.max(this.maxSteps, steps);
  }

  /** The node after one step: its kind as saved ('s' stem, 'e' exact, 'p' prefix) and its key. */
  private child(node: TrieNode<T>, kind: string, key: string, lang: 'en' | 'es'): TrieNode<T> {
    if (kind === 'p') {
      const prefixes = (node.prefixes ??= new Map<string, Array<[string, TrieNode<T>]>>());
      let group = prefixes.get(key[0] ?? '');
      if (!group) prefixes.set(key[0] ?? '', (group = []));
      let found = group.find(([p]) => p === key);
      if (!found) group.push((found = [key, newNode()]));
      return found[1];
    }
    const map = kind === 'e' ? (node.exact ??= new Map()) : lang === 'es' ? (node.stemEs ??= new Map()) : (node.stemEn ??= new Map());
    let next = map.get(key);
    if (!next) map.set(key, (next = newNode()));
    return next;
  }

  /** Every [first, end) token range matching a phrase, with its payload; only tokens [from, to) when given. */
  match(tokens: Tokens, from = 0, to = tokens.length): Array<{ payload: T; firstToken: number; endToken: number }> {
    const found: Array<{ payload: T; firstToken: number; endToken: number }> = [];
    this.forEachMatch(tokens, (payload, firstToken, endToken) => found.push({ payload, firstToken, endToken }), from, to);
    return found;
  }

  /** The same matches, handed to `visit` one by one in order of their first token (no list is built). */
  forEachMatch(tokens: Tokens, visit: (payload: T, firstToken: number, endToken: number) => void, from = 0, to = tokens.length): void {
    const start: Array<TrieNode<T>> = [this.root];
    for (let i = from; i < to; i++) {
      let frontier = advance(start, tokens, i);
      for (let j = i; frontier.length > 0; ) {
        for (const node of frontier) for (const payload of node.done) visit(payload, i, j + 1);
        if (++j >= to || j - i >= this.maxSteps) break;
        frontier = advance(frontier, tokens, j);
      }
    }
  }
}

const NO_NODES: never[] = [];

function advance<T>(frontier: Array<TrieNode<T>>, tokens: Tokens, i: number): Array<TrieNode<T>> {
  // Most tokens continue no phrase: allocate only when one does.
  let next: Array<TrieNode<T>> = NO_NODES;
  for (const node of frontier) {
    if (node.exact !== undefined) {
      const child = node.exact.get(tokens.word(i));
      if (child) next = withNode(next, child);
    }
    if (node.stemEn !== undefined) {
      const child = node.stemEn.get(tokens.stem(i));
      if (child) next = withNode(next, child);
    }
    if (node.stemEs !== undefined) {
      const child = node.stemEs.get(tokens.stemEs(i));
      if (child) next = withNode(next, child);
    }
    if (node.prefixes === undefined) continue;
    const word = tokens.word(i);
    const group = node.prefixes.get(word[0] ?? '');
    if (group) for (const [prefix, child] of group) if (word.startsWith(prefix)) next = withNode(next, child);
  }
  return next;
}

function withNode<T>(nodes: Array<TrieNode<T>>, node: TrieNode<T>): Array<TrieNode<T>> {
  if (nodes === NO_NODES) return [node];
  if (!nodes.includes(node)) nodes.push(node);
  return nodes;
}

export interface CompiledLexicon {
  lexicon: Lexicon;
  terms: PhraseMatcher<LexiconEntry>;
  benign: PhraseMatcher<LexiconEntry>;
}

export function compileLexicon(lexicon: Lexicon): CompiledLexicon {
  const terms = new PhraseMatcher<LexiconEntry>();
  const benign = new PhraseMatcher<LexiconEntry>();
  for (const entry of lexicon.entries) {
    const lang = entry.lang ?? 'en';
    for (const term of entry.terms) terms.add(term, lang, entry);
    for (const phrase of entry.unless ?? []) benign.add(phrase, lang, entry);
  }
  return { lexicon, terms, benign };
}

/** For each token, the entries whose `unless` phrases cover it: one pass, so the check stays linear. */
function benignCover(compiled: CompiledLexicon, tokens: Tokens): Array<Set<LexiconEntry> | undefined> {
  const cover: Array<Set<LexiconEntry> | undefined> = new Array(tokens.length);
  for (const b of compiled.benign.match(tokens)) {
    for (let t = b.firstToken; t < b.endToken; t++) (cover[t] ??= new Set()).add(b.payload);
  }
  return cover;
}

/** Matches of the lexicon in the post, minus those an `unless` phrase of the same entry overlaps. */
export function matchLexicon(doc: PostDocument, compiled: CompiledLexicon): LexiconMatch[] {
  const found = compiled.terms.match(doc.tokens);
  if (found.length === 0) return [];
  const cover = benignCover(compiled, doc.tokens);
  const overlapsBenign = (entry: LexiconEntry, first: number, end: number): boolean => {
    for (let t = first; t < end; t++) if (cover[t]?.has(entry)) return true;
    return false;
  };
  return found
    .filter((m) => !overlapsBenign(m.payload, m.firstToken, m.endToken))
    .map((m) => ({
      entry: m.payload,
      firstToken: m.firstToken,
      endToken: m.endToken,
      span: originalSpan(doc.folded, doc.tokens.from(m.firstToken), doc.tokens.to(m.endToken - 1)),
    }));
}

export const LEXICON_DIR = join(__dirname, '..', '..', 'lexicons');

const loaded = new Map<string, unknown>();

/** Reads `lexicons/<name>.json` once per process. */
export function loadLexiconData<T = Lexicon>(name: string): T {
  let data = loaded.get(name);
  if (data === undefined) {
    const file = join(LEXICON_DIR, `${name}.json`);
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch (err) {
      throw new Error(`cannot load lexicon ${file}: ${(err as Error).message}`);
    }
    loaded.set(name, data);
  }
  return data as T;
}

const compiledCache = new Map<string, CompiledLexicon>();

/** Loads and compiles `lexicons/<name>.json` once per process. */
export function lexicon(name: string): CompiledLexicon {
  let compiled = compiledCache.get(name);
  if (!compiled) {
    compiled = compileLexicon(loadLexiconData<Lexicon>(name));
    compiledCache.set(name, compiled);
  }
  return compiled;
}
