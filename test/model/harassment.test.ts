import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildDocument } from '../../src/text/document';
import { civicDomainRows } from '../../src/model/augment';
import { BENIGN, HOSTILE } from '../../src/model/civicTemplates';
import { BUCKETS, FEATURE_SPEC, IDENTITY_TERMS_PATH, documentFeatures, fnv1a, sentenceFeatures, textFeatures } from '../../src/model/features';
import { MODEL_PATH, modelThresholds, scoreHarassment } from '../../src/model/harassment';
import { trainLogistic, type Example } from '../../src/model/logistic';
import { chooseThresholds, metricsAt } from '../../src/model/metrics';
import { decodeWeights, encodeWeights, type ModelFile } from '../../src/model/modelFile';
import { DEFAULT_CONFIG, buildModel, serializeModel, type Row, type TrainingConfig } from '../../src/model/train';

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

  // Hand-written city drafts (not generated from src/model/civicTemplates.ts): ordinary notices, many with
  // words that have innocent senses (kill, shoot, trash, dirty, filthy, rat, bomb, beaten), must pass.
  it.each([
    'Crews will be flushing hydrants on Maple Street all week; your water may look cloudy.',
    'The skate park is closed after vandals smashed the lights.',
    'A woman was seriously injured in a stabbing on Pine Street last night. Detectives are asking for witnesses.',
    'Our bomb-sniffing dog Ranger retired today after nine years of service.',
    'Mosquito control trucks will spray tonight to kill adult mosquitoes.',
    'Don\'t let your dog eat rat poison. Call the vet right away if you think it did.',
    'The recycling center no longer takes glass. Put bottles in the trash.',
    'Heat kills. Check on older neighbors and never leave a dog in a parked car.',
    'The sheriff\'s office is investigating a fatal shooting at a gas station.',
    'The water is filthy after the flood, so don\'t let kids play in it.',
    'Our traffic team will shoot footage of the new intersection with a drone on Tuesday.',
    'The suspect was booked into jail on charges of robbery and assault with a deadly weapon.',
    'Lost dog: brown pit bull named Bear, last seen near Elm Park.',
    'That storm was nasty. Thanks to our crews for clearing the roads so fast.',
    'The old bridge will be demolished with explosives on Sunday morning.',
    'Two teens were arrested for spray painting hate symbols on a church. Hate has no home here.',
    'La basura se recogerá el martes por el feriado.',
    'The Dirty Dozen obstacle race returns to Riverside Park.',
    'Stop the bleed: learn to save a life after a shooting or crash.',
    'The victim was beaten with a bat and robbed of his phone.',
    'Rats! The compost bin is not for meat scraps.',
    'Street racing on Route 9 ended in a crash that killed two.',
    'We are sick of potholes too. Crews are out today.',
    'Burglars broke into three sheds on Cherry Lane. Lock up your tools.',
  ])('passes the benign city post "%s"', (text) => {
    expect(score(text)).toBeLessThan(modelThresholds().warning);
  });

  // Hand-written hostile drafts: insults, dehumanising words and wishes of harm aimed at people.
  it.each([
    'You are a pathetic excuse for a council member.',
    'People who live on the east side are garbage.',
    'These protesters are filthy animals.',
    'I hope someone shoots you.',
    'Our critics are brain-dead morons.',
    'You disgusting pig, nobody wants you at our meetings.',
    'Get out of our city, you worthless rats.',
    'Eres un idiota y nadie te quiere aquí.',
    'Drop dead, you clown.',
    'Whoever keeps stealing our park benches is a scumbag.',
    'This reporter is a lying piece of trash.',
    'Someone should beat that driver senseless.',
  ])('flags the hostile post "%s"', (text) => {
    expect(score(text)).toBeGreaterThanOrEqual(modelThresholds().warning);
  });

  it('reads only the beginning of a huge post, quickly', () => {
    let raw = '';
    while (raw.length < 1_000_000) raw += 'The library opens at 9 on Saturday. You are an idiot! Visit https://example.com/x @someone 42. ';
    const doc = buildDocument(raw);
    scoreHarassment(buildDocument('warm up. the model.'));
    const start = process.hrtime.bigint();
    const judgement = scoreHarassment(doc);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(500);
    expect(judgement.span.offset).toBeLessThan(FEATURE_SPEC.maxChars);
    expect(sentenceFeatures(doc).length).toBe(FEATURE_SPEC.maxSentences);
    // The features are those of the first maxChars characters (cut at a word boundary).
    const cut = raw.lastIndexOf(' ', FEATURE_SPEC.maxChars);
    expect(documentFeatures(doc)).toEqual(textFeatures(raw.slice(0, cut)));
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
    civic: null,
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

  it('keeps both thresholds above all but maxBenignFpr of the benign probabilities', () => {
    const probabilities = [0.95, 0.9, 0.85, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05];
    const labels = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0];
    const policy = { errorPrecision: 0.8, warningPrecision: 0.5, minFlagged: 1, maxBenignFpr: 0.1 };
    const benign = [0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.8];
    const free = chooseThresholds(probabilities, labels, policy);
    const bounded = chooseThresholds(probabilities, labels, policy, undefined, benign);
    expect(free.warning).toBeLessThanOrEqual(0.4);
    expect(benign.filter((p) => p >= bounded.warning).length).toBeLessThanOrEqual(1);
    expect(bounded.warning).toBeLessThanOrEqual(bounded.error);
  });

  it('chooses an error threshold with the required precision', () => {
    const probabilities = [0.95, 0.9, 0.85, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05];
    const labels = [1, 1, 1, 1, 0, 1, 0, 0, 0, 0];
    const thresholds = chooseThresholds(probabilities, labels, { errorPrecision: 1, warningPrecision: 0.5, minFlagged: 1 });
    expect(metricsAt(probabilities, labels, thresholds.error).precision).toBe(1);
    expect(thresholds.warning).toBeLessThanOrEqual(thresholds.error);
  });
});

