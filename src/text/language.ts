import type { LanguageInfo } from '../types';
import { loadLexiconData } from './lexicon';

/**
 * Language of a post. franc guesses wildly on short texts ("Pool opens at noon!!" → Catalan), so:
 * candidates are restricted to languages a US city actually posts in, texts with fewer than
 * MIN_LETTERS letters are treated as English (and the report says so), and a close call between a
 * supported language and another goes to the supported one. Screening is never switched off by the
 * guess: an unsupported language adds "not screened" notes on top of the normal checks.
 */

export const SUPPORTED_LANGUAGES = ['eng', 'spa'];
const CANDIDATES = ['eng', 'spa', 'fra', 'deu', 'ita', 'por', 'vie', 'tgl', 'cmn', 'kor', 'jpn', 'rus', 'ukr', 'arb', 'hin', 'pes'];
const MIN_LETTERS = 40;
const CLOSE_CALL = 0.97;
// The language of a post shows in its first few thousand characters; looking further only costs time.
const SAMPLE_CHARS = 4000;

type Franc = ((text: string, options?: object) => string) & {
  all(text: string, options?: object): Array<[string, number]>;
};
let franc: Franc | undefined;

interface FunctionWords {
  minWords: number;
  minShare: number;
  stopwords: Record<string, string[]>;
}
let functionWords: { minWords: number; minShare: number; sets: Array<[string, Set<string>]> } | undefined;

function loadFunctionWords(): NonNullable<typeof functionWords> {
  if (!functionWords) {
    const data = loadLexiconData<FunctionWords>('language');
    functionWords = { minWords: data.minWords, minShare: data.minShare, sets: Object.entries(data.stopwords).map(([code, words]) => [code, new Set(words)]) };
  }
  return functionWords;
}

/**
 * English or Spanish from function words: clear when one language's share of the words is high and
 * the other's is less than half of it. Undefined when unclear (too few words, mixed, or neither).
 */
function byFunctionWords(sample: string): string | undefined {
  const { minWords, minShare, sets } = loadFunctionWords();
  const words = sample.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').match(/\p{L}+/gu) ?? [];
  if (words.length < minWords) return undefined;
  const shares = sets.map(([code, set]) => [code, words.filter((w) => set.has(w)).length / words.length] as const).sort((a, b) => b[1] - a[1]);
  const [best, second] = shares;
  if (!best || best[1] < minShare) return undefined;
  return !second || second[1] * 2 < best[1] ? best[0] : undefined;
}

/** URLs, handles, hashtags, e-mail addresses and digits say nothing about the language. */
function languageSample(text: string): string {
  // Word by word rather than one regex over the text: a regex like \S+@\S+ is quadratic on long runs.
  return text
    .split(/\s+/)
    .filter((w) => w && !w.includes('@') && !w.startsWith('#') && !/^(?:https?:\/\/|www\.)/i.test(w))
    .join(' ')
    .replace(/\d+/g, ' ')
    .trim();
}

const LETTER = /\p{L}/u;
const LATIN = /\p{Script=Latin}/u;

/** Letters in the text, and how many of them are Latin; ASCII, most of any post, without a regex. */
export function countLetters(text: string): { letters: number; latin: number } {
  let letters = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        letters++;
        latin++;
      }
      continue;
    }
    const point = text.codePointAt(i)!;
    if (point > 0xffff) i++;
    const ch = String.fromCodePoint(point);
    if (LETTER.test(ch)) {
      letters++;
      if (LATIN.test(ch)) latin++;
    }
  }
  return { letters, latin };
}

export function detectLanguage(text: string): LanguageInfo {
  const sample = languageSample(text.slice(0, SAMPLE_CHARS));
  const { letters, latin } = countLetters(sample);
  if (letters > 0 && latin / letters < 0.5 && letters >= 4) {
    return classify(sample, 1, `mostly non-Latin script (${letters - latin} of ${letters} letters)`);
  }
  const known = byFunctionWords(sample);
  if (known) return { code: known, supported: true, reason: 'detected' };
  if (letters < MIN_LETTERS) {
    return { code: 'eng', supported: true, reason: `too short to detect (${letters} letters, fewer than ${MIN_LETTERS}); treated as English` };
  }
  return classify(sample, CLOSE_CALL, 'detected');
}

function classify(sample: string, closeCall: number, reason: string): LanguageInfo {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  franc ??= require('franc') as Franc;
  const ranked = franc.all(sample, { only: CANDIDATES, minLength: 1 });
  const top = ranked[0]?.[0] ?? 'und';
  if (SUPPORTED_LANGUAGES.includes(top)) return { code: top, supported: true, reason };
  const supported = ranked.find(([code, score]) => SUPPORTED_LANGUAGES.includes(code) && score >= closeCall);
  if (supported) return { code: supported[0], supported: true, reason: `${reason}; close call with ${top}, screened as ${supported[0]}` };
  return { code: top, supported: false, reason: top === 'und' ? `${reason}; language not recognised` : reason };
}
