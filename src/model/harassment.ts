import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostDocument, Span } from '../types';
import { FEATURE_SPEC, documentFeatures, sentenceFeatures, type SparseVector } from './features';
import { predict } from './logistic';
import { decodeWeights, type ModelFile, type Thresholds } from './modelFile';

/**
 * The offline harassment/toxicity model (logistic regression over hashed word and character n-grams,
 * trained by src/model/train.ts). Loaded lazily, once per process. Only the beginning of a huge post is
 * read (FEATURE_SPEC.maxChars characters, maxSentences sentences), so scoring time stays bounded.
 */

export const MODEL_PATH = join(__dirname, '..', '..', 'lexicons', 'models', 'harassment.json');

export interface ModelJudgement {
  /** Probability that the whole post is harassing/toxic. */
  probability: number;
  /** ORIGINAL-text span of the highest-scoring sentence (the whole post when it has one sentence or none). */
  span: Span;
  sentenceProbability: number;
}

interface LoadedModel {
  weights: Float32Array;
  bias: number;
  thresholds: Thresholds;
}

let loaded: LoadedModel | undefined;

function loadModel(): LoadedModel {
  if (loaded) return loaded;
  const file = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as ModelFile;
  if (JSON.stringify(file.features) !== JSON.stringify(FEATURE_SPEC)) {
    throw new Error(`${MODEL_PATH} was trained with other features than this code extracts: retrain with npm run train`);
  }
  loaded = { weights: decodeWeights(file.weights), bias: file.bias, thresholds: file.thresholds };
  return loaded;
}

function probabilityOf(vector: SparseVector): number {
  return predict(loadModel(), vector);
}

/** Probability that the whole post is harassing or toxic. */
export function harassmentProbability(doc: PostDocument): number {
  return probabilityOf(documentFeatures(doc));
}

/** The highest-scoring sentence: where a report points. Scored separately, so only worth it for flagged posts. */
export function worstSentence(doc: PostDocument, postProbability: number): Pick<ModelJudgement, 'span' | 'sentenceProbability'> {
  const whole: Span = { offset: 0, length: doc.raw.length };
  if (doc.sentences.length <= 1) return { span: doc.sentences[0] ?? whole, sentenceProbability: postProbability };
  let best = { span: whole, sentenceProbability: -1 };
  for (const sentence of sentenceFeatures(doc)) {
    const p = probabilityOf(sentence.vector);
    if (p > best.sentenceProbability) best = { span: sentence.span, sentenceProbability: p };
  }
  return best;
}

export function scoreHarassment(doc: PostDocument): ModelJudgement {
  const probability = harassmentProbability(doc);
  return { probability, ...worstSentence(doc, probability) };
}

export function modelThresholds(): Thresholds {
  return { ...loadModel().thresholds };
}
