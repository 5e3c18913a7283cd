import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDocument } from '../text/document';
import { evaluationIndex, headLabel, loadCorpus, withoutEvaluationTexts, REPO_ROOT, type Corpus, type CorpusRow, type HeadSpec } from './corpus';
import { EMBEDDINGS_PATH } from './embeddings';
import { FEATURE_SPEC, IDENTITY_TERMS_PATH, featureCount, textFeatures, type SparseVector } from './features';
import { HEADS_PATH, SHORT_POST_WORDS, isJudged, isShortPost, judgeWith, type LoadedHeads } from './heads';
import { HEADS_FORMAT_VERSION, decodeHeadWeights, encodeHeadWeights, roundTo, type HeadCard, type HeadsFile, type Thresholds } from './headsFile';
import { trainHeads, type HeadExamples } from './logistic';
import { chooseThresholds, choosePublicThresholds, metricsAt, type ThresholdPolicy } from './metrics';

/**
 * `npm run train`: retrains every judgement head from training/sources.json into
 * lexicons/models/heads.json + heads.bin. Validation rows (by hash of the text) are held out; each
 * head's two thresholds are chosen on them, never on ../shared/eval (which this script only reads to
 * refuse a corpus containing any of its texts). Same data → byte-identical files: seeded shuffling,
 * fixed rounding, no timestamps.
 */

export interface TrainingConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Each head's positives weigh this share of its negatives in total. */
  positiveShare: number;
  /** Team-written negatives weigh this much more than their source weight (they are the hard ones). */
  teamNegativeBoost: number;
  thresholds: ThresholdPolicy;
}

export const DEFAULT_CONFIG: TrainingConfig = {
  epochs: 12,
  learningRate: 0.05,
  l2: 1e-5,
  seed: 5050,
  positiveShare: 0.15,
  teamNegativeBoost: 2,
  thresholds: { reviewFpr: 0.02, reviewUnionFpr: 0.04, errorFpr: 0.0005, errorPrecision: 0.9, minFlagged: 10, publicReviewPrecision: 0.8, publicCleanFpr: 0.005 },
};

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Per head, the training label and weight of every row (weight 0: not an example for that head). */
function headExamples(rows: CorpusRow[], heads: HeadSpec[], config: TrainingConfig): HeadExamples[] {
  return heads.map((head) => {
    const labels = new Uint8Array(rows.length);
    const weights = new Float64Array(rows.length);
    let positives = 0;
    let negatives = 0;
    rows.forEach((row, i) => {
      const label = row.validation ? undefined : headLabel(head, row);
      if (label === undefined) return;
      labels[i] = label;
      const sourceWeight = row.origin === 'public' && row.informs !== 'all' ? (head.publicWeight ?? 1) : 1;
      weights[i] = row.weight * sourceWeight * (label === 0 && row.origin === 'team' ? config.teamNegativeBoost : 1);
      if (label === 1) positives += weights[i]!;
      else negatives += weights[i]!;
    });
    const scale = positives === 0 ? 0 : (config.positiveShare * negatives) / positives;
    rows.forEach((_, i) => {
      if (labels[i] === 1) weights[i]! *= scale;
    });
    return { labels, weights };
  });
}

/** The heads exactly as the files will hold them (quantised), for scoring the validation rows. */
function quantisedHeads(weights: Float64Array[], biases: number[], heads: HeadSpec[]): { loaded: LoadedHeads; bytes: Buffer; scales: number[] } {
  const count = featureCount();
  const { bytes, scales } = encodeHeadWeights(weights, count);
  const cards = heads.map((h, i): HeadCard => ({ id: h.id, clause: h.clause, description: h.description, bias: roundTo(biases[i]!, 8), scale: scales[i]!, thresholds: { error: 1, review: 1 }, shortThresholds: { error: 1, review: 1 }, validation: {} }));
  return {
    loaded: { cards, weights: decodeHeadWeights(bytes, count, heads.length), scales: Float64Array.from(scales), biases: Float64Array.from(cards, (c) => c.bias) },
    bytes,
    scales,
  };
}

