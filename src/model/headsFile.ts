import { closeSync, openSync, statSync } from 'node:fs';
import { FEATURE_SPEC } from './features';
import { LazyRows, readRange } from './lazyRows';

/**
 * The judgement heads as shipped: `lexicons/models/heads.json` (a readable card: feature spec, the
 * heads with their clauses, thresholds and validation numbers, the training data's digests and
 * sources) and `lexicons/models/heads.bin` (the weights). The weights are int16, little-endian,
 * feature-major and interleaved — weight (feature f, head h) at f × heads + h — so one pass over a
 * post's features scores every head, and each head has its own scale. Written by src/model/train.ts,
 * read by src/model/heads.ts.
 */

export const HEADS_FORMAT_VERSION = 1;

export interface Thresholds {
  /** Probability from which the head's finding is an error (blocks). */
  error: number;
  /** Probability from which it asks a person to review (a warning). */
  review: number;
}

export interface HeadCard {
  /** The head's name: its clause, or its own name when two heads judge one clause. */
  id: string;
  /** The clause its findings name. */
  clause: string;
  /** What it was trained to recognise, in a phrase. */
  description: string;
  bias: number;
  /** weight = int16 × scale */
  scale: number;
  /** Thresholds for posts longer than the file's shortPostWords words… */
  thresholds: Thresholds;
  /** …and for posts of at most that many words. */
  shortThresholds: Thresholds;
  validation: Record<string, unknown>;
}

export interface HeadsFile {
  name: 'judgement-heads';
  version: number;
  features: typeof FEATURE_SPEC;
  /** sha256 of lexicons/models/embeddings.bin and lexicons/identity-terms.json, which the features read. */
  embeddingsSha256: string;
  identityTermsSha256: string;
  /** Number of features per head (buckets + word-vector dimensions). */
  featureCount: number;
  /** Posts of at most this many words are judged with each head's shortThresholds. */
  shortPostWords: number;
  weightsFile: string;
  weightsSha256: string;
  heads: HeadCard[];
  /** How many clean validation posts any head flags at its review threshold. */
  cleanValidationFlagged: { posts: number; flagged: number };
  training: Record<string, unknown>;
  sources: Array<Record<string, unknown>>;
}

const INT16_MAX = 32767;

/** Rounds to `digits` significant digits so the file's numbers are short and stable. */
export function roundTo(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

/** Quantises per-head weight arrays into the interleaved int16 layout; returns the bytes and each head's scale. */
export function encodeHeadWeights(weights: Float64Array[], featureCount: number): { bytes: Buffer; scales: number[] } {
  const heads = weights.length;
  const scales = weights.map((w) => {
    let maxAbs = 0;
    for (let i = 0; i < featureCount; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]!));
    return maxAbs === 0 ? 1 : roundTo(maxAbs / INT16_MAX, 8);
  });
  const bytes = Buffer.alloc(featureCount * heads * 2);
  for (let f = 0; f < featureCount; f++) {
    for (let h = 0; h < heads; h++) {
      const q = Math.max(-INT16_MAX, Math.min(INT16_MAX, Math.round(weights[h]![f]! / scales[h]!)));
      bytes.writeInt16LE(q, (f * heads + h) * 2);
    }
  }
  return { bytes, scales };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The int16 weights as a typed array over a copy aligned for Int16Array (in this machine's byte order). */
export function decodeHeadWeights(bytes: Uint8Array, featureCount: number, heads: number): Int16Array {
  if (bytes.length !== featureCount * heads * 2) throw new Error(`heads weights: ${bytes.length} bytes, expected ${featureCount * heads * 2}`);
  const aligned = new Int16Array(featureCount * heads);
  new Uint8Array(aligned.buffer).set(bytes);
  if (!LITTLE_ENDIAN) swapBytes(aligned);
  return aligned;
}

function swapBytes(weights: Int16Array): void {
  const view = new DataView(weights.buffer, weights.byteOffset, weights.byteLength);
  for (let i = 0; i < weights.length; i++) weights[i] = view.getInt16(i * 2, true);
}

/**
 * Reads the weights file straight into the Int16Array it is used as: one read, no copy (the file is
 * 5 MB), in shared memory so that worker threads can use the same weights.
 */
export function readHeadWeights(path: string, featureCount: number, heads: number): Int16Array {
  const weights = new Int16Array(new SharedArrayBuffer(weightsFileSize(path, featureCount, heads)));
  const fd = openSync(path, 'r');
  try {
    readRange(fd, path, new Uint8Array(weights.buffer), 0, weights.byteLength);
  } finally {
    closeSync(fd);
  }
  if (!LITTLE_ENDIAN) swapBytes(weights);
  return weights;
}

/** The weights file's size, which must be that of `heads` int16 weights per feature. */
function weightsFileSize(path: string, featureCount: number, heads: number): number {
  const size = statSync(path).size;
  if (size !== featureCount * heads * 2) throw new Error(`${path}: ${size} bytes, expected ${featureCount * heads * 2}`);
  return size;
}

/**
 * Feature rows read one by one before the rest of the weights file is read in one go (a batch): a
 * 20-word post touches about 340, so a pre-commit hook's few drafts stay under it, and past it the
 * preads (a few µs each) would cost more than one read of the 5 MB.
 */
const LAZY_FEATURE_ROWS = 4_096;
/** Vectors scored (a post and its sentences) before the rest is read in one go, whatever the rows. */
const LAZY_SCORED_VECTORS = 64;

/**
 * The weights as an Int16Array the size of the file whose feature rows are read as posts need them
 * (`rows.ensure` before scoring): a single short post reads some kilobytes, not 5 MB. On a big-endian
 * machine, where the bytes must be swapped, the whole file is read at once.
 */
export function openHeadWeights(path: string, featureCount: number, heads: number): { weights: Int16Array; rows?: LazyRows } {
  if (!LITTLE_ENDIAN) return { weights: readHeadWeights(path, featureCount, heads) };
  const weights = new Int16Array(new SharedArrayBuffer(weightsFileSize(path, featureCount, heads)));
  return { weights, rows: new LazyRows(path, new Uint8Array(weights.buffer), 0, heads * 2, featureCount, LAZY_FEATURE_ROWS, LAZY_SCORED_VECTORS) };
}
