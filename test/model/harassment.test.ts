import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildDocument } from '../../src/text/document';
import { BUCKETS, IDENTITY_TERMS_PATH, documentFeatures, fnv1a, sentenceFeatures, textFeatures } from '../../src/model/features';
import { MODEL_PATH, modelThresholds, scoreHarassment } from '../../src/model/harassment';
import { trainLogistic, type Example } from '../../src/model/logistic';
import { chooseThresholds, metricsAt } from '../../src/model/metrics';
import { decodeWeights, encodeWeights, type ModelFile } from '../../src/model/modelFile';
import { buildModel, serializeModel, type Row, type TrainingConfig } from '../../src/model/train';

const score = (text: string): number => scoreHarassment(buildDocument(text)).probability;

describe('harassment model', () => {
  it('loads with sane thresholds', () => {
    const { error, warning } = modelThresholds();
    expect(warning).toBeGreaterThan(0);
    expect(warning).toBeLessThanOrEqual(error);
    expect(error).toBeLessThan(1);
  });

  it('was trained with the current identity-term list', () => {
    const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as ModelFile;
    const digest = createHash('sha256').update(readFileSync(IDENTITY_TERMS_PATH)).digest('hex');
    expect(model.identityTermsSha256).toBe(digest);
  });

  it('scores deterministically', () => {
    const text = 'You people are a disgrace. The pool opens at noon.';
    const first = scoreHarassment(buildDocument(text));
    expect(scoreHarassment(buildDocument(text))).toEqual(first);
  });

  it.each(['you are a worthless idiot', 'these people are animals and should be gone', 'shut up you pathetic moron'])(
    'scores "%s" above the warning threshold',
    (text) => {
      expect(score(text)).toBeGreaterThanOrEqual(modelThresholds().warning);
    },
  );

  it.each([
    'The library opens at 9 on Saturday',
    'Muslim and Jewish community leaders met today',
    'Pride Month events for our LGBTQ+ residents',
    'Police are investigating a robbery on 5th Street. Call us with any information.',
    'Our transgender and gay neighbors are welcome at the community center',
  ])('scores "%s" below the warning threshold', (text) => {
    expect(score(text)).toBeLessThan(modelThresholds().warning);
  });

  it('points at the toxic sentence of a multi-sentence post', () => {
    const raw = 'The pool reopens on Monday. You are a worthless idiot and everyone hates you. Bring sunscreen!';
    const judgement = scoreHarassment(buildDocument(raw));
    const sentence = raw.slice(judgement.span.offset, judgement.span.offset + judgement.span.length);
    expect(sentence).toBe('You are a worthless idiot and everyone hates you.');
    expect(judgement.sentenceProbability).toBeGreaterThanOrEqual(judgement.probability);
  });

  it('gives a one-sentence post its own probability and trimmed span', () => {
    const judgement = scoreHarassment(buildDocument('  Trash pickup is delayed a day  '));
    expect(judgement.span).toEqual({ offset: 2, length: 29 });
    expect(judgement.sentenceProbability).toBe(judgement.probability);
  });
});

describe('features', () => {
  it('hashes with FNV-1a 32-bit', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('are deterministic and the same from raw text as from a document', () => {
    const text = 'Th1s is SOOO stupid!!! Visit https://example.com @someone';
    const a = textFeatures(text);
    expect(textFeatures(text)).toEqual(a);
    expect(documentFeatures(buildDocument(text))).toEqual(a);
    expect(a.indices.length).toBeGreaterThan(10);
    for (const i of a.indices) expect(i).toBeLessThan(BUCKETS);
  });

  it('give identity terms no features of their own', () => {
    expect(textFeatures('gay').indices.length).toBe(0);
    expect(textFeatures('Muslim people')).toEqual(textFeatures('Jewish people'));
    expect(textFeatures('I love my transgender neighbors')).toEqual(textFeatures('I love my middle eastern neighbors'));
    expect(score('You are a kind Christian')).toBe(score('You are a kind lesbian'));
  });

  it('split a post into sentences with their own vectors', () => {
    const doc = buildDocument('First sentence here. Second one!');
    const sentences = sentenceFeatures(doc);
    expect(sentences.map((s) => s.span)).toEqual(doc.sentences);
    expect(sentences[0]!.vector).toEqual(textFeatures('First sentence here.'));
  });
});

describe('training', () => {
  const rows: Row[] = [
    { text: 'you are an idiot', label: 1, source: 'a' },
    { text: 'what a stupid moron', label: 1, source: 'a' },
    { text: 'I hate you loser', label: 1, source: 'b' },
    { text: 'the park is open today', label: 0, source: 'a' },
    { text: 'thanks for coming to the meeting', label: 0, source: 'b' },
    { text: 'road work on main street', label: 0, source: 'b' },
  ];
  const config: TrainingConfig = {
    epochs: 3,
    learningRate: 0.1,
    l2: 1e-5,
    seed: 7,
    validationPercent: 50,
    augment: null,
    balanceSources: true,
    thresholds: { errorPrecision: 0.9, warningPrecision: 0.5, minFlagged: 1 },
  };

  it('is deterministic: same data, same model file', () => {
    const input = { rows, dataSha256: 'test', dataFile: 'tiny.jsonl' };
    expect(serializeModel(buildModel(input, config))).toBe(serializeModel(buildModel(input, config)));
  });

  it('learns a tiny separable problem', () => {
    const examples: Example[] = rows.map((r) => ({ vector: textFeatures(r.text), label: r.label }));
    const options = { dimensions: BUCKETS, epochs: 20, learningRate: 0.2, l2: 0, seed: 1 };
    const model = trainLogistic(examples, options);
    const again = trainLogistic(examples, options);
    expect(Buffer.from(again.weights.buffer).equals(Buffer.from(model.weights.buffer))).toBe(true);
    expect(again.bias).toBe(model.bias);
    const p = (t: string): number => 1 / (1 + Math.exp(-(model.bias + dot(t, model.weights))));
    expect(p('you stupid idiot')).toBeGreaterThan(0.5);
    expect(p('the park meeting')).toBeLessThan(0.5);
  });

  it('round-trips quantised weights', () => {
    const weights = new Float64Array([0, 1.5, -3, 0.0001, 2.25]);
    const decoded = decodeWeights(encodeWeights(weights));
    weights.forEach((w, i) => expect(decoded[i]).toBeCloseTo(w, 3));
  });

  it('chooses an error threshold with the required precision', () => {
    const probabilities = [0.95, 0.9, 0.85, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05];
    const labels = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0];
    const thresholds = chooseThresholds(probabilities, labels, { errorPrecision: 1, warningPrecision: 0.5, minFlagged: 1 });
    expect(metricsAt(probabilities, labels, thresholds.error).precision).toBe(1);
    expect(thresholds.warning).toBeLessThanOrEqual(thresholds.error);
  });
});

function dot(text: string, weights: Float64Array): number {
  const v = textFeatures(text);
  let sum = 0;
  v.indices.forEach((i, k) => (sum += weights[i]! * v.values[k]!));
  return sum;
}
