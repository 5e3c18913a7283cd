import type { Thresholds } from './headsFile';

/** Binary classification metrics and the threshold choice made on the validation split. */

export interface Metrics {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** False-positive rate: fp / (fp + tn). */
  fpr: number;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Metrics when flagging probabilities >= threshold; `weights` make rows count more or less (counts become sums). */
export function metricsAt(probabilities: ArrayLike<number>, labels: ArrayLike<number>, threshold: number, weights?: ArrayLike<number>): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < probabilities.length; i++) {
    const flagged = probabilities[i]! >= threshold;
    const w = weights ? weights[i]! : 1;
    if (labels[i] === 1) flagged ? (tp += w) : (fn += w);
    else flagged ? (fp += w) : (tn += w);
  }
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = ratio(2 * precision * recall, precision + recall);
  return { threshold, tp, fp, fn, tn, precision, recall, f1, fpr: ratio(fp, fp + tn) };
}

/** Candidate thresholds 0.050, 0.055, … 0.990, built from integers so no float drift creeps in. */
export function thresholdGrid(): number[] {
  const grid: number[] = [];
  for (let k = 50; k <= 990; k += 5) grid.push(k / 1000);
  return grid;
}

export interface ThresholdPolicy {
  /** `review`: the lowest threshold whose false-positive rate on the validation rows is at most this. */
  reviewFpr: number;
  /** All heads together may flag at most this share of the clean validation posts (src/model/train.ts). */
  reviewUnionFpr: number;
  /** `error`: the lowest threshold (not below `review`) with a false-positive rate at most this… */
  errorFpr: number;
  /** …and a precision at least this. */
  errorPrecision: number;
  /** A threshold flagging fewer validation rows than this cannot show its precision (error, public review). */
  minFlagged: number;
  /** A 'public' head's review threshold: best F1 with at least this precision on its public validation rows… */
  publicReviewPrecision: number;
  /** …and both its thresholds flag at most this share of the clean validation posts. */
  publicCleanFpr: number;
}

/**
 * The two thresholds of a head, from its validation probabilities. False-positive rates come first:
 * every head adds its false alarms to the same posts, and a tool that asks for review on every other
 * ordinary post is ignored.
 */
export function chooseThresholds(probabilities: ArrayLike<number>, labels: ArrayLike<number>, policy: ThresholdPolicy): Thresholds {
  const grid = thresholdGrid();
  const table = grid.map((t) => metricsAt(probabilities, labels, t));
  const review = table.find((m) => m.fpr <= policy.reviewFpr)?.threshold ?? grid[grid.length - 1]!;
  // Blocking needs evidence: a threshold flagging fewer than minFlagged validation rows cannot show its
  // precision, so it is not taken (with no threshold shown precise enough, the head never blocks alone).
  const error =
    table.find((m) => m.threshold >= review && m.fpr <= policy.errorFpr && m.tp + m.fp >= policy.minFlagged && m.precision >= policy.errorPrecision)?.threshold ??
    1;
  return { review, error };
}

/**
 * Thresholds of a head judged on public data (tweets and comments labelled for toxicity): error from
 * the lowest threshold whose precision stays >= errorPrecision, review at the best F1 with precision >=
 * publicReviewPrecision (never above error); each then raised, if need be, until it flags at most
 * publicCleanFpr of `clean` (ordinary posts that must pass).
 */
export function choosePublicThresholds(probabilities: ArrayLike<number>, labels: ArrayLike<number>, clean: ArrayLike<number>, policy: ThresholdPolicy): Thresholds {
  const grid = thresholdGrid();
  const table = grid.map((t) => metricsAt(probabilities, labels, t)).filter((m) => m.tp + m.fp >= policy.minFlagged);
  let error = table[table.length - 1]?.threshold ?? grid[grid.length - 1]!;
  for (let i = table.length - 1; i >= 0 && table[i]!.precision >= policy.errorPrecision; i--) error = table[i]!.threshold;
  let best: Metrics | undefined;
  for (const m of table) if (m.threshold <= error && m.precision >= policy.publicReviewPrecision && (!best || m.f1 >= best.f1)) best = m;
  const cleanEnough = (t: number): number => grid.find((g) => g >= t && flaggedShare(clean, g) <= policy.publicCleanFpr) ?? grid[grid.length - 1]!;
  const review = cleanEnough(best?.threshold ?? error);
  return { review, error: Math.max(review, cleanEnough(error)) };
}

/** Share of `probabilities` at or above `threshold`. */
export function flaggedShare(probabilities: ArrayLike<number>, threshold: number): number {
  let flagged = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i]! >= threshold) flagged++;
  return probabilities.length === 0 ? 0 : flagged / probabilities.length;
}
