import { foldText, originalSpan } from '../../src/text/fold';
import { lineColumn, lineStarts, splitSentences, tokenize } from '../../src/text/tokens';
import { detectLanguage } from '../../src/text/language';
import { expectLinearTime, worstCase } from '../helpers';

const fold = (s: string): string => foldText(s).text;

/** The original text behind the first occurrence of `needle` in the folded text. */
function originalOf(raw: string, needle: string): string {
  const folded = foldText(raw);
  const at = folded.text.indexOf(needle);
  if (at < 0) throw new Error(`"${needle}" not in folded "${folded.text}"`);
  const span = originalSpan(folded, at, at + needle.length);
  return raw.slice(span.offset, span.offset + span.length);
}

describe('foldText', () => {
  it.each([
    ['ƒ.u.c.k', 'fuck'],
    ['f u c k', 'fuck'],
    ['f-u-c-k', 'fuck'],
    ['fuuuuuck', 'fuck'],
    ['sh1t', 'shit'],
    ['a$$hole', 'asshole'],
    ['b!tch', 'bitch'],
    ['ｆｕｃｋ', 'fuck'],
    ['bіtch', 'bitch'], // Cyrillic і
    ['ΝΟ', 'no'], // Greek capitals
    ['f\u200Buck', 'fuck'],
    ['Estúpido', 'estupido'],
    ['𝐟𝐮𝐜𝐤', 'fuck'],
  ])('folds %j to %j', (raw, expected) => {
    expect(fold(raw)).toBe(expected);
  });

  it.each([
    ['Meet at 10am on the 4th', 'meet at 10am on the 4th'],
    ['Call 555-0100 today!', 'call 555-0100 today!'],
    ['Scunthorpe', 'scunthorpe'],
    ['You idiot!!', 'you idiot!!'],
    ['Great game!!! See you', 'great game!!! see you'],
    ['Good news', 'good news'],
    ['I am at a b.', 'i am at a b.'],
  ])('leaves ordinary text %j alone', (raw, expected) => {
    expect(fold(raw)).toBe(expected);
  });

  it('maps folded positions back to the exact original characters', () => {
    expect(originalOf('oh ƒ.u.c.k!', 'fuck')).toBe('ƒ.u.c.k');
    expect(originalOf('what a fuuuuuck day', 'fuck')).toBe('fuuuuuck');
    expect(originalOf('x f\u200Buck y', 'fuck')).toBe('f\u200Buck');
    expect(originalOf('ｆｕｃｋ off', 'fuck')).toBe('ｆｕｃｋ');
    expect(originalOf('a 𝐟𝐮𝐜𝐤 b', 'fuck')).toBe('𝐟𝐮𝐜𝐤');
  });

  it('maps a squeezed repeat of any length back to its whole run (ends 255 characters away or more are kept apart)', () => {
    for (const repeats of [3, 254, 255, 256, 10_000]) {
      const run = `f${'u'.repeat(repeats)}ck`;
      expect(originalOf(`so ${run} and fuuuck`, 'fuck')).toBe(run);
      const folded = foldText(`${run} ${run}`);
      expect(folded.text).toBe('fuck fuck');
      expect(originalSpan(folded, 5, 9)).toEqual({ offset: run.length + 1, length: run.length });
    }
  });

  it('keeps one folded unit per original unit on plain ASCII', () => {
    const raw = 'Plain text, nothing to fold.';
    const folded = foldText(raw);
    expect(folded.text.length).toBe(raw.length);
    expect(Array.from(folded.start)).toEqual(raw.split('').map((_, i) => i));
  });

});

describe('the text layer takes time linear in the post', () => {
  // Runs of sentence punctuation with no space after them (the sentence splitter once retried the run from
  // each of its characters), leetspeak symbols between letters, split letters, repeats, quotes before spaces.
  it.each([
    ['dots', worstCase('.')],
    ['exclamation marks', worstCase('!')],
    ['ellipses and quotes', worstCase('…"')],
    ['a run of "!" between letters', worstCase('!', 'a', 'b')],
    ['dotted letters', worstCase('a.')],
    ['split letters', worstCase('f u c k ')],
    ['leetspeak', worstCase('$1@!')],
    ['a quote before spaces', worstCase(' ', '"')],
    ['words', worstCase('the library opens at nine ')],
    ['numbers', worstCase('1 ')],
    ['look-alike letters', worstCase('ƒ𝐮ｃк\u200b ')],
    ['line breaks', worstCase('a\r\n')],
  ])('%s: folding, tokens, sentences, lines and language', (_name, make) => {
    expectLinearTime(make, (raw) => {
      const folded = foldText(raw);
      tokenize(folded.text);
      splitSentences(raw);
      lineStarts(raw);
      detectLanguage(raw);
    });
  }, 120_000);
});

describe('tokens and lines', () => {
  it('stems so one entry covers inflections', () => {
    const tokens = tokenize('harass harassed harassing harassment');
    const stems = Array.from({ length: tokens.length }, (_, i) => tokens.stem(i));
    expect(new Set(stems.slice(0, 3)).size).toBe(1);
  });

  it('splits sentences with original offsets', () => {
    const raw = 'First one. Second one!\nThird';
    expect(splitSentences(raw).map((s) => raw.slice(s.offset, s.offset + s.length))).toEqual(['First one.', 'Second one!', 'Third']);
  });

  it('gives 1-based line and column', () => {
    const starts = lineStarts('ab\ncd\n\nef');
    expect(lineColumn(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(starts, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(starts, 7)).toEqual({ line: 4, column: 1 });
  });
});

describe('detectLanguage', () => {
  it('treats short posts as English and says so', () => {
    const info = detectLanguage('Pool opens at noon!!');
    expect(info).toMatchObject({ code: 'eng', supported: true });
    expect(info.reason).toMatch(/too short/);
  });

  it('detects Spanish and English', () => {
    expect(detectLanguage('La biblioteca pública abre mañana a las nueve con actividades para toda la familia.').code).toBe('spa');
    expect(detectLanguage('The public library opens tomorrow at nine with activities for the whole family.').code).toBe('eng');
  });

  it('marks other languages as unsupported instead of passing them silently', () => {
    expect(detectLanguage('La bibliothèque municipale ouvre demain matin avec des activités pour toute la famille.')).toMatchObject({ code: 'fra', supported: false });
    expect(detectLanguage('市图书馆明天上午九点开放，欢迎全家参加活动。')).toMatchObject({ supported: false });
  });
});

describe('sentences and abbreviations', () => {
  it('does not end a sentence at a title or street abbreviation', () => {
    const raw = 'Mr. Smith spoke. Main St. is closed. Visit cottonwood.gov. The answer is no.';
    expect(splitSentences(raw).map((s) => raw.slice(s.offset, s.offset + s.length))).toEqual([
      'Mr. Smith spoke.',
      'Main St. is closed.',
      'Visit cottonwood.gov.',
      'The answer is no.',
    ]);
  });
});
