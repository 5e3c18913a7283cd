import { join } from 'node:path';
import { readSavedTable } from './saved';

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

/**
 * Stems of every lexicon word, written at build time (scripts/build-compile-cache.js) so a cold start
 * does not run the stemmers over thousands of lexicon terms before screening one post.
 */
export const STEM_CACHE_FILE = join(__dirname, '..', 'stem-cache.json');
/** The saved stems, looked up where they are (copying them all into the maps cost more than the lookups saved). */
let saved: Record<StemLanguage, Record<string, string>> | undefined;

function savedStems(): Record<StemLanguage, Record<string, string>> {
  if (!saved) {
    const parsed = readSavedTable<Partial<Record<StemLanguage, Record<string, string>>>>(STEM_CACHE_FILE, {});
    saved = { en: parsed.en ?? {}, es: parsed.es ?? {} };
  }
  return saved;
}

/** The stems computed so far, for the build step that saves them. */
export function stemCacheSnapshot(): Record<StemLanguage, Record<string, string>> {
  return { en: Object.fromEntries(caches.en), es: Object.fromEntries(caches.es) };
}

export function stem(word: string, language: StemLanguage = 'en'): string {
  const cache = caches[language];
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    const known = savedStems()[language];
    // Porter stemmers mangle short words and words with digits, and are slow on very long "words"
    // (runs of junk): keep those as they are.
    if (Object.hasOwn(known, word)) stemmed = known[word]!;
    else stemmed = word.length < 3 || word.length > MAX_STEM_LENGTH || /\d/.test(word) ? word : stemmerFor(language).stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
