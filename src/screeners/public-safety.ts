import type { Hit, PostDocument, Screener } from '../types';

/**
 * 6.1.13: information that could compromise public safety (tactical positions and planned raids, door and
 * alarm codes, patrol gaps and broken cameras, infrastructure weak points, where protected people are),
 * as cue rules in lexicons/public-safety.json run by the engine in ./cues.
 */
import { cueHits, DIGITS, regexCue, type BuiltinCues } from './cues';
import { outermostHits } from './shared';

const STREET_TYPE =
  '(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place|Ter|Terrace|Pkwy|Parkway|Hwy|Highway|Cir|Circle|Trl|Trail)';

/** Built-in cues of the public-safety lexicon. */
const SAFETY_BUILTINS: BuiltinCues = {
  // A 3–8 digit code ("4512", "1234#"), not part of a phone number, time, price or larger number.
  '#digits': regexCue(/(?<![\w$£€.,:/-])\d{3,8}#?(?![\w%]|[.,:/-]\d)/g, DIGITS),
  // The same, also keyed with separators or a trailing # as people write them on a sign: "1-9-8-4-#", "4 4 7 1".
  '#code-digits': regexCue(/(?<![\w$£€.,:/-])\d(?:[ .-]?\d){2,7}(?:[ .-]?[#*])?(?![\w%]|[.,:/-]?\d)/g, DIGITS),
  // A code stated after "is", ":", "=" or "es" (the digits are the cue): "… by the side door is 4471".
  '#stated-code': regexCue(/(?:(?<![\p{L}])(?:is|are|was|es|era|now)|[:=])[ \t]{0,3}(\d(?:[ .-]?\d){2,7}(?:[ .-]?[#*])?)(?![\w%]|[.,:/-]?\d)/dgiu, DIGITS, 1),
  // A time of day: "5am", "5:30 p.m.", "0500 hours".
  '#clock': regexCue(/\b\d{1,2}(?:[:.]\d{2})?\s?[ap]\.?m\b\.?|\b(?:[01]\d|2[0-3])[0-5]\d\s?(?:hrs|hours)\b/gi, ['am', 'pm', 'a.m', 'p.m', 'hrs', 'hours']),
  // A street address: "123 Oak St", "45 Elm Avenue", "Calle Oak 123".
  '#address': regexCue(
    new RegExp(`\\b\\d{1,6}\\s+(?:[A-Z][\\w'-]*\\.?\\s+){1,3}${STREET_TYPE}\\b|\\b(?:Calle|Avenida|Camino)\\s+(?:[A-Z][\\w'-]*\\s+){0,3}\\d{1,6}\\b`, 'g'),
    DIGITS,
  ),
  // A named street without a number: "on Oak Street".
  '#street': regexCue(new RegExp(`(?<![\\w'-])(?:[A-Z][\\w'-]*\\s+){1,2}${STREET_TYPE}\\b`, 'g')),
  // A patrol interval: "every 2 hours", "every 30 min".
  '#interval': regexCue(/\bevery\s+(?:\d{1,3}|few|couple of|two|three|four|five|six|ten|fifteen|twenty|thirty)\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?)\b/gi, ['every']),
};

export const publicSafety: Screener = {
  meta: {
    id: 'public-safety',
    clauses: ['6.1.13'],
    description:
      'Information that could compromise public safety: tactical positions and planned raids, door/gate/alarm codes, patrol schedules and broken cameras, infrastructure weak points, where victims, witnesses or shelters are.',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument): Hit[] {
    // Several access-code rules can find the same code: one finding per passage.
    return outermostHits(cueHits(doc, 'public-safety', SAFETY_BUILTINS));
  },
};
