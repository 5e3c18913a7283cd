import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Span, Tokens } from '../types';
import { foldText } from '../text/fold';
import { tokenize } from '../text/tokens';
import { embeddingTable } from './embeddings';
import { FNV_PRIME, fnv1a } from './hash';

export { fnv1a };

/**
 * Feature extraction for the judgement heads, shared by training and inference so the two never
 * drift. A post (or one sentence of it) becomes a sparse vector of three groups, each L2-normalised
 * on its own:
 *   - word unigrams and bigrams of the folded tokens;
 *   - character 3–5-grams inside each word, padded with a space at each end;
 *   (both as sublinear counts 1 + ln(count), hashed with FNV-1a 32-bit, xor-folded, into BUCKETS buckets)
 *   - a sentence vector: the mean of the words' SIF-weighted GloVe rows (src/model/embeddings.ts), at
 *     indices BUCKETS … BUCKETS + dims - 1, so the heads generalise to paraphrases n-grams never saw.
 * URLs become <url>, or <govurl> for a .gov or .mil host (fine to link to, src/screeners/links.ts);
 * @handles and plain numbers become <user> and <num>. Identity terms
 * (lexicons/identity-terms.json) give no unigram, character or word-vector features and read as <id>
 * in bigrams, so naming a group can never make a post hateful by itself.
 */

export const FEATURE_SPEC = {
  version: 2,
  hash: 'fnv1a32-xorfold',
  bucketBits: 18,
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  maxCharNgramWord: 24,
  normalization: 'sublinear counts (1 + ln n), l2 per group (word n-grams, char n-grams)',
  placeholders: ['<url>', '<govurl>', '<user>', '<num>', '<id>'],
  textSpeak: 'u ya yu ur urs r urself ppl pls plz im dont cant wont ima',
  identityTerms: 'lexicons/identity-terms.json: no unigram or char features; <id> in bigrams',
  /** Only words starting in the first maxChars characters of a post, and its first maxSentences sentences, are read. */
  maxChars: 5000,
  maxSentences: 50,
  embedding: 'lexicons/models/embeddings.bin: SIF-weighted mean of word rows (apostrophe words fall back to the part before it), l2-normalised, times embeddingScale',
  embeddingScale: 1,
  /** Each group's length after normalisation: how much it weighs against the others. */
  wordScale: 1,
  charScale: 1,
} as const;

export const BUCKETS = 2 ** FEATURE_SPEC.bucketBits;
/** Length of a feature vector: the hashed buckets, then the word-vector dimensions. */
export function featureCount(): number {
  return BUCKETS + embeddingTable().dims;
}
const MASK = BUCKETS - 1;
const [CHAR_MIN, CHAR_MAX] = FEATURE_SPEC.charNgrams;

/** Sparse feature vector: parallel arrays of bucket indices and values, each index once. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

export interface SentenceFeatures {
  /** The sentence, in ORIGINAL text coordinates. */
  span: Span;
  vector: SparseVector;
}

// ---------------------------------------------------------------- hashing

function bucketOf(hash: number): number {
  return ((hash >>> FEATURE_SPEC.bucketBits) ^ hash) & MASK;
}

export function featureBucket(feature: string): number {
  return bucketOf(fnv1a(feature));
}

// ---------------------------------------------------------------- identity terms

export const IDENTITY_TERMS_PATH = join(__dirname, '..', '..', 'lexicons', 'identity-terms.json');

export interface IdentityTermsFile {
  groups: Record<string, string[]>;
  variants: string[];
}

interface IdentityIndex {
  phrases: Set<string>;
  /** First words of the phrases: most words are not one, and need no phrase built. */
  firstWords: Set<string>;
  maxWords: number;
}

let identityFile: IdentityTermsFile | undefined;
let identityIndex: IdentityIndex | undefined;

export function identityTerms(): IdentityTermsFile {
  identityFile ??= JSON.parse(readFileSync(IDENTITY_TERMS_PATH, 'utf8')) as IdentityTermsFile;
  return identityFile;
}

