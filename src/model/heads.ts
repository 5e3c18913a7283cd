import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Span } from '../types';
import { FEATURE_SPEC, documentFeaturesView, eachSentenceFeatures, featureCount, type SparseVector } from './features';
import { openHeadWeights, type HeadCard, type HeadsFile } from './headsFile';
import type { LazyRows } from './lazyRows';
import { embeddingBytes, useEmbeddingBytes } from './embeddings';
import { sigmoid } from './logistic';

/**
 * The learned judgement component: one linear classifier ("head") per clause over shared features
 * (hashed word and character n-grams plus a word-vector sentence embedding, src/model/features.ts).
 * A post's features are computed once and every head scores them in the same pass; each sentence is
 * scored too, so a finding can point at the sentence that reads worst. Screeners ask this component
 * for scores; none has a model of its own. Loaded lazily, once per process.
 */

export const HEADS_PATH = join(__dirname, '..', '..', 'lexicons', 'models', 'heads.json');

/** Posts of at most this many words are judged with each head's short-post thresholds (see train.ts). */
export const SHORT_POST_WORDS = 12;

export function isShortPost(doc: PostDocument): boolean {
  return doc.tokens.length <= SHORT_POST_WORDS;
}

/**
 * Posts of fewer words are not judged: "See the link." or "Happy Fourth!" give a linear model next to
 * no evidence, and its scores on them are noise. The word lists and the rules still screen them.
 */
export const MIN_JUDGED_WORDS = 4;

export function isJudged(doc: PostDocument): boolean {
  return doc.tokens.length >= MIN_JUDGED_WORDS;
}

export interface LoadedHeads {
  cards: HeadCard[];
  /** Interleaved int16 weights: feature f, head h at f × heads + h. */
  weights: Int16Array;
  /** While set and not complete, feature rows of `weights` are read on first use (`rows.ensure`). */
  rows?: LazyRows;
  scales: Float64Array;
  biases: Float64Array;
}

export interface SentenceScores {
  /** The sentence, in ORIGINAL text coordinates. */
  span: Span;
  /** Probability per head, in the order of `heads().cards`. */
  scores: Float64Array;
}

export interface Judgement {
  /** Probability per head for the whole post. */
  post: Float64Array;
  /** Probability per head for each sentence the model reads (one entry for a one-sentence post), scored on first use. */
  sentences(): SentenceScores[];
  /** Head h's score for the post. */
  score(h: number): number;
  /** The sentence where head h scores highest: where a finding points. */
  worst(h: number): SentenceScores;
}

let loaded: LoadedHeads | undefined;

/** Reads the heads; `weights` (read by another thread) stands in for reading the weights file again. */
export function readHeads(path: string = HEADS_PATH, weights?: Int16Array): LoadedHeads {
  const file = JSON.parse(readFileSync(path, 'utf8')) as HeadsFile;
  if (JSON.stringify(file.features) !== JSON.stringify(FEATURE_SPEC)) {
    throw new Error(`${path} was trained with other features than this code extracts: retrain with npm run train`);
  }
  if (file.featureCount !== featureCount()) throw new Error(`${path}: ${file.featureCount} features, the code extracts ${featureCount()}: retrain`);
  if (file.shortPostWords !== SHORT_POST_WORDS) throw new Error(`${path}: short posts of ${file.shortPostWords} words, the code uses ${SHORT_POST_WORDS}: retrain`);
  if (weights && weights.length !== file.featureCount * file.heads.length) throw new Error(`${path}: the shared weights do not fit this card`);
  return {
    cards: file.heads,
    ...(weights ? { weights } : openHeadWeights(join(path, '..', file.weightsFile), file.featureCount, file.heads.length)),
    scales: Float64Array.from(file.heads, (h) => h.scale),
    biases: Float64Array.from(file.heads, (h) => h.bias),
  };
}

export function heads(): LoadedHeads {
  loaded ??= readHeads(HEADS_PATH, sharedWeights);
  return loaded;
}

