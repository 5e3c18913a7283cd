/**
 * Stemming so one lexicon entry covers "harass / harassed / harassing". Only natural's two Porter
 * stemmers are loaded (not the whole library, which takes most of a second to require), and each
 * word's stem is cached: posts repeat the same few thousand words.
 */

interface NaturalStemmer {
  stem(word: string): string;
}

export type StemLanguage = 'en' | 'es';

const stemmers: Partial<Record<StemLanguage, NaturalStemmer>> = {};
const caches: Record<StemLanguage, Map<string, string>> = { en: new Map(), es: new Map() };
const CACHE_LIMIT = 200_000;
const MAX_STEM_LENGTH = 40;

function stemmerFor(language: StemLanguage): NaturalStemmer {
  let stemmer = stemmers[language];
  if (!stemmer) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    stemmer = (language === 'en'
      ? require('natural/lib/natural/stemmers/porter_stemmer')
      : require('natural/lib/natural/stemmers/porter_stemmer_es')) as NaturalStemmer;
    stemmers[language] = stemmer;
  }
  return stemmer;
}

export function stem(word: string, language: StemLanguage = 'en'): string {
  const cache = caches[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    // Porter stemmers mangle short words and words with digits, and are slow on very long "words"
    // (runs of junk): keep those as they are.
    stemmed = word.length < 3 || word.length > MAX_STEM_LENGTH || /\d/.test(word) ? word : stemmerFor(language).stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