function identity(): IdentityIndex {
  if (!identityIndex) {
    const file = identityTerms();
    const phrases = new Set([...Object.values(file.groups).flat(), ...file.variants]);
    let maxWords = 1;
    for (const p of phrases) maxWords = Math.max(maxWords, p.split(' ').length);
    identityIndex = { phrases, firstWords: new Set([...phrases].map((p) => p.split(' ')[0]!)), maxWords };
  }
  return identityIndex;
}

// ---------------------------------------------------------------- units

/**
 * The words of a post as the model sees them, as parallel arrays reused from post to post (a post
 * allocates no object per word): unit u has a kind, a label — the word itself, or the placeholder
 * it reads as in word n-grams — and the ORIGINAL offset where it starts.
 */
const WORD = 0;
const IDENTITY = 1;
const URL_UNIT = 2;
const USER = 3;
const NUMBER = 4;

class Units {
  kinds = new Uint8Array(256);
  labels: string[] = [];
  at = new Uint32Array(256);
  length = 0;

  push(kind: number, label: string, at: number): void {
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = kind;
    this.labels[this.length] = label;
    this.at[this.length] = at;
    this.length++;
  }

  private grow(): void {
    const kinds = new Uint8Array(this.kinds.length * 2);
    kinds.set(this.kinds);
    const at = new Uint32Array(this.at.length * 2);
    at.set(this.at);
    this.kinds = kinds;
    this.at = at;
  }
}

const LABEL: Record<number, string> = { [IDENTITY]: '<id>', [USER]: '<user>', [NUMBER]: '<num>' };

const URL = /(?:https?:\/\/|www\.)\S+/g;
const GOV_HOST = /^(?:https?:\/\/)?(?:www\.)?[^/?#\s@]*\.(?:gov|mil)(?:[/?#:]|$)/;

/** Text-speak read as the words it stands for, so "i will kill u" and "I will kill you" look alike. */
const TEXT_SPEAK = new Map<string, string>(Object.entries({
  u: 'you', ya: 'you', yu: 'you', ur: 'your', urs: 'yours', r: 'are', urself: 'yourself', ppl: 'people',
  pls: 'please', plz: 'please', im: "i'm", dont: "don't", cant: "can't", wont: "won't", ima: "i'm going to",
}));

/** [start, end, 1 when the host is under .gov or .mil] of each URL in the folded text. */
function urlRanges(folded: string): Array<[number, number, number]> {
  return [...folded.matchAll(URL)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length, GOV_HOST.test(m[0]) ? 1 : 0]);
}

/** Length in tokens of the identity phrase starting at token i, or 0. */
function identityLength(tokens: Tokens, i: number): number {
  const { phrases, firstWords, maxWords } = identity();
  if (!firstWords.has(tokens.word(i))) return 0;
  let phrase = '';
  let found = 0;
  for (let n = 1; n <= maxWords && i + n - 1 < tokens.length; n++) {
    phrase = n === 1 ? tokens.word(i) : `${phrase} ${tokens.word(i + n - 1)}`;
    if (phrases.has(phrase)) found = n;
  }
  return found;
}

/** How many leading tokens start before ORIGINAL offset FEATURE_SPEC.maxChars (binary search: tokens are in order). */
function tokensInLimit(tokens: Tokens, start: ArrayLike<number>): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((start[tokens.from(mid)] ?? 0) < FEATURE_SPEC.maxChars) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A plain number: ASCII digits only (as /^\d+$/). */
function isDigits(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return word.length > 0;
}

