import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { augmentationRows, civicDomainRows, type AugmentOptions, type CivicOptions, type CivicRow } from './augment';
import { BUCKETS, FEATURE_SPEC, IDENTITY_TERMS_PATH, fnv1a, textFeatures } from './features';
import { predict, trainLogistic, type Example, type LinearModel } from './logistic';
import { flaggedShare, chooseThresholds, metricsAt, type Metrics, type ThresholdPolicy } from './metrics';
import { MODEL_FORMAT_VERSION, decodeWeights, encodeWeights, roundTo, type ModelFile, type Thresholds } from './modelFile';

/**
 * Trains the harassment model: `npm run train [-- --data FILE --out FILE]`.
 * Rows whose text hashes into the validation bucket (10%) are held out of the training file, and so are
 * the city-government posts of the held-out templates (civicTemplates.ts, 15% of the templates by hash);
 * the thresholds are chosen on both with the quantised weights the model file will hold, and neither
 * threshold may flag more than 1% of the held-out benign city posts. Same data and config → byte-identical
 * model file (seeded shuffling, fixed rounding, no timestamps).
 */

export const REPO_ROOT = join(__dirname, '..', '..');
export const DEFAULT_DATA = resolve(REPO_ROOT, '..', 'shared', 'train', 'toxicity_train.jsonl');
export const DEFAULT_OUT = join(REPO_ROOT, 'lexicons', 'models', 'harassment.json');

export interface Row {
  text: string;
  label: 0 | 1;
  source?: string;
}

export interface TrainingConfig {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Percent of the training file held out for validation, chosen by hash of the text. */
  validationPercent: number;
  augment: AugmentOptions | null;
  /** City-government posts from civicTemplates.ts: templates not held out are trained on, held-out ones validate. */
  civic: CivicOptions | null;
  /** Weight rows so each source's two classes count equally, in training and in the threshold choice. */
  balanceSources: boolean;
  thresholds: ThresholdPolicy;
}

export const DEFAULT_CONFIG: TrainingConfig = {
  epochs: 15,
  learningRate: 0.05,
  l2: 1e-5,
  seed: 5050,
  validationPercent: 10,
  augment: { perTerm: 24, communityPerTerm: 6, threats: 300, things: 300, civic: 800, seed: 5051 },
  civic: { perTemplate: 16, hostilePerTemplate: 20, holdoutPercent: 15, decorate: 0.25, weight: 3, hostileWeight: 3, seed: 5052 },
  balanceSources: true,
  thresholds: { errorPrecision: 0.9, warningPrecision: 0.8, minFlagged: 30, maxBenignFpr: 0.01 },
};

export function readRows(path: string): Row[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const row = JSON.parse(line) as { text: string; label: number; source?: string };
      return { text: row.text, label: row.label === 1 ? 1 : 0, source: row.source };
    });
}

const VALIDATION_SEED = fnv1a('p5050-validation');

export function isValidation(text: string, percent: number): boolean {
  return fnv1a(text, VALIDATION_SEED) % 100 < percent;
}

/**
 * Row weights giving each source's label-1 and label-0 rows the same total weight. The sources differ
 * in base rate (Wikipedia comments 8% toxic, Davidson tweets 61%), and without this the model learns a
 * source's style as a prior instead of what makes a text toxic. Sources with one class keep weight 1.
 */
export function sourceBalanceWeights(rows: Row[]): number[] {
  const counts = new Map<string, [number, number]>();
  for (const row of rows) {
    const c = counts.get(row.source ?? '') ?? [0, 0];
    c[row.label]++;
    counts.set(row.source ?? '', c);
  }
  return rows.map((row) => {
    const [negatives, positives] = counts.get(row.source ?? '')!;
    if (negatives === 0 || positives === 0) return 1;
    return (negatives + positives) / (2 * (row.label === 1 ? positives : negatives));
  });
}