/**
 * The model's large files as read by this thread, in shared memory: a worker thread given them
 * (`useSharedModel`) reads neither file again and keeps no copy of its own.
 */
export interface SharedModel {
  weights: Int16Array;
  embeddings: Uint8Array;
}

let sharedWeights: Int16Array | undefined;

export function sharedModel(): SharedModel {
  const model = heads();
  model.rows?.readAll();
  return { weights: model.weights, embeddings: embeddingBytes() };
}

export function useSharedModel(model: SharedModel): void {
  useEmbeddingBytes(model.embeddings);
  sharedWeights = model.weights;
  loaded = undefined;
}

/** Index of the head judging `clause`, or -1. */
export function headIndex(clause: string): number {
  return heads().cards.findIndex((card) => card.clause === clause);
}

/** Heads scored together per pass over a vector's features: their sums stay in registers (a loop over heads keeps them in memory). */
const HEADS_PER_PASS = 5;

/** Every head's probability for one feature vector, in a pass over its non-zero features per HEADS_PER_PASS heads. */
export function scoreVector(model: LoadedHeads, vector: SparseVector): Float64Array {
  const count = model.cards.length;
  const sums = new Float64Array(count);
  const { indices, values } = vector;
  if (model.rows !== undefined && !model.rows.complete) model.rows.ensure(indices);
  const { weights, biases, scales } = model;
  const n = indices.length;
  // Each head's sum runs over the features in the same order as a plain loop would: the same result to the bit.
  let h = 0;
  for (; h + HEADS_PER_PASS <= count; h += HEADS_PER_PASS) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let k = 0; k < n; k++) {
      const base = indices[k]! * count + h;
      const value = values[k]!;
      s0 += weights[base]! * value;
      s1 += weights[base + 1]! * value;
      s2 += weights[base + 2]! * value;
      s3 += weights[base + 3]! * value;
      s4 += weights[base + 4]! * value;
    }
    sums[h] = s0;
    sums[h + 1] = s1;
    sums[h + 2] = s2;
    sums[h + 3] = s3;
    sums[h + 4] = s4;
  }
  for (; h < count; h++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += weights[indices[k]! * count + h]! * values[k]!;
    sums[h] = sum;
  }
  for (let g = 0; g < count; g++) sums[g] = sigmoid(biases[g]! + sums[g]! * scales[g]!);
  return sums;
}

/**
 * Every head's scores for a post, with the given heads. Sentences are scored only when a finding needs
 * to point at one (`worst`), once: most posts flag nothing, and scoring them would double the cost.
 */
export function judgeWith(model: LoadedHeads, doc: PostDocument): Judgement {
  const post = scoreVector(model, documentFeaturesView(doc));
  let scored: SentenceScores[] | undefined;
  const sentences = (): SentenceScores[] => {
    if (!scored) {
      const whole: Span = { offset: 0, length: doc.raw.length };
      if (doc.sentences.length <= 1) scored = [{ span: doc.sentences[0] ?? whole, scores: post }];
      else {
        const each: SentenceScores[] = [];
        eachSentenceFeatures(doc, (span, vector) => each.push({ span, scores: scoreVector(model, vector) }));
        scored = each;
      }
    }
    return scored;
  };
  return {
    post,
    sentences,
    score: (h) => post[h]!,
    worst: (h) => sentences().reduce((best, s) => (s.scores[h]! > best.scores[h]! ? s : best)),
  };
}

/**
 * The last document judged and its judgement: screeners ask about one post after another. (A WeakMap
 * from document to judgement kept every post's document alive through young-generation collections.)
 */
let lastDoc: PostDocument | undefined;
let lastJudgement: Judgement | undefined;

/** The shipped heads' judgement of a post; computed once per document, however many screeners ask. */
export function judge(doc: PostDocument): Judgement {
  if (doc !== lastDoc || !lastJudgement) {
    lastJudgement = judgeWith(heads(), doc);
    lastDoc = doc;
  }
  return lastJudgement;
}
