import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CorpusRow, HeadSpec } from '../../src/model/corpus';
import { evaluationIndex, headLabel, isEvaluationText, normalizeText, withoutEvaluationTexts } from '../../src/model/corpus';
import { EMBEDDINGS_PATH, embeddingTable, readEmbeddingTable } from '../../src/model/embeddings';
import { BUCKETS, featureCount, textFeatures } from '../../src/model/features';
import { HEADS_PATH, heads, judge, judgeWith, scoreVector } from '../../src/model/heads';
import type { HeadsFile } from '../../src/model/headsFile';
import { sigmoid } from '../../src/model/logistic';
import { buildHeads, DEFAULT_CONFIG } from '../../src/model/train';
import { buildDocument } from '../../src/text/document';

const card = JSON.parse(readFileSync(HEADS_PATH, 'utf8')) as HeadsFile;
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('the judgement component (src/model)', () => {
  it('ships one head per judged clause plus the toxicity head, and the files it was trained with', () => {
    expect(card.heads.map((h) => h.id).sort()).toEqual(['5.3.b', '6.1.10', '6.1.11', '6.1.12', '6.1.13', '6.1.14', '6.1.5', '6.1.6', '6.1.8', 'toxicity']);
    expect(sha256(EMBEDDINGS_PATH)).toBe(card.embeddingsSha256);
    expect(sha256(join(HEADS_PATH, '..', card.weightsFile))).toBe(card.weightsSha256);
    for (const head of card.heads) {
      expect(head.thresholds.review).toBeLessThanOrEqual(head.thresholds.error);
      expect(head.shortThresholds.review).toBeLessThanOrEqual(head.shortThresholds.error);
    }
  });

  it('keeps the model files within 12 MB', () => {
    const bytes = statSync(EMBEDDINGS_PATH).size + statSync(join(HEADS_PATH, '..', card.weightsFile)).size + statSync(HEADS_PATH).size;
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
  });

  it('scores every head in one pass exactly as a separate dot product per head would', () => {
    const model = heads();
    const vector = textFeatures('Officer Reyes is on paid leave while the investigation continues.');
    const together = scoreVector(model, vector);
    model.cards.forEach((_, h) => {
      let sum = 0;
      for (let k = 0; k < vector.indices.length; k++) sum += model.weights[vector.indices[k]! * model.cards.length + h]! * vector.values[k]!;
      expect(together[h]).toBeCloseTo(sigmoid(model.biases[h]! + sum * model.scales[h]!), 12);
    });
  });

  it('computes a document once however many screeners ask', () => {
    const doc = buildDocument('Vote for Ortiz on Tuesday!');
    expect(judge(doc)).toBe(judge(doc));
    expect(Array.from(judge(doc).post)).toEqual(Array.from(judgeWith(heads(), buildDocument(doc.raw)).post));
  });

  it('points at the sentence that scores highest', () => {
    const text = 'The library opens at 9 on Saturday. Vote Ortiz for Mayor, he will fix our roads!';
    const h = heads().cards.findIndex((c) => c.id === '6.1.14');
    const worst = judge(buildDocument(text)).worst(h);
    expect(text.slice(worst.span.offset, worst.span.offset + worst.span.length)).toBe('Vote Ortiz for Mayor, he will fix our roads!');
  });
});

describe('features', () => {
  it('puts the word vector after the hashed buckets, L2-normalised', () => {
    const vector = textFeatures('The pool opens at noon.');
    const embedded = Array.from(vector.indices).flatMap((index, k) => (index >= BUCKETS ? [vector.values[k]!] : []));
    expect(embedded).toHaveLength(embeddingTable().dims);
    expect(Math.hypot(...embedded)).toBeCloseTo(1, 5);
    expect(Math.max(...vector.indices)).toBeLessThan(featureCount());
  });

  it('gives identity terms no features of their own: two groups in the same sentence read alike', () => {
    const a = textFeatures('Being muslim is lovely');
    const b = textFeatures('Being christian is lovely');
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });

  it('reads a .gov link apart from any other link', () => {
    const gov = textFeatures('Details: https://cottonwoodaz.gov/pool');
    const other = textFeatures('Details: https://pool-deals.com/pool');
    const lookalike = textFeatures('Details: https://cottonwoodaz.gov.pool-deals.com/pool');
    expect(Array.from(gov.indices)).not.toEqual(Array.from(other.indices));
    expect(Array.from(lookalike.indices)).toEqual(Array.from(other.indices));
  });

  it('reads a word as itself whatever its object-prototype name ("constructor")', () => {
    expect(() => textFeatures('The constructor of the toString method')).not.toThrow();
  });
});

