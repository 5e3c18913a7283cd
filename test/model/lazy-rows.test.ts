import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDINGS_PATH, openEmbeddingBytes, readEmbeddingBytes, readEmbeddingTable } from '../../src/model/embeddings';
import { textFeatures } from '../../src/model/features';
import { HEADS_PATH, readHeads, scoreVector } from '../../src/model/heads';
import { readHeadWeights, type HeadsFile } from '../../src/model/headsFile';
import { LazyRows } from '../../src/model/lazyRows';
import { encodeSteps, parseTerm } from '../../src/text/lexicon';

const card = JSON.parse(readFileSync(HEADS_PATH, 'utf8')) as HeadsFile;

describe('LazyRows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'p5050-lazy-'));
  const file = join(dir, 'rows.bin');
  // 8 header bytes, then 10 rows of 4 bytes: row r holds r+1 four times.
  const bytes = Uint8Array.from([...Array(8).fill(200), ...Array.from({ length: 40 }, (_, i) => Math.floor(i / 4) + 1)]);
  writeFileSync(file, bytes);

  it('reads only the rows asked for, at their place', () => {
    const into = new Uint8Array(bytes.length);
    const rows = new LazyRows(file, into, 8, 4, 10, 5);
    rows.ensure([2, 7]);
    rows.ensureRow(2);
    expect(Array.from(into.subarray(16, 20))).toEqual([3, 3, 3, 3]);
    expect(Array.from(into.subarray(36, 40))).toEqual([8, 8, 8, 8]);
    expect(into.subarray(20, 36).every((b) => b === 0)).toBe(true);
    expect(into.subarray(0, 8).every((b) => b === 0)).toBe(true);
    expect(rows.complete).toBe(false);
  });

  it('reads every row once asked more often than its call limit', () => {
    const into = new Uint8Array(bytes.length);
    const rows = new LazyRows(file, into, 8, 4, 10, 100, 2);
    rows.ensure([0]);
    rows.ensure([0]);
    expect(rows.complete).toBe(false);
    rows.ensure([0]);
    expect(rows.complete).toBe(true);
    expect(Array.from(into.subarray(8))).toEqual(Array.from(bytes.subarray(8)));
  });

  it('reads every row once the limit would be passed', () => {
    const into = new Uint8Array(bytes.length);
    const rows = new LazyRows(file, into, 8, 4, 10, 3);
    rows.ensure([0, 1]);
    expect(rows.complete).toBe(false);
    rows.ensure([1, 5, 6]);
    expect(rows.complete).toBe(true);
    expect(Array.from(into.subarray(8))).toEqual(Array.from(bytes.subarray(8)));
  });
});

describe('the model files read lazily', () => {
  const texts = ['Officer Reyes is on paid leave while the investigation continues.', 'Vote Ortiz for Mayor, he will fix our roads!', 'Join us Saturday at the Riverside Park cleanup.'];

  it('score every head to the bit as the weights read whole do', () => {
    const whole = readHeads(HEADS_PATH, readHeadWeights(join(HEADS_PATH, '..', card.weightsFile), card.featureCount, card.heads.length));
    const lazy = readHeads(HEADS_PATH);
    expect(lazy.rows?.complete).toBe(false);
    for (const text of texts) expect(Array.from(scoreVector(lazy, textFeatures(text)))).toEqual(Array.from(scoreVector(whole, textFeatures(text))));
    lazy.rows!.readAll();
    expect(Buffer.from(lazy.weights.buffer).equals(Buffer.from(whole.weights.buffer))).toBe(true);
  });

  it('give the same word vectors as the embeddings read whole', () => {
    const whole = readEmbeddingTable(readEmbeddingBytes(EMBEDDINGS_PATH));
    const opened = openEmbeddingBytes(EMBEDDINGS_PATH);
    const lazy = readEmbeddingTable(opened.bytes, opened.rows);
    for (const word of ['library', 'park', 'mayor', 'the', 'zzzznotaword']) {
      expect(lazy.indexOf(word)).toBe(whole.indexOf(word));
      const index = whole.indexOf(word);
      if (index < 0) continue;
      const [a, b] = [new Float64Array(whole.dims), new Float64Array(whole.dims)];
      whole.addRow(index, a);
      lazy.addRow(index, b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
    opened.rows.readAll();
    expect(Buffer.from(opened.bytes).equals(readFileSync(EMBEDDINGS_PATH))).toBe(true);
  });
});

describe('the term steps saved at build time (dist/term-cache.json)', () => {
  const saved = join(__dirname, '..', '..', 'dist', 'term-cache.json');
  const run = existsSync(saved) ? it : it.skip;

  run('are what parsing each term gives now', () => {
    const steps = JSON.parse(readFileSync(saved, 'utf8')) as Record<'en' | 'es', Record<string, string>>;
    let terms = 0;
    for (const lang of ['en', 'es'] as const) {
      for (const [term, encoded] of Object.entries(steps[lang])) {
        expect([term, encodeSteps(parseTerm(term, lang))]).toEqual([term, encoded]);
        terms++;
      }
    }
    expect(terms).toBeGreaterThan(1000);
  });
});