interface ValidationScores {
  rows: CorpusRow[];
  /** scores[h][i]: head h's score for validation row i, as the screener computes it. */
  scores: Float64Array[];
  /** short[i]: row i has at most SHORT_POST_WORDS words, so the short-post thresholds apply to it. */
  short: boolean[];
}

function scoreValidation(rows: CorpusRow[], loaded: LoadedHeads): ValidationScores {
  // Validation rows the screener would not judge (under MIN_JUDGED_WORDS words) do not set thresholds.
  const validation = rows.filter((r) => r.validation && isJudged(buildDocument(r.text)));
  const scores = loaded.cards.map(() => new Float64Array(validation.length));
  const short: boolean[] = [];
  validation.forEach((row, i) => {
    const doc = buildDocument(row.text);
    const judgement = judgeWith(loaded, doc);
    loaded.cards.forEach((_, h) => (scores[h]![i] = judgement.score(h)));
    short.push(isShortPost(doc));
  });
  return { rows: validation, scores, short };
}

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Indices of validation rows that are fine to publish: team-written clean rows and real government posts. */
function cleanValidation(validation: ValidationScores): number[] {
  return validation.rows.flatMap((row, i) => ((row.origin === 'team' && row.clauses.length === 0) || (row.origin === 'public' && row.informs === 'all') ? [i] : []));
}

const usesCleanBudget = (head: HeadSpec): boolean => (head.thresholds ?? 'clean') === 'clean';

/**
 * The per-head false-positive budget of the 'clean' heads: the largest rate (in steps of 0.001, at most
 * policy.reviewFpr) at which all heads together — the 'public' ones at their own thresholds — flag at
 * most policy.reviewUnionFpr of the clean validation posts of one length. Every head adds its false alarms to the same
 * posts, so the budget is the whole component's, not each head's.
 */
function commonReviewFpr(heads: HeadSpec[], validation: ValidationScores, policy: ThresholdPolicy, length: PostLength): number {
  const ofLength = (i: number): boolean => validation.short[i] === (length === 'short');
  const clean = cleanValidation(validation).filter(ofLength);
  const unionAt = (fpr: number): number => {
    const reviews = heads.map((head, h) => headThresholds(head, h, validation, { ...policy, reviewFpr: fpr }, ofLength).thresholds.review);
    return clean.filter((i) => reviews.some((t, h) => validation.scores[h]![i]! >= t)).length / clean.length;
  };
  let best = 0.001;
  for (let step = 1; step <= Math.round(policy.reviewFpr * 1000); step++) if (unionAt(step / 1000) <= policy.reviewUnionFpr) best = step / 1000;
  return best;
}

type PostLength = 'long' | 'short';

/** An error threshold no score is taken to reach, as `chooseThresholds` gives a head that may not block. */
const NEVER = 1;

/**
 * A head's thresholds for long posts and for short ones, each chosen on the validation rows of that
 * length: a few-word post gives a linear model little evidence and its scores spread differently
 * ("Update on the budget." is not a shaming post), so the same false-positive rate needs its own cut.
 * Each length has its own per-head rate (`reviewFpr`): short and long posts are held to the
 * component's budget each, so that neither short notices nor long ones are flagged more than it allows.
 */
function bothThresholds(head: HeadSpec, h: number, validation: ValidationScores, policy: ThresholdPolicy, reviewFpr: Record<PostLength, number>): { long: Thresholds; short: Thresholds; picked: Picked } {
  const long = headThresholds(head, h, validation, { ...policy, reviewFpr: reviewFpr.long }, (i) => !validation.short[i]);
  const short = headThresholds(head, h, validation, { ...policy, reviewFpr: reviewFpr.short }, (i) => validation.short[i]!);
  // A head never blocks a short post on its own: a dozen words are too little evidence for an error
  // ("These new parking rules make no sense at all." read as harassment), so they are flagged for review.
  return { long: long.thresholds, short: { ...short.thresholds, error: NEVER }, picked: long.picked };
}

interface Picked {
  indices: number[];
  probabilities: number[];
  labels: number[];
}

function pick(validation: ValidationScores, h: number, keep: (row: CorpusRow, i: number) => boolean, label: (row: CorpusRow) => number): Picked {
  const indices = validation.rows.flatMap((row, i) => (keep(row, i) ? [i] : []));
  return { indices, probabilities: indices.map((i) => validation.scores[h]![i]!), labels: indices.map((i) => label(validation.rows[i]!)) };
}

