import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { fnv1a } from './hash';
import { LazyRows, readRange } from './lazyRows';

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

/** Length of the magic and header, after which the data starts; throws when `bytes` is no table. */
function headerLength(bytes: Uint8Array): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || buffer.toString('latin1', 0, 8) !== MAGIC) throw new Error('embeddings: not a p5050 embedding table');
  return 12 + buffer.readUInt32LE(8);
}

interface Layout {
  dims: number;
  count: number;
  slots: number;
}

function readHeader(bytes: Uint8Array, dataAt: number): Layout & Record<string, unknown> {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 12, dataAt - 12).toString('utf8')) as Layout & Record<string, unknown>;
}

/** File offset of the vectors: after the slot table, the word ends and the row scales. */
function vectorsAt(dataAt: number, { count, slots }: Layout): number {
  return dataAt + slots * 4 + count * 4 + count * 4;
}

/** `rows`, when given, reads the vectors (row r at vectorsAt + r × dims) as `addRow` first needs them. */
export function readEmbeddingTable(bytes: Uint8Array, rows?: LazyRows): EmbeddingTable {
  const dataAt = headerLength(bytes);
  const header = readHeader(bytes, dataAt);
  const { dims, count, slots } = header;
  // Typed-array views need offsets that are multiples of their element size: view the bytes where they
  // are when the data section is aligned (readEmbeddingFile arranges that), else copy it once.
  let data: ArrayBufferLike;
  let at = bytes.byteOffset + dataAt;
  let end = bytes.byteOffset + bytes.length;
  if (at % 4 === 0) data = bytes.buffer;
  else {
    rows?.readAll();
    data = new ArrayBuffer(bytes.length - dataAt);
    new Uint8Array(data).set(bytes.subarray(dataAt));
    at = 0;
    end = data.byteLength;
  }
  const view = <T>(make: (buffer: ArrayBufferLike, offset: number, length: number) => T, length: number, size: number): T => {
    const typed = make(data, at, length);
    at += length * size;
    return typed;
  };
  const table = view((b, o, n) => new Uint32Array(b, o, n), slots, 4);
  const wordEnd = view((b, o, n) => new Uint32Array(b, o, n), count, 4);
  const rowScale = view((b, o, n) => new Float32Array(b, o, n), count, 4);
  const vectors = view((b, o, n) => new Int8Array(b, o, n), count * dims, 1);
  const words = new Uint8Array(data, at, end - at);
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
      if (rows !== undefined && !rows.complete) rows.ensureRow(index);
      const scale = rowScale[index]!;
      const base = index * dims;
      for (let d = 0; d < dims; d++) into[d]! += vectors[base + d]! * scale;
    },
  };
}

let loaded: EmbeddingTable | undefined;

/**
 * Reads a table file in one read, into shared memory placed so that the data section after the header
 * is aligned: the table is then views of the bytes as read, never a copy (the file is 6 MB), and
 * worker threads can use the same bytes (`useEmbeddingBytes`) instead of reading their own.
 */
export function readEmbeddingBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const { bytes } = alignedTableBuffer(fd);
    readRange(fd, path, bytes, 0, bytes.length);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** A zero-filled shared buffer the size of the open table file, placed so that its data section is aligned. */
function alignedTableBuffer(fd: number): { bytes: Uint8Array; dataAt: number } {
  const size = fstatSync(fd).size;
  const start = Buffer.alloc(12);
  readSync(fd, start, 0, 12, 0);
  const dataAt = headerLength(start);
  const pad = (4 - (dataAt % 4)) % 4;
  return { bytes: new Uint8Array(new SharedArrayBuffer(pad + size), pad, size), dataAt };
}

/** Word vectors read one by one (a post's distinct words) before the rest of the file is read in one go (a batch). */
const LAZY_VECTOR_ROWS = 512;
/** Reads of missing vectors (at most a post's distinct words each) before the rest is read in one go. */
const LAZY_VECTOR_CALLS = 1_024;

/**
 * Reads a table file except its vectors (5 of its 6 MB), which `rows` reads as they are first needed,
 * into the same layout as readEmbeddingBytes.
 */
export function openEmbeddingBytes(path: string): { bytes: Uint8Array; rows: LazyRows } {
  const fd = openSync(path, 'r');
  try {
    const { bytes, dataAt } = alignedTableBuffer(fd);
    readRange(fd, path, bytes, 0, dataAt);
    const layout = readHeader(bytes, dataAt);
    const rowsAt = vectorsAt(dataAt, layout);
    const rowsEnd = rowsAt + layout.count * layout.dims;
    readRange(fd, path, bytes, dataAt, rowsAt);
    readRange(fd, path, bytes, rowsEnd, bytes.length);
    return { bytes, rows: new LazyRows(path, bytes, rowsAt, layout.dims, layout.count, LAZY_VECTOR_ROWS, LAZY_VECTOR_CALLS) };
  } finally {
    closeSync(fd);
  }
}

let loadedBytes: Uint8Array | undefined;
/** The shipped file read but for the vectors not needed yet (see embeddingTable). */
let lazyFile: { bytes: Uint8Array; rows: LazyRows } | undefined;

/** The shipped table's bytes (shared memory), read once per process. */
export function embeddingBytes(): Uint8Array {
  if (loadedBytes === undefined && lazyFile !== undefined) {
    lazyFile.rows.readAll();
    loadedBytes = lazyFile.bytes;
  }
  loadedBytes ??= readEmbeddingBytes(EMBEDDINGS_PATH);
  return loadedBytes;
}

/** Uses bytes another thread read (embeddingBytes there) instead of reading the file again. */
export function useEmbeddingBytes(bytes: Uint8Array): void {
  if (loadedBytes === bytes) return;
  loadedBytes = bytes;
  lazyFile = undefined;
  loaded = undefined;
}

/** The shipped table, read once per process: its vectors as posts need them, unless bytes were given. */
export function embeddingTable(): EmbeddingTable {
  if (loaded === undefined) {
    if (loadedBytes !== undefined) loaded = readEmbeddingTable(loadedBytes);
    else {
      lazyFile = openEmbeddingBytes(EMBEDDINGS_PATH);
      loaded = readEmbeddingTable(lazyFile.bytes, lazyFile.rows);
    }
  }
  return loaded;
}