function toExamples(rows: Row[], weights?: number[]): Example[] {
  return rows.map((row, i) => ({ vector: textFeatures(row.text), label: row.label, weight: weights?.[i] ?? 1 }));
}

/** The model exactly as the file will hold it: weights quantised and decoded again. */
function quantised(model: LinearModel): { weights: Float32Array; bias: number; encoded: ReturnType<typeof encodeWeights> } {
  const encoded = encodeWeights(model.weights);
  return { weights: decodeWeights(encoded), bias: roundTo(model.bias, 8), encoded };
}

function rounded(m: Metrics): Record<string, number> {
  const r = (x: number): number => Math.round(x * 10000) / 10000;
  return { threshold: m.threshold, precision: r(m.precision), recall: r(m.recall), f1: r(m.f1), fpr: r(m.fpr), tp: m.tp, fp: m.fp, fn: m.fn, tn: m.tn };
}

function validationReport(probabilities: number[], labels: number[], weights: number[] | undefined, thresholds: Thresholds): Record<string, unknown> {
  const positives = labels.filter((l) => l === 1).length;
  const report: Record<string, unknown> = {
    rows: labels.length,
    positives,
    atError: rounded(metricsAt(probabilities, labels, thresholds.error)),
    atWarning: rounded(metricsAt(probabilities, labels, thresholds.warning)),
  };
  if (weights) {
    const balanced = (t: number): Record<string, number> => {
      const { tp, fp, fn, tn, ...rates } = rounded(metricsAt(probabilities, labels, t, weights));
      return rates;
    };
    report.sourceBalanced = { atError: balanced(thresholds.error), atWarning: balanced(thresholds.warning) };
  }
  return report;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface TrainingInput {
  rows: Row[];
  /** Digest and name of the data file, recorded in the header. */
  dataSha256: string;
  dataFile: string;
}

export function buildModel(input: TrainingInput, config: TrainingConfig = DEFAULT_CONFIG): ModelFile {
  const train = input.rows.filter((r) => !isValidation(r.text, config.validationPercent));
  const heldOut = input.rows.filter((r) => isValidation(r.text, config.validationPercent));
  const augmented = config.augment ? augmentationRows(config.augment) : [];
  const civic: CivicRow[] = config.civic ? civicDomainRows(config.civic) : [];
  const civicTrain = civic.filter((r) => !r.heldOut);
  const civicValidation = civic.filter((r) => r.heldOut);
  const trainRows = [...train, ...augmented, ...civicTrain];
  const balance = config.balanceSources ? sourceBalanceWeights(trainRows) : trainRows.map(() => 1);
  const civicStart = trainRows.length - civicTrain.length;
  const civicWeight = (row: Row): number => (row.label === 1 ? config.civic!.hostileWeight : config.civic!.weight);
  const weights = balance.map((w, i) => (i >= civicStart ? w * civicWeight(trainRows[i]!) : w));
  const examples = toExamples(trainRows, weights);
  const model = quantised(trainLogistic(examples, { dimensions: BUCKETS, ...config }));
  const validation: Row[] = [...heldOut, ...civicValidation];
  const probabilities = toExamples(validation).map((e) => predict(model, e.vector));
  const labels = validation.map((r) => r.label);
  const validationWeights = config.balanceSources ? sourceBalanceWeights(validation) : undefined;
  const civicBenign = probabilities.slice(heldOut.length).filter((_, i) => civicValidation[i]!.label === 0);
  const civicHostile = probabilities.slice(heldOut.length).filter((_, i) => civicValidation[i]!.label === 1);
  const thresholds = chooseThresholds(probabilities, labels, config.thresholds, validationWeights, civicBenign);
  const report = validationReport(probabilities, labels, validationWeights, thresholds);
  if (config.civic) {
    const n = heldOut.length;
    report.trainingFileOnly = validationReport(probabilities.slice(0, n), labels.slice(0, n), validationWeights?.slice(0, n), thresholds);
    const at = (t: number): Record<string, number> => ({
      threshold: t,
      benignFlagged: Math.round(flaggedShare(civicBenign, t) * civicBenign.length),
      benignFpr: Math.round(flaggedShare(civicBenign, t) * 10000) / 10000,
      hostileRecall: Math.round(flaggedShare(civicHostile, t) * 10000) / 10000,
    });
    report.civicHeldOut = { benign: civicBenign.length, hostile: civicHostile.length, atError: at(thresholds.error), atWarning: at(thresholds.warning) };
  }
  return {
    name: 'harassment',
    version: MODEL_FORMAT_VERSION,
    features: FEATURE_SPEC,
    identityTermsSha256: sha256(readFileSync(IDENTITY_TERMS_PATH)),
    trainingData: {
      file: input.dataFile,
      sha256: input.dataSha256,
      rows: input.rows.length,
      trainRows: train.length,
      validationRows: heldOut.length,
      augmentedRows: augmented.length,
      civicTrainRows: civicTrain.length,
      civicValidationRows: civicValidation.length,
    },
    training: {
      algorithm: 'logistic regression, Adagrad SGD, lazy L2, seeded shuffle',
      epochs: config.epochs,
      learningRate: config.learningRate,
      l2: config.l2,
      seed: config.seed,
      sourceBalancing: config.balanceSources ? 'each source: label-1 and label-0 rows weigh the same in total' : 'none',
      augmentation: config.augment ? JSON.stringify(config.augment) : 'none',
      civicAugmentation: config.civic ? JSON.stringify(config.civic) : 'none',
      validation: `${config.validationPercent}% of the training file by FNV-1a hash of the text${config.civic ? `, plus the city-government posts of the ${config.civic.holdoutPercent}% held-out templates` : ''}`,
      thresholdPolicy: `error: lowest threshold from which validation precision stays >= ${config.thresholds.errorPrecision}; warning: best validation F1 with precision >= ${config.thresholds.warningPrecision}${config.balanceSources ? ' (metrics source-balanced)' : ''}${config.thresholds.maxBenignFpr !== undefined && config.civic ? `; both flag at most ${100 * config.thresholds.maxBenignFpr}% of held-out benign city posts` : ''}`,
    },
    thresholds,
    validation: report,
    bias: model.bias,
    weights: model.encoded,
  };
}

export function serializeModel(model: ModelFile): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

interface CliOptions {
  data: string;
  out: string;
  config: TrainingConfig;
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = { data: DEFAULT_DATA, out: DEFAULT_OUT, config: { ...DEFAULT_CONFIG } };
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    const arg = argv[i]!;
    if (arg === '--data') options.data = resolve(value());
    else if (arg === '--out') options.out = resolve(value());
    else if (arg === '--epochs') options.config.epochs = Number(value());
    else if (arg === '--lr') options.config.learningRate = Number(value());
    else if (arg === '--l2') options.config.l2 = Number(value());
    else if (arg === '--no-augment') options.config.augment = null;
    else if (arg === '--no-civic') options.config.civic = null;
    else throw new Error(`unknown option ${arg} (options: --data FILE, --out FILE, --epochs N, --lr X, --l2 X, --no-augment, --no-civic)`);
  }
  return options;
}

export function main(argv: string[] = process.argv.slice(2)): void {
  const started = Date.now();
  const options = parseArgs(argv);
  const data = readFileSync(options.data);
  const rows = readRows(options.data);
  console.log(`training on ${rows.length} rows from ${options.data}`);
  const model = buildModel({ rows, dataSha256: sha256(data), dataFile: basename(options.data) }, options.config);
  mkdirSync(dirname(options.out), { recursive: true });
  const text = serializeModel(model);
  writeFileSync(options.out, text);
  console.log(`thresholds ${JSON.stringify(model.thresholds)}; validation ${JSON.stringify(model.validation)}`);
  console.log(`wrote ${options.out} (${(text.length / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) main();
