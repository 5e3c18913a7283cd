import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a } from './hash';

/**
 * The word-vector table (lexicons/models/embeddings.bin, built by scripts/build-embeddings.js from
 * GloVe 6B 100-d): int8 rows whose scale already carries the word's SIF weight, and an open-addressing
 * hash table from word to row, so loading is one read and a few typed-array views — nothing is parsed
 * or rebuilt per word. A sentence's vector is the mean of its words' rows (words not in the table add
 * nothing), L2-normalised by the caller.
 */

export const EMBEDDINGS_PATH = join(__dirname, '..', '..', 'lexicons', 'models', 'embeddings.bin');

export interface EmbeddingTable {
  dims: number;
  count: number;
  header: Record<string, unknown>;
  /** Row index of a word, or -1. */
  indexOf(word: string): number;
  /** Adds row `index` (times its SIF-weighted scale) into `into`. */
  addRow(index: number, into: Float64Array): void;
}

const MAGIC = 'P5050EMB';

export function readEmbeddingTable(bytes: Buffer): EmbeddingTable {
  if (bytes.toString('latin1', 0, 8) !== MAGIC) throw new Error('embeddings: not a p5050 embedding table');
  const headerBytes = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerBytes)) as { dims: number; count: number; slots: number };
  const { dims, count, slots } = header;
  // Copy into an aligned buffer: typed-array views need offsets that are multiples of their element size.
  const data = new ArrayBuffer(bytes.length - 12 - headerBytes);
  new Uint8Array(data).set(bytes.subarray(12 + headerBytes));
  let at = 0;
  const view = <T>(make: (buffer: ArrayBuffer, offset: number, length: number) => T, length: number, size: number): T => {
    const typed = make(data, at, length);
    at += length * size;
    return typed;
  };
  const table = view((b, o, n) => new Uint32Array(b, o, n), slots, 4);
  const wordEnd = view((b, o, n) => new Uint32Array(b, o, n), count, 4);
  const rowScale = view((b, o, n) => new Float32Array(b, o, n), count, 4);
  const vectors = view((b, o, n) => new Int8Array(b, o, n), count * dims, 1);
  const words = new Uint8Array(data, at);
  const mask = slots - 1;

  const sameWord = (index: number, word: string): boolean => {
    const start = index === 0 ? 0 : wordEnd[index - 1]!;
    if (wordEnd[index]! - start !== word.length) return false;
    for (let i = 0; i < word.length; i++) if (words[start + i] !== word.charCodeAt(i)) return false;
    return true;
  };

  return {
    dims,
    count,
    header,
    indexOf(word: string): number {
      for (let slot = fnv1a(word) & mask; ; slot = (slot + 1) & mask) {
        const entry = table[slot]!;
        if (entry === 0) return -1;
        if (sameWord(entry - 1, word)) return entry - 1;
      }
    },
    addRow(index: number, into: Float64Array): void {
      const scale = rowScale[index]!;
      const base = index * dims;
      for (let d = 0; d < dims; d++) into[d]! += vectors[base + d]! * scale;
    },
  };
}

let loaded: EmbeddingTable | undefined;

/** The shipped table, read once per process. */
export function embeddingTable(): EmbeddingTable {
  loaded ??= readEmbeddingTable(readFileSync(EMBEDDINGS_PATH));
  return loaded;
}