/** Fills `units` with the post's units; `start` maps folded offsets to ORIGINAL ones. */
function unitsOf(folded: string, tokens: Tokens, start: ArrayLike<number>, units: Units): void {
  // Huge posts: read the beginning only, so the cost stays bounded (a 1 MB post costs what 5,000 characters do).
  const count = tokensInLimit(tokens, start);
  const urls = urlRanges(count < tokens.length ? folded.slice(0, tokens.from(count)) : folded);
  units.length = 0;
  let scan = 0;
  let lastUrl = -1;
  for (let i = 0; i < count; i++) {
    const from = tokens.from(i);
    const at = start[from] ?? 0;
    // The URL range containing the token, if any (ranges and tokens are both in order).
    while (scan < urls.length && urls[scan]![1] <= from) scan++;
    if (scan < urls.length && urls[scan]![0] <= from) {
      // A URL's pieces ("https", "t", "co", …) are one <url> unit.
      if (scan !== lastUrl) units.push(URL_UNIT, urls[scan]![2] ? '<govurl>' : '<url>', at);
      lastUrl = scan;
      continue;
    }
    const idLength = identityLength(tokens, i);
    if (idLength > 0) {
      units.push(IDENTITY, LABEL[IDENTITY]!, at);
      i += idLength - 1;
      continue;
    }
    const word = tokens.word(i);
    const kind = from > 0 && folded.charCodeAt(from - 1) === 64 /* @ */ ? USER : isDigits(word) ? NUMBER : WORD;
    units.push(kind, kind === WORD ? (TEXT_SPEAK.get(word) ?? word) : LABEL[kind]!, at);
  }
}

// ---------------------------------------------------------------- vectors

/**
 * Indices in first-touch order, in a typed array kept from call to call (emptying a plain array
 * gives its storage back, and refilling it allocates again).
 */
class Touched {
  list = new Uint32Array(1024);
  length = 0;

  push(index: number): void {
    if (this.length === this.list.length) {
      const list = new Uint32Array(this.list.length * 2);
      list.set(this.list);
      this.list = list;
    }
    this.list[this.length++] = index;
  }
}

/**
 * Bucket counts of one feature group in a reusable dense array, with the buckets in first-touch order
 * (the order a Map would iterate): no allocation per feature, and the same sums in the same order.
 */
class Counts {
  readonly counts = new Uint32Array(BUCKETS);
  readonly touched = new Touched();

  add(bucket: number): void {
    if (this.counts[bucket] === 0) this.touched.push(bucket);
    this.counts[bucket]! += 1;
  }

  clear(): void {
    const { list, length } = this.touched;
    for (let k = 0; k < length; k++) this.counts[list[k]!] = 0;
    this.touched.length = 0;
  }
}

/**
 * The merged, normalized vector being built, in the same dense-plus-order form, and the buffers its
 * sparse form is written to: reused from call to call, so building a vector allocates nothing.
 */
class Merged {
  readonly values: Float64Array;
  readonly seen: Uint8Array;
  readonly touched = new Touched();
  private indices = new Uint32Array(4096);
  private sparse = new Float32Array(4096);

