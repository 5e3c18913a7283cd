import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Span, Token } from '../types';
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

type UnitKind = 'word' | 'identity' | 'url' | 'user' | 'number';

/** A word of the post as the model sees it, with the ORIGINAL offset where it starts. */
interface Unit {
  kind: UnitKind;
  text: string;
  at: number;
}

const URL = /(?:https?:\/\/|www\.)\S+/g;
const GOV_HOST = /^(?:https?:\/\/)?(?:www\.)?[^/?#\s@]*\.(?:gov|mil)(?:[/?#:]|$)/;
const DIGITS = /^\d+$/;

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
function identityLength(tokens: Token[], i: number): number {
  const { phrases, firstWords, maxWords } = identity();
  if (!firstWords.has(tokens[i]!.word)) return 0;
  let phrase = '';
  let found = 0;
  for (let n = 1; n <= maxWords && i + n - 1 < tokens.length; n++) {
    phrase = n === 1 ? tokens[i]!.word : `${phrase} ${tokens[i + n - 1]!.word}`;
    if (phrases.has(phrase)) found = n;
  }
  return found;
}

/** Index of the URL range containing folded offset `at`, scanning forward from `from`; -1 if none. */
function urlAt(urls: Array<[number, number, number]>, from: number, at: number): { index: number; next: number } {
  let next = from;
  while (next < urls.length && urls[next]![1] <= at) next++;
  const range = urls[next];
  return { index: range && range[0] <= at ? next : -1, next };
}

/** How many leading tokens start before ORIGINAL offset FEATURE_SPEC.maxChars (binary search: tokens are in order). */
function tokensInLimit(tokens: Token[], originalAt: (foldedOffset: number) => number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (originalAt(tokens[mid]!.from) < FEATURE_SPEC.maxChars) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function unitsOf(folded: string, tokens: Token[], originalAt: (foldedOffset: number) => number): Unit[] {
  // Huge posts: read the beginning only, so the cost stays bounded (a 1 MB post costs what 5,000 characters do).
  const count = tokensInLimit(tokens, originalAt);
  const urls = urlRanges(count < tokens.length ? folded.slice(0, tokens[count]!.from) : folded);
  const units: Unit[] = [];
  let scan = 0;
  let lastUrl = -1;
  for (let i = 0; i < count; i++) {
    const token = tokens[i]!;
    const at = originalAt(token.from);
    const url = urlAt(urls, scan, token.from);
    scan = url.next;
    if (url.index >= 0) {
      // A URL's pieces ("https", "t", "co", …) are one <url> unit.
      if (url.index !== lastUrl) units.push({ kind: 'url', text: urls[url.index]![2] ? 'gov' : '', at });
      lastUrl = url.index;
      continue;
    }
    const idLength = identityLength(tokens, i);
    if (idLength > 0) {
      units.push({ kind: 'identity', text: '', at });
      i += idLength - 1;
      continue;
    }
    units.push({ kind: unitKind(folded, token), text: TEXT_SPEAK.get(token.word) ?? token.word, at });
  }
  return units;
}

function unitKind(folded: string, token: Token): UnitKind {
  if (token.from > 0 && folded[token.from - 1] === '@') return 'user';
  if (DIGITS.test(token.word)) return 'number';
  return 'word';
}

/** How a unit reads in word n-grams. */
function label(unit: Unit): string {
  switch (unit.kind) {
    case 'word':
      return unit.text;
    case 'identity':
      return '<id>';
    case 'url':
      return unit.text === 'gov' ? '<govurl>' : '<url>';
    case 'user':
      return '<user>';
    case 'number':
      return '<num>';
  }
}

// ---------------------------------------------------------------- vectors

/**
 * Bucket counts of one feature group in a reusable dense array, with the buckets in first-touch order
 * (the order a Map would iterate): no allocation per feature, and the same sums in the same order.
 */
class Counts {
  readonly counts = new Uint32Array(BUCKETS);
  readonly touched: number[] = [];

  add(bucket: number): void {
    if (this.counts[bucket] === 0) this.touched.push(bucket);
    this.counts[bucket]! += 1;
  }

  clear(): void {
    for (const b of this.touched) this.counts[b] = 0;
    this.touched.length = 0;
  }
}

/** The merged, normalized vector being built, in the same dense-plus-order form. */
class Merged {
  readonly values: Float64Array;
  readonly seen: Uint8Array;
  readonly touched: number[] = [];

  constructor(size: number) {
    this.values = new Float64Array(size);
    this.seen = new Uint8Array(size);
  }

  add(bucket: number, value: number): void {
    this.addSigned(bucket, value);
  }

  /** Word-vector values may be negative or cancel out, so "touched" is tracked apart from the value. */
  addSigned(index: number, value: number): void {
    if (this.seen[index] === 0) {
      this.seen[index] = 1;
      this.touched.push(index);
    }
    this.values[index]! += value;
  }

  /** The sparse vector, then the scratch state reset for the next one. */
  take(): SparseVector {
    const indices = new Uint32Array(this.touched.length);
    const values = new Float32Array(this.touched.length);
    this.touched.forEach((bucket, k) => {
      indices[k] = bucket;
      values[k] = this.values[bucket]!;
      this.values[bucket] = 0;
      this.seen[bucket] = 0;
    });
    this.touched.length = 0;
    return { indices, values };
  }
}

let scratch: { counts: Counts; merged: Merged } | undefined;

const WORD_SEED = fnv1a('w:');
const BIGRAM_SEED = fnv1a('b:');

/** Unigrams "w:<label>" and bigrams "b:<label> <label>", hashed as those strings would be, without building them. */
function wordNgramCounts(units: Unit[], counts: Counts): void {
  let previous = '';
  for (let i = 0; i < units.length; i++) {
    const current = label(units[i]!);
    if (units[i]!.kind !== 'identity') counts.add(bucketOf(fnv1a(current, WORD_SEED)));
    if (i > 0) counts.add(bucketOf(fnv1a(current, fnv1a(' ', fnv1a(previous, BIGRAM_SEED)))));
    previous = current;
  }
}

const CHAR_SEED = fnv1a('c:');

/** Character n-grams of ' word ', hashed incrementally: each start position extends one hash. */
function charNgramCounts(units: Unit[], counts: Counts): void {
  for (const unit of units) {
    if (unit.kind !== 'word' || unit.text.length > FEATURE_SPEC.maxCharNgramWord) continue;
    const padded = ` ${unit.text} `;
    for (let start = 0; start + CHAR_MIN <= padded.length; start++) {
      let h = CHAR_SEED;
      const end = Math.min(padded.length, start + CHAR_MAX);
      for (let k = start; k < end; k++) {
        h = Math.imul(h ^ padded.charCodeAt(k), FNV_PRIME) >>> 0;
        if (k - start + 1 >= CHAR_MIN) counts.add(bucketOf(h));
      }
    }
  }
}

/** Adds a group's sublinear counts (1 + ln count), scaled to unit L2 norm, into `out`; clears the group. */
function addNormalized(group: Counts, out: Merged, weight: number): void {
  let squares = 0;
  const values = group.touched.map((bucket) => {
    const v = 1 + Math.log(group.counts[bucket]!);
    squares += v * v;
    return v;
  });
  if (squares > 0) {
    const scale = weight / Math.sqrt(squares);
    group.touched.forEach((bucket, k) => out.add(bucket, values[k]! * scale));
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
function addEmbedding(units: Unit[], out: Merged): void {
  const table = embeddingTable();
  const sum = (scratchEmbedding ??= new Float64Array(table.dims));
  sum.fill(0);
  let found = 0;
  for (const unit of units) {
    if (unit.kind !== 'word') continue;
    const row = embeddingRow(unit.text);
    if (row < 0) continue;
    table.addRow(row, sum);
    found++;
  }
  if (found === 0) return;
  let squares = 0;
  for (let d = 0; d < table.dims; d++) squares += sum[d]! * sum[d]!;
  if (squares === 0) return;
  const scale = FEATURE_SPEC.embeddingScale / Math.sqrt(squares);
  for (let d = 0; d < table.dims; d++) if (sum[d] !== 0) out.addSigned(BUCKETS + d, sum[d]! * scale);
}

let scratchEmbedding: Float64Array | undefined;

function vectorize(units: Unit[]): SparseVector {
  scratch ??= { counts: new Counts(), merged: new Merged(featureCount()) };
  const { counts, merged } = scratch;
  wordNgramCounts(units, counts);
  addNormalized(counts, merged, FEATURE_SPEC.wordScale);
  charNgramCounts(units, counts);
  addNormalized(counts, merged, FEATURE_SPEC.charScale);
  addEmbedding(units, merged);
  return merged.take();
}

// ---------------------------------------------------------------- public API

function documentUnits(doc: PostDocument): Unit[] {
  const start = doc.folded.start;
  return unitsOf(doc.folded.text, doc.tokens, (offset) => start[offset] ?? 0);
}

/** Features of a whole post. */
export function documentFeatures(doc: PostDocument): SparseVector {
  return vectorize(documentUnits(doc));
}

/** Features of raw text, exactly as `documentFeatures(buildDocument(raw))` (without language detection). */
export function textFeatures(raw: string): SparseVector {
  const folded = foldText(raw);
  return vectorize(unitsOf(folded.text, tokenize(folded.text), (offset) => folded.start[offset] ?? 0));
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

/** Features of each sentence on its own (those of modelSentences), so inference can point at the sentence that scores highest. */
export function sentenceFeatures(doc: PostDocument): SentenceFeatures[] {
  const units = documentUnits(doc);
  let u = 0;
  return modelSentences(doc).map((span) => {
    const end = span.offset + span.length;
    while (u < units.length && units[u]!.at < span.offset) u++;
    const first = u;
    while (u < units.length && units[u]!.at < end) u++;
    return { span, vector: vectorize(units.slice(first, u)) };
  });
}

/** w·x for a sparse x. */
export function dot(vector: SparseVector, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < vector.indices.length; k++) sum += weights[vector.indices[k]!]! * vector.values[k]!;
  return sum;
}