/**
 * A head's thresholds, and the validation rows they were judged on: its positives against posts that
 * are fine to publish (team-written clean rows and real government posts) — a head that also scores
 * another clause's violation high costs the user nothing, one that flags an ordinary post does — or,
 * for a 'public' head, the held-out rows of the public data it learns from.
 */
function headThresholds(head: HeadSpec, h: number, validation: ValidationScores, policy: ThresholdPolicy, inSubset: (i: number) => boolean): { thresholds: Thresholds; picked: Picked } {
  const clean = (row: CorpusRow): boolean => (row.origin === 'team' && row.clauses.length === 0) || (row.origin === 'public' && row.informs === 'all');
  const label = (row: CorpusRow): number => headLabel(head, row) ?? 0;
  if (usesCleanBudget(head)) {
    const picked = pick(validation, h, (row, i) => inSubset(i) && (clean(row) || (row.origin === 'team' && headLabel(head, row) === 1)), label);
    return { thresholds: chooseThresholds(picked.probabilities, picked.labels, policy), picked };
  }
  const picked = pick(validation, h, (row, i) => inSubset(i) && row.origin === 'public' && row.informs !== 'all' && headLabel(head, row) !== undefined, label);
  const cleanScores = pick(validation, h, (row, i) => inSubset(i) && clean(row), () => 0).probabilities;
  return { thresholds: choosePublicThresholds(picked.probabilities, picked.labels, cleanScores, policy), picked };
}

function headReport(head: HeadSpec, h: number, validation: ValidationScores, thresholds: Thresholds, picked: Picked): Record<string, unknown> {
  const { probabilities, labels } = picked;
  const at = (t: number): Record<string, number> => {
    const m = metricsAt(probabilities, labels, t);
    return { threshold: t, precision: r4(m.precision), recall: r4(m.recall), fpr: r4(m.fpr), tp: m.tp, fp: m.fp, fn: m.fn, tn: m.tn };
  };
  const team = pick(validation, h, (row) => row.origin === 'team' && (row.clauses.length === 0 || headLabel(head, row) === 1), (row) => headLabel(head, row) ?? 0);
  const byLang = (spanish: boolean): Record<string, number> => {
    const k = team.indices.map((i, j) => ({ i, j })).filter(({ i }) => (validation.rows[i]!.lang !== 'en') === spanish);
    const m = metricsAt(k.map(({ j }) => team.probabilities[j]!), k.map(({ j }) => team.labels[j]!), thresholds.review);
    return { recall: r4(m.recall), fpr: r4(m.fpr), positives: m.tp + m.fn };
  };
  return {
    rows: probabilities.length,
    positives: labels.filter((l) => l === 1).length,
    atReview: at(thresholds.review),
    atError: at(thresholds.error),
    teamEnglishAtReview: byLang(false),
    teamSpanishAndMixedAtReview: byLang(true),
  };
}

export interface TrainedFiles {
  card: HeadsFile;
  weights: Buffer;
}

