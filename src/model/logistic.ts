import { dot, type SparseVector } from './features';

/**
 * L2-regularised logistic regression trained with Adagrad SGD: a seeded PRNG fixes the shuffling, so
 * the same examples and options always give bit-identical weights.
 */

export interface Example {
  vector: SparseVector;
  label: 0 | 1;
  /** How much this example counts (default 1). */
  weight?: number;
}

export interface TrainOptions {
  dimensions: number;
  epochs: number;
  learningRate: number;
  /** L2 strength, applied to each weight an example touches (lazy, sparse). */
  l2: number;
  seed: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

/** mulberry32: a small, fast, seeded PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffledIndices(length: number, random: () => number): Uint32Array {
  const order = new Uint32Array(length);
  for (let i = 0; i < length; i++) order[i] = i;
  for (let i = length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

export function predict(model: { weights: ArrayLike<number>; bias: number }, vector: SparseVector): number {
  return sigmoid(model.bias + dot(vector, model.weights));
}

const EPSILON = 1e-8;

export function trainLogistic(examples: Example[], options: TrainOptions): LinearModel {
  const weights = new Float64Array(options.dimensions);
  const squares = new Float64Array(options.dimensions);
  const random = seededRandom(options.seed);
  let bias = 0;
  let biasSquares = 0;
  const lr = options.learningRate;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffledIndices(examples.length, random)) {
      const { vector, label, weight = 1 } = examples[index]!;
      const error = (sigmoid(bias + dot(vector, weights)) - label) * weight;
      for (let k = 0; k < vector.indices.length; k++) {
        const i = vector.indices[k]!;
        const gradient = error * vector.values[k]! + options.l2 * weights[i]!;
        squares[i] += gradient * gradient;
        weights[i] -= (lr * gradient) / (Math.sqrt(squares[i]!) + EPSILON);
      }
      biasSquares += error * error;
      bias -= (lr * error) / (Math.sqrt(biasSquares) + EPSILON);
    }
  }
  return { weights, bias };
}

/** Labels and weights of every example for one head (weight 0: the example does not inform that head). */
export interface HeadExamples {
  labels: Uint8Array;
  weights: Float64Array;
}

export interface MultiHeadModel {
  weights: Float64Array[];
  biases: number[];
}

/**
 * One logistic regression per head over the same feature vectors, trained in one pass per epoch: each
 * example's features are visited once and every head it informs is updated. Same as training the heads
 * one by one (their weights never interact), at the cost of one.
 */
export function trainHeads(vectors: SparseVector[], heads: HeadExamples[], options: TrainOptions): MultiHeadModel {
  const count = heads.length;
  const weights = heads.map(() => new Float64Array(options.dimensions));
  const squares = heads.map(() => new Float64Array(options.dimensions));
  const biases = new Float64Array(count);
  const biasSquares = new Float64Array(count);
  const random = seededRandom(options.seed);
  const lr = options.learningRate;
  const errors = new Float64Array(count);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const index of shuffledIndices(vectors.length, random)) {
      const vector = vectors[index]!;
      let any = false;
      for (let h = 0; h < count; h++) {
        const w = heads[h]!.weights[index]!;
        errors[h] = w === 0 ? 0 : (sigmoid(biases[h]! + dot(vector, weights[h]!)) - heads[h]!.labels[index]!) * w;
        if (w !== 0) any = true;
      }
      if (!any) continue;
      for (let h = 0; h < count; h++) {
        if (heads[h]!.weights[index] === 0) continue;
        const error = errors[h]!;
        const wh = weights[h]!;
        const sh = squares[h]!;
        for (let k = 0; k < vector.indices.length; k++) {
          const i = vector.indices[k]!;
          const gradient = error * vector.values[k]! + options.l2 * wh[i]!;
          sh[i]! += gradient * gradient;
          wh[i]! -= (lr * gradient) / (Math.sqrt(sh[i]!) + EPSILON);
        }
        biasSquares[h]! += error * error;
        biases[h]! -= (lr * error) / (Math.sqrt(biasSquares[h]!) + EPSILON);
      }
    }
  }
  return { weights, biases: Array.from(biases) };
}
