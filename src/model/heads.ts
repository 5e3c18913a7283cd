import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Span } from '../types';
import { FEATURE_SPEC, documentFeatures, featureCount, sentenceFeatures, type SparseVector } from './features';
import { decodeHeadWeights, type HeadCard, type HeadsFile } from './headsFile';
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

export function readHeads(path: string = HEADS_PATH): LoadedHeads {
  const file = JSON.parse(readFileSync(path, 'utf8')) as HeadsFile;
  if (JSON.stringify(file.features) !== JSON.stringify(FEATURE_SPEC)) {
    throw new Error(`${path} was trained with other features than this code extracts: retrain with npm run train`);
  }
  if (file.featureCount !== featureCount()) throw new Error(`${path}: ${file.featureCount} features, the code extracts ${featureCount()}: retrain`);
  if (file.shortPostWords !== SHORT_POST_WORDS) throw new Error(`${path}: short posts of ${file.shortPostWords} words, the code uses ${SHORT_POST_WORDS}: retrain`);
  const weights = decodeHeadWeights(readFileSync(join(path, '..', file.weightsFile)), file.featureCount, file.heads.length);
  return {
    cards: file.heads,
    weights,
    scales: Float64Array.from(file.heads, (h) => h.scale),
    biases: Float64Array.from(file.heads, (h) => h.bias),
  };
}

export function heads(): LoadedHeads {
  loaded ??= readHeads();
  return loaded;
}

/** Index of the head judging `clause`, or -1. */
export function headIndex(clause: string): number {
  return heads().cards.findIndex((card) => card.clause === clause);
}

/** Every head's probability for one feature vector, in one pass over its non-zero features. */
export function scoreVector(model: LoadedHeads, vector: SparseVector): Float64Array {
  const count = model.cards.length;
  const sums = new Float64Array(count);
  const { indices, values } = vector;
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k]! * count;
    const value = values[k]!;
    for (let h = 0; h < count; h++) sums[h]! += model.weights[base + h]! * value;
  }
  for (let h = 0; h < count; h++) sums[h] = sigmoid(model.biases[h]! + sums[h]! * model.scales[h]!);
  return sums;
}

/**
 * Every head's scores for a post, with the given heads. Sentences are scored only when a finding needs
 * to point at one (`worst`), once: most posts flag nothing, and scoring them would double the cost.
 */
export function judgeWith(model: LoadedHeads, doc: PostDocument): Judgement {
  const post = scoreVector(model, documentFeatures(doc));
  let scored: SentenceScores[] | undefined;
  const sentences = (): SentenceScores[] => {
    if (!scored) {
      const whole: Span = { offset: 0, length: doc.raw.length };
      scored =
        doc.sentences.length <= 1
          ? [{ span: doc.sentences[0] ?? whole, scores: post }]
          : sentenceFeatures(doc).map((s) => ({ span: s.span, scores: scoreVector(model, s.vector) }));
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

const cache = new WeakMap<PostDocument, Judgement>();

/** The shipped heads' judgement of a post; computed once per document, however many screeners ask. */
export function judge(doc: PostDocument): Judgement {
  let judgement = cache.get(doc);
  if (!judgement) {
    judgement = judgeWith(heads(), doc);
    cache.set(doc, judgement);
  }
  return judgement;
}