export function buildHeads(corpus: Corpus, config: TrainingConfig = DEFAULT_CONFIG, log: (line: string) => void = () => undefined): TrainedFiles {
  const { rows, heads } = corpus;
  log(`featurising ${rows.length} rows`);
  const vectors: SparseVector[] = rows.map((r) => textFeatures(r.text));
  const examples = headExamples(rows, heads, config);
  log(`training ${heads.length} heads`);
  const model = trainHeads(vectors, examples, { dimensions: featureCount(), epochs: config.epochs, learningRate: config.learningRate, l2: config.l2, seed: config.seed });
  const { loaded, bytes } = quantisedHeads(model.weights, model.biases, heads);
  log('scoring the validation rows');
  const validation = scoreValidation(rows, loaded);
  const reviewFpr = { long: commonReviewFpr(heads, validation, config.thresholds, 'long'), short: commonReviewFpr(heads, validation, config.thresholds, 'short') };
  log(`review thresholds at a false-positive rate of ${reviewFpr.long} per head on the clean validation posts (${reviewFpr.short} on the short ones)`);
  const cards = loaded.cards.map((card, h) => {
    const { long: thresholds, short: shortThresholds, picked } = bothThresholds(heads[h]!, h, validation, config.thresholds, reviewFpr);
    const report = headReport(heads[h]!, h, validation, thresholds, picked);
    log(`${card.id}: review ${thresholds.review}, error ${thresholds.error} (short posts ${shortThresholds.review}, ${shortThresholds.error}); ${JSON.stringify(report.atReview)}`);
    return { ...card, thresholds, shortThresholds, validation: report };
  });
  const count = (pick: (r: CorpusRow) => boolean): number => rows.filter(pick).length;
  const clean = cleanValidation(validation);
  const unionFlagged = clean.filter((i) => cards.some((c, h) => validation.scores[h]![i]! >= (validation.short[i] ? c.shortThresholds : c.thresholds).review)).length;
  log(`all heads together flag ${unionFlagged} of ${clean.length} clean validation posts`);
  const card: HeadsFile = {
    name: 'judgement-heads',
    version: HEADS_FORMAT_VERSION,
    features: FEATURE_SPEC,
    embeddingsSha256: sha256(readFileSync(EMBEDDINGS_PATH)),
    identityTermsSha256: sha256(readFileSync(IDENTITY_TERMS_PATH)),
    featureCount: featureCount(),
    shortPostWords: SHORT_POST_WORDS,
    weightsFile: 'heads.bin',
    weightsSha256: sha256(bytes),
    heads: cards,
    cleanValidationFlagged: { posts: clean.length, flagged: unionFlagged },
    training: {
      algorithm: 'one logistic regression per head over shared features, trained jointly: Adagrad SGD, lazy L2, seeded shuffle',
      ...config,
      thresholds: `review: lowest threshold whose false-positive rate on the clean validation posts is <= the largest per-head rate (<= ${config.thresholds.reviewFpr}) at which all heads together flag <= ${config.thresholds.reviewUnionFpr} of them, here ${reviewFpr.long} (short and long posts each held to that budget: ${reviewFpr.short} for the short ones); error: lowest threshold >= review with FPR <= ${config.thresholds.errorFpr} and precision >= ${config.thresholds.errorPrecision}; validation = held-out positives of the clause against held-out clean team rows and government posts; posts of at most ${SHORT_POST_WORDS} words get thresholds of their own, chosen the same way on the short validation rows`,
      rows: rows.length,
      trainRows: count((r) => !r.validation),
      validationRows: count((r) => r.validation),
      teamRows: count((r) => r.origin === 'team'),
      templateRows: count((r) => r.origin === 'template'),
      publicRows: count((r) => r.origin === 'public'),
    },
    sources: [
      ...corpus.files.map((f) => ({ file: f.file, rows: f.rows, sha256: sha256(f.bytes), licence: f.licence })),
      ...corpus.excluded.map((e) => ({ file: e.file, excluded: e.why })),
    ],
  };
  return { card, weights: bytes };
}

export function writeHeads(files: TrainedFiles, cardPath: string = HEADS_PATH): void {
  writeFileSync(join(cardPath, '..', files.card.weightsFile), files.weights);
  writeFileSync(cardPath, `${JSON.stringify(files.card, null, 2)}\n`);
}

export function main(argv: string[] = process.argv.slice(2)): void {
  const started = Date.now();
  if (argv.length > 0) throw new Error(`train takes no options (got ${argv.join(' ')}); its settings are training/sources.json and DEFAULT_CONFIG`);
  const loaded = loadCorpus();
  const index = evaluationIndex();
  const { rows, dropped } = withoutEvaluationTexts(loaded.rows, index);
  console.log(`${rows.length} rows; none of the ${index.count} evaluation texts is among them (${dropped} template or public rows that were dropped)`);
  const files = buildHeads({ ...loaded, rows }, DEFAULT_CONFIG, (line) => console.log(line));
  writeHeads(files);
  console.log(`wrote ${HEADS_PATH} and ${files.card.weightsFile} (${(files.weights.length / 1048576).toFixed(2)} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export { REPO_ROOT };
if (require.main === module) main();