describe('the word-vector table', () => {
  it('finds words by hash and rejects what is not in it', () => {
    const table = embeddingTable();
    expect(table.indexOf('the')).toBe(0);
    expect(table.indexOf('library')).toBeGreaterThan(0);
    expect(table.indexOf('qqzxqqzx')).toBe(-1);
    expect(table.dims).toBe(100);
  });

  it('refuses a file that is not a table', () => {
    expect(() => readEmbeddingTable(Buffer.from('not an embedding table at all'))).toThrow(/not a p5050 embedding table/);
  });
});

function row(text: string, clauses: string[], origin: CorpusRow['origin'] = 'team', validation = false): CorpusRow {
  return { text, clauses, informs: 'all', weight: 1, validation, origin, lang: 'en', source: `test/${origin}` };
}

describe('training (src/model/train.ts, src/model/corpus.ts)', () => {
  const HEADS: HeadSpec[] = [
    { id: '6.1.14', clause: '6.1.14', description: 'campaigns' },
    { id: 'toxicity', clause: '6.1.10', description: 'toxic', positives: ['5.3.b', '6.1.10'], teamPositives: ['5.3.b'], teamIgnore: ['6.1.10'], thresholds: 'public' },
  ];

  it('labels a row per head: its positives, an ignored clause, and rows of public data it does not learn from', () => {
    const toxicity = HEADS[1]!;
    expect(headLabel(toxicity, row('they are vermin', ['5.3.b']))).toBe(1);
    expect(headLabel(toxicity, row('great job parking, genius', ['6.1.10']))).toBeUndefined();
    expect(headLabel(toxicity, { ...row('you idiot', ['6.1.10'], 'public'), informs: ['toxicity'] })).toBe(1);
    expect(headLabel(HEADS[0]!, { ...row('you idiot', ['6.1.10'], 'public'), informs: ['toxicity'] })).toBeUndefined();
    expect(headLabel(HEADS[0]!, row('Vote Ortiz!', ['6.1.14']))).toBe(1);
  });

  it('is deterministic: the same corpus gives byte-identical files', () => {
    const texts = ['Vote for Ortiz on Tuesday!', 'Re-elect Mayor Diaz', 'Yes on Prop 7!', 'The pool opens at noon.', 'Trash pickup is delayed.', 'Council meets tonight at 6.'];
    const rows = [...texts.map((t, i) => row(t, i < 3 ? ['6.1.14'] : [])), ...texts.map((t, i) => row(`${t} Again.`, i < 3 ? ['6.1.14'] : [], 'team', true))];
    const config = { ...DEFAULT_CONFIG, epochs: 2 };
    const corpus = { heads: HEADS, rows, files: [], excluded: [] };
    const first = buildHeads(corpus, config);
    const second = buildHeads(corpus, config);
    expect(Buffer.compare(first.weights, second.weights)).toBe(0);
    expect(JSON.stringify(first.card)).toBe(JSON.stringify(second.card));
  });

  describe('keeping the evaluation sets out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-eval-'));
    const evalText = 'Without Prop 99 the bridges fall down. Your call, neighbors, and it is a simple one.';
    writeFileSync(join(dir, 'set.jsonl'), `${JSON.stringify({ text: evalText, label: 1 })}\n${JSON.stringify({ text: 'Short one', label: 0 })}\n`);
    const index = evaluationIndex(dir);

    it('recognises an evaluation text however it is spaced or cased, and inside a longer text', () => {
      expect(isEvaluationText(evalText.toUpperCase().replace(/ /g, '  '), index)).toBe(true);
      expect(isEvaluationText(`Copied: ${evalText} (end)`, index)).toBe(true);
      expect(isEvaluationText('short one', index)).toBe(true);
      expect(isEvaluationText('Prop 99 explained: the bridges and what the measure would fund.', index)).toBe(false);
      expect(normalizeText('  A \n b ')).toBe('a b');
    });

    it('refuses a team-written row that is an evaluation text, and drops template or public rows that are', () => {
      expect(() => withoutEvaluationTexts([row(evalText, ['6.1.14'])], index)).toThrow(/evaluation text/);
      const { rows, dropped } = withoutEvaluationTexts([row('Short one', [], 'template'), row('Short one', [], 'public'), row('The pool opens at noon.', [])], index);
      expect(dropped).toBe(2);
      expect(rows.map((r) => r.text)).toEqual(['The pool opens at noon.']);
    });

    it('stops when it cannot read the evaluation sets at all', () => {
      expect(() => evaluationIndex(join(dir, 'missing'))).toThrow(/cannot be checked/);
    });
  });
});
