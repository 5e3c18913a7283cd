import { FEATURE_SPEC } from './features';

/**
 * The model file `lexicons/models/harassment.json`: a readable header (feature spec, training data
 * digest, thresholds, validation metrics) followed by the weights, quantised to int16 with one scale,
 * little-endian, base64. Written by src/model/train.ts, read by src/model/harassment.ts.
 */

export const MODEL_FORMAT_VERSION = 1;

export interface EncodedWeights {
  encoding: 'int16-le-base64';
  count: number;
  /** weight = int16 value × scale */
  scale: number;
  data: string;
}

export interface Thresholds {
  error: number;
  warning: number;
}

export interface ModelFile {
  name: string;
  version: number;
  features: typeof FEATURE_SPEC;
  identityTermsSha256: string;
  trainingData: Record<string, string | number>;
  training: Record<string, string | number>;
  thresholds: Thresholds;
  validation: Record<string, unknown>;
  bias: number;
  weights: EncodedWeights;
}

const INT16_MAX = 32767;

/** Rounds to `digits` significant digits so the file's numbers are short and stable. */
export function roundTo(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

export function encodeWeights(weights: ArrayLike<number>): EncodedWeights {
  let maxAbs = 0;
  for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]!));
  const scale = maxAbs === 0 ? 1 : roundTo(maxAbs / INT16_MAX, 8);
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) {
    const q = Math.max(-INT16_MAX, Math.min(INT16_MAX, Math.round(weights[i]! / scale)));
    bytes.writeInt16LE(q, i * 2);
  }
  return { encoding: 'int16-le-base64', count: weights.length, scale, data: bytes.toString('base64') };
}

export function decodeWeights(encoded: EncodedWeights): Float32Array {
  if (encoded.encoding !== 'int16-le-base64') throw new Error(`unknown weight encoding ${encoded.encoding}`);
  const bytes = Buffer.from(encoded.data, 'base64');
  if (bytes.length !== encoded.count * 2) throw new Error('weight data does not match its count');
  const weights = new Float32Array(encoded.count);
  for (let i = 0; i < encoded.count; i++) weights[i] = bytes.readInt16LE(i * 2) * encoded.scale;
  return weights;
}
