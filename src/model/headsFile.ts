import { FEATURE_SPEC } from './features';

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

/** The int16 weights as a typed array over a copy aligned for Int16Array. */
export function decodeHeadWeights(bytes: Buffer, featureCount: number, heads: number): Int16Array {
  if (bytes.length !== featureCount * heads * 2) throw new Error(`heads weights: ${bytes.length} bytes, expected ${featureCount * heads * 2}`);
  const aligned = new Int16Array(featureCount * heads);
  new Uint8Array(aligned.buffer).set(bytes);
  return aligned;
}
