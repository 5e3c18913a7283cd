import type { Thresholds } from './modelFile';

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
  /** `error`: the lowest threshold from which precision stays at least this high. */
  errorPrecision: number;
  /** `warning`: the threshold with the best F1 whose precision is at least this (never above `error`). */
  warningPrecision: number;
  /** Ignore thresholds flagging fewer validation rows than this: their precision is noise. */
  minFlagged: number;
  /**
   * Both thresholds flag at most this share of the `benign` probabilities passed to chooseThresholds
   * (held-out city-government posts): ordinary notices must rarely be flagged.
   */
  maxBenignFpr?: number;
}

export function chooseThresholds(
  probabilities: ArrayLike<number>,
  labels: ArrayLike<number>,
  policy: ThresholdPolicy,
  weights?: ArrayLike<number>,
  benign?: ArrayLike<number>,
): Thresholds {
  const unweighted = (t: number): Metrics => metricsAt(probabilities, labels, t);
  const benignOk = (t: number): boolean =>
    !benign || policy.maxBenignFpr === undefined || flaggedShare(benign, t) <= policy.maxBenignFpr;
  const table = thresholdGrid()
    .filter((t) => unweighted(t).tp + unweighted(t).fp >= policy.minFlagged && benignOk(t))
    .map((t) => metricsAt(probabilities, labels, t, weights));
  let error = table[table.length - 1]?.threshold ?? 0.99;
  for (let i = table.length - 1; i >= 0 && table[i]!.precision >= policy.errorPrecision; i--) error = table[i]!.threshold;
  let best: Metrics | undefined;
  for (const m of table) {
    if (m.threshold > error || m.precision < policy.warningPrecision) continue;
    if (!best || m.f1 >= best.f1) best = m;
  }
  return { error, warning: best?.threshold ?? error };
}

/** Share of `probabilities` at or above `threshold`. */
export function flaggedShare(probabilities: ArrayLike<number>, threshold: number): number {
  let flagged = 0;
  for (let i = 0; i < probabilities.length; i++) if (probabilities[i]! >= threshold) flagged++;
  return probabilities.length === 0 ? 0 : flagged / probabilities.length;
}
