import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildDocument } from '../../src/text/document';
import { PhraseMatcher } from '../../src/text/lexicon';
import { tokenize, words } from '../../src/text/tokens';
import type { PostDocument } from '../../src/types';
import { MEGABYTE, repeatTo } from '../helpers';

// A full collection on demand, so what is measured is what the document holds, not garbage.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));

/** Bytes of heap and off-heap buffers in use after full collections (and the freeing of buffers they let go). */
async function bytesInUse(): Promise<number> {
  for (let i = 0; i < 2; i++) {
    collect();
    await settle();
  }
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** Bytes the document of `raw` holds, per input character. */
async function documentBytesPerChar(raw: string): Promise<number> {
  const before = await bytesInUse();
  const kept: PostDocument[] = [buildDocument(raw)];
  const held = (await bytesInUse()) - before;
  expect(kept[0]!.raw).toBe(raw);
  return held / raw.length;
}

/** The median of three measurements: memory something else frees or takes meanwhile moves one of them only. */
async function medianBytesPerChar(raw: string): Promise<number> {
  const measured: number[] = [];
  for (let i = 0; i < 3; i++) measured.push(await documentBytesPerChar(raw));
  return measured.sort((a, b) => a - b)[1]!;
}

/** The densest ordinary posts of `npm run bench -- --big-posts`: most tokens and most hits per byte. */
const DENSE_POSTS: Array<[string, string]> = [
  ['a number every 2 bytes', '1 '],
  ['an insult every few words', 'you are a stupid fucking idiot f*ck sh*t a**hole f**k '],
  ['prose', 'The library opens at nine on Saturday, and the pool reopens on Monday after repairs. '],
];

/** What the document of a dense post may hold per input character (raw text, folded text and its offset map, tokens). */
const DOCUMENT_BYTES_PER_CHAR = 16;

describe('a big post’s document takes memory linear in its size, with a small constant', () => {
  buildDocument('warm up the tokenizer, 1 2 3, you idiot');

  it.each(DENSE_POSTS)('%s: ¼, ½ and 1 MB', async (_name, unit) => {
    const perChar: number[] = [];
    for (const size of [MEGABYTE / 4, MEGABYTE / 2, MEGABYTE]) perChar.push(await medianBytesPerChar(repeatTo(unit, size)));
    // One object per token (64 bytes, half a million of them in a megabyte of numbers) held 47 bytes a character.
    for (const bytes of perChar) expect(bytes).toBeLessThanOrEqual(DOCUMENT_BYTES_PER_CHAR);
    // Linear: the full size holds about four times the quarter's memory, per character about the same.
    expect(perChar[2]! / perChar[0]!).toBeGreaterThan(0.75);
    expect(perChar[2]! / perChar[0]!).toBeLessThan(1.25);
  }, 60_000);
});

describe('the token table', () => {
  const text = "don't stop: o’neill's café, 42 km — naïve x2 ‘quoted’ ends.";

  it('reads the words WORD matches, with their folded offsets', () => {
    const tokens = tokenize(text);
    const read = Array.from({ length: tokens.length }, (_, i) => tokens.word(i));
    expect(read).toEqual(words(text));
    for (let i = 0; i < tokens.length; i++) expect(text.slice(tokens.from(i), tokens.to(i)).replace(/’/g, "'")).toBe(tokens.word(i));
  });

  it('gives every occurrence of a word the same stems', () => {
    const tokens = tokenize('harassing them, harassing us');
    expect([tokens.word(0), tokens.stem(0), tokens.stemEs(0)]).toEqual([tokens.word(2), tokens.stem(2), tokens.stemEs(2)]);
  });

  it('keeps the words of an earlier table when a later one is built', () => {
    const first = tokenize('alpha beta gamma');
    tokenize('gamma delta alpha');
    expect([first.word(0), first.word(1), first.word(2)]).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('lets a phrase matcher look at a range of tokens only', () => {
    const matcher = new PhraseMatcher<string>();
    matcher.add('=beta gamma', 'en', 'found');
    const tokens = tokenize('alpha beta gamma delta');
    expect(matcher.match(tokens).map((m) => [m.firstToken, m.endToken])).toEqual([[1, 3]]);
    expect(matcher.match(tokens, 1, 3).map((m) => [m.firstToken, m.endToken])).toEqual([[1, 3]]);
    expect(matcher.match(tokens, 0, 2)).toEqual([]);
    expect(matcher.match(tokens, 2, 4)).toEqual([]);
  });
});
