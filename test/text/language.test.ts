import { countLetters } from '../../src/text/language';

/** The per-character regex count countLetters replaced: the reference for what it must return. */
function letterCountByRegex(text: string): { letters: number; latin: number } {
  let letters = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (/\p{Script=Latin}/u.test(ch)) latin++;
    }
  }
  return { letters, latin };
}

describe('countLetters', () => {
  test.each([
    ['ASCII', 'Join us Saturday at 10 AM at Riverside Park! #Parks @city'],
    ['accented Latin', 'La biblioteca estará cerrada el sábado. ¡Gracias! ﬁ ǅ ªº'],
    ['other scripts', 'Привет мир 中文字 مرحبا नमस्ते'],
    ['astral letters and emoji', '𝐀𝐁𝐂 𐐀𐐁 😀👍🏽'],
    ['combining marks', 'e\u0301 a\u0308'],
    ['lone surrogates', '\ud800x \udc00y'],
  ])('%s: the same counts as a regex test of each character', (_name, text) => {
    expect(countLetters(text)).toEqual(letterCountByRegex(text));
  });
});