  constructor(size: number) {
    this.values = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  add(index: number, value: number): void {
    // Word-vector values may be negative or cancel out, so "touched" is tracked apart from the value.
    if (this.seen[index] === 0) {
      this.seen[index] = 1;
      this.touched.push(index);
    }
    this.values[index]! += value;
  }

  /** The sparse vector as views of this object's buffers, valid until the next call; the scratch state is reset. */
  take(): SparseVector {
    const n = this.touched.length;
    if (n > this.indices.length) {
      this.indices = new Uint32Array(n * 2);
      this.sparse = new Float32Array(n * 2);
    }
    const { indices, sparse, values, seen } = this;
    const touched = this.touched.list;
    for (let k = 0; k < n; k++) {
      const bucket = touched[k]!;
      indices[k] = bucket;
      sparse[k] = values[bucket]!;
      values[bucket] = 0;
      seen[bucket] = 0;
    }
    this.touched.length = 0;
    return { indices: indices.subarray(0, n), values: sparse.subarray(0, n) };
  }
}

interface Scratch {
  units: Units;
  counts: Counts;
  merged: Merged;
  /** Sublinear counts of one group, before scaling. */
  group: Float64Array;
  embedding: Float64Array;
}

let scratchState: Scratch | undefined;

function scratch(): Scratch {
  scratchState ??= { units: new Units(), counts: new Counts(), merged: new Merged(featureCount()), group: new Float64Array(4096), embedding: new Float64Array(embeddingTable().dims) };
  return scratchState;
}

const WORD_SEED = fnv1a('w:');
const BIGRAM_SEED = fnv1a('b:');
const SPACE = 32;

/** Unigrams "w:<label>" and bigrams "b:<label> <label>", hashed as those strings would be, without building them. */
function wordNgramCounts(units: Units, from: number, to: number, counts: Counts): void {
  // The bigram starting with the previous label, hashed up to and including its space.
  let bigramStart = 0;
  for (let i = from; i < to; i++) {
    const label = units.labels[i]!;
    let unigram = WORD_SEED;
    let bigram = bigramStart;
    let next = BIGRAM_SEED;
    for (let k = 0; k < label.length; k++) {
      const c = label.charCodeAt(k);
      unigram = Math.imul(unigram ^ c, FNV_PRIME) >>> 0;
      bigram = Math.imul(bigram ^ c, FNV_PRIME) >>> 0;
      next = Math.imul(next ^ c, FNV_PRIME) >>> 0;
    }
    if (units.kinds[i] !== IDENTITY) counts.add(bucketOf(unigram));
    if (i > from) counts.add(bucketOf(bigram));
    bigramStart = Math.imul(next ^ SPACE, FNV_PRIME) >>> 0;
  }
}

const CHAR_SEED = fnv1a('c:');

/** Character n-grams of ' word ' (the padding read, not built), hashed incrementally: each start position extends one hash. */
function charNgramCounts(units: Units, from: number, to: number, counts: Counts): void {
  for (let i = from; i < to; i++) {
    if (units.kinds[i] !== WORD) continue;
    const word = units.labels[i]!;
    if (word.length > FEATURE_SPEC.maxCharNgramWord) continue;
    const padded = word.length + 2;
    for (let start = 0; start + CHAR_MIN <= padded; start++) {
      let h = CHAR_SEED;
      const end = Math.min(padded, start + CHAR_MAX);
      for (let k = start; k < end; k++) {
        const c = k === 0 || k === padded - 1 ? SPACE : word.charCodeAt(k - 1);
        h = Math.imul(h ^ c, FNV_PRIME) >>> 0;
        if (k - start + 1 >= CHAR_MIN) counts.add(bucketOf(h));
      }
    }
  }
}

/** 1 + ln(count) for the small counts nearly every feature has, computed once. */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, count) => 1 + Math.log(count));

/** Adds a group's sublinear counts (1 + ln count), scaled to unit L2 norm, into `out`; clears the group. */
function addNormalized(group: Counts, out: Merged, weight: number, state: Scratch): void {
  const touched = group.touched.list;
  const n = group.touched.length;
  if (n > state.group.length) state.group = new Float64Array(n * 2);
  const values = state.group;
  let squares = 0;
  for (let k = 0; k < n; k++) {
    const count = group.counts[touched[k]!]!;
    const v = count < SUBLINEAR.length ? SUBLINEAR[count]! : 1 + Math.log(count);
    squares += v * v;
    values[k] = v;
  }
  if (squares > 0) {
    const scale = weight / Math.sqrt(squares);
    for (let k = 0; k < n; k++) out.add(touched[k]!, values[k]! * scale);
  }
  group.clear();
}

/**
 * Row of a word in the word-vector table. GloVe's tokenizer split contractions ("do n't", "city 's"),
 * so a word with an apostrophe falls back to its stem part: "don't" → "do", "can't" → "ca", "city's" → "city".
 */
function embeddingRow(word: string): number {
  const table = embeddingTable();
  const row = table.indexOf(word);
  if (row >= 0) return row;
  const apostrophe = word.indexOf("'");
  if (apostrophe <= 0) return -1;
  const stem = word.endsWith("n't") ? word.slice(0, -3) : word.slice(0, apostrophe);
  return stem.length > 0 ? table.indexOf(stem) : -1;
}