describe('city-government augmentation', () => {
  const rows = civicDomainRows(DEFAULT_CONFIG.civic!);

  it('is deterministic and fills every slot', () => {
    expect(civicDomainRows(DEFAULT_CONFIG.civic!)).toEqual(rows);
    for (const row of rows) expect(row.text).not.toMatch(/[{}]/);
  });

  it('gives several thousand benign posts, hostile counterparts and a held-out part by template', () => {
    const benign = rows.filter((r) => r.label === 0);
    const hostile = rows.filter((r) => r.label === 1);
    expect(benign.length).toBeGreaterThan(3000);
    expect(hostile.length).toBeGreaterThan(500);
    const heldOut = rows.filter((r) => r.heldOut);
    expect(heldOut.length / rows.length).toBeGreaterThan(0.08);
    expect(heldOut.length / rows.length).toBeLessThan(0.3);
    expect(new Set(rows.map((r) => r.text.toLowerCase())).size).toBe(rows.length);
  });

  it('covers English and Spanish in both labels', () => {
    for (const label of [0, 1]) {
      const families = [...BENIGN, ...HOSTILE].filter((f) => f.label === label);
      expect(new Set(families.map((f) => f.lang))).toEqual(new Set(['en', 'es']));
    }
  });

  it('was used to train the shipped model, with thresholds that pass the held-out benign posts', () => {
    const model = JSON.parse(readFileSync(MODEL_PATH, 'utf8')) as ModelFile;
    expect(model.training.civicAugmentation).toBe(JSON.stringify(DEFAULT_CONFIG.civic));
    const heldOutBenign = rows.filter((r) => r.heldOut && r.label === 0);
    const flagged = heldOutBenign.filter((r) => score(r.text) >= modelThresholds().warning).length;
    expect(flagged / heldOutBenign.length).toBeLessThanOrEqual(DEFAULT_CONFIG.thresholds.maxBenignFpr!);
  });
});

function dot(text: string, weights: Float64Array): number {
  const v = textFeatures(text);
  let sum = 0;
  v.indices.forEach((i, k) => (sum += weights[i]! * v.values[k]!));
  return sum;
}