/** The SIF-weighted mean of the words' rows, L2-normalised and scaled, into `out` after the buckets. */
function addEmbedding(units: Units, from: number, to: number, out: Merged, sum: Float64Array): void {
  const table = embeddingTable();
  sum.fill(0);
  let found = 0;
  for (let i = from; i < to; i++) {
    if (units.kinds[i] !== WORD) continue;
    const row = embeddingRow(units.labels[i]!);
    if (row < 0) continue;
    table.addRow(row, sum);
    found++;
  }
  if (found === 0) return;
  let squares = 0;
  for (let d = 0; d < table.dims; d++) squares += sum[d]! * sum[d]!;
  if (squares === 0) return;
  const scale = FEATURE_SPEC.embeddingScale / Math.sqrt(squares);
  for (let d = 0; d < table.dims; d++) if (sum[d] !== 0) out.add(BUCKETS + d, sum[d]! * scale);
}

/** The vector of units [from, to), as views valid until the next call (see Merged.take). */
function vectorize(state: Scratch, from: number, to: number): SparseVector {
  const { units, counts, merged } = state;
  wordNgramCounts(units, from, to, counts);
  addNormalized(counts, merged, FEATURE_SPEC.wordScale, state);
  charNgramCounts(units, from, to, counts);
  addNormalized(counts, merged, FEATURE_SPEC.charScale, state);
  addEmbedding(units, from, to, merged, state.embedding);
  return merged.take();
}

function copied(vector: SparseVector): SparseVector {
  return { indices: vector.indices.slice(), values: vector.values.slice() };
}

// ---------------------------------------------------------------- public API

function documentUnits(doc: PostDocument): Scratch {
  const state = scratch();
  unitsOf(doc.folded.text, doc.tokens, doc.folded.start, state.units);
  return state;
}

/**
 * Features of a whole post, as views of reused buffers: valid until the next call of any function
 * here. For scoring at once (src/model/heads.ts); keep a copy (`documentFeatures`) to hold on to it.
 */
export function documentFeaturesView(doc: PostDocument): SparseVector {
  const state = documentUnits(doc);
  return vectorize(state, 0, state.units.length);
}

/** Features of a whole post. */
export function documentFeatures(doc: PostDocument): SparseVector {
  return copied(documentFeaturesView(doc));
}

/** Features of raw text, exactly as `documentFeatures(buildDocument(raw))` (without language detection). */
export function textFeatures(raw: string): SparseVector {
  const folded = foldText(raw);
  const state = scratch();
  unitsOf(folded.text, tokenize(folded.text), folded.start, state.units);
  return copied(vectorize(state, 0, state.units.length));
}

/** The sentences the model reads: the first FEATURE_SPEC.maxSentences that start within FEATURE_SPEC.maxChars. */
export function modelSentences(doc: PostDocument): Span[] {
  const spans: Span[] = [];
  for (const span of doc.sentences) {
    if (spans.length >= FEATURE_SPEC.maxSentences || span.offset >= FEATURE_SPEC.maxChars) break;
    spans.push(span);
  }
  return spans;
}

/**
 * Calls `each` with the features of each sentence on its own (those of modelSentences), as views valid
 * during the call, so inference can point at the sentence that scores highest.
 */
export function eachSentenceFeatures(doc: PostDocument, each: (span: Span, vector: SparseVector) => void): void {
  const state = documentUnits(doc);
  const { units } = state;
  let u = 0;
  for (const span of modelSentences(doc)) {
    const end = span.offset + span.length;
    while (u < units.length && units.at[u]! < span.offset) u++;
    const first = u;
    while (u < units.length && units.at[u]! < end) u++;
    each(span, vectorize(state, first, u));
  }
}

/** Features of each sentence on its own (those of modelSentences). */
export function sentenceFeatures(doc: PostDocument): SentenceFeatures[] {
  const out: SentenceFeatures[] = [];
  eachSentenceFeatures(doc, (span, vector) => out.push({ span, vector: copied(vector) }));
  return out;
}

/** w·x for a sparse x. */
export function dot(vector: SparseVector, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += weights[vector.indices[k]!]! * vector.values[k]!;
  return sum;
}
