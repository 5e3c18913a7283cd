import type { Hit, PostDocument, Screener } from '../types';
import { cueHits, DIGITS, regexCue, type BuiltinCue, type BuiltinCues, type CueSink } from './cues';

/**
 * 6.1.5 (reference/cite sources): statistics, research findings and quotations stated with no source,
 * link or attribution anywhere in the post, and photos marked without a credit. A review item, not a block.
 *
 * The City's own operational numbers (times, dates, addresses, phone numbers, prices it set, ages in
 * appeals, counts of arrests) are not claims: numbers are classified first, and only counts, percentages
 * and ratios feed the rules in lexicons/citations.json, which also lists what counts as attribution.
 */

/** The sizes of count the cues ask for (#count, #count100, #count1000): a count is kept as how many it reaches. */
const COUNT_LEVELS = [1, 100, 1000];

/**
 * The numbers of a post that count things (not times, prices, percents, identifiers…): where each is and
 * how many of COUNT_LEVELS its value reaches, in typed arrays (a megabyte of numbers has half a million).
 */
class Counts {
  length = 0;
  readonly offsets: Uint32Array;
  readonly lengths: Uint32Array;
  readonly levels: Uint8Array;

  /** At most `capacity` counts (pages never written are never touched: the bound costs no memory). */
  constructor(capacity: number) {
    this.offsets = new Uint32Array(capacity);
    this.lengths = new Uint32Array(capacity);
    this.levels = new Uint8Array(capacity);
  }

  push(offset: number, length: number, value: number): void {
    this.offsets[this.length] = offset;
    this.lengths[this.length] = length;
    let reached = 0;
    while (reached < COUNT_LEVELS.length && value >= COUNT_LEVELS[reached]!) reached++;
    this.levels[this.length] = reached;
    this.length++;
  }
}

// A number not inside a larger token: "1,383", "5006", "4.2", "37 million". Prices, hashtags, times and
// dates are excluded by the look-behind ("$45", "#1", "12:30", "10/07").
const NUMBER = /(?<![\w.,$£€#/:-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s+(thousand|million|billion|trillion|lakh|crore)\b)?/gi;
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, lakh: 1e5, crore: 1e7 };

// What follows a number that makes it not a count of things: a percent, a time, an age, a duration, a unit, a price.
const NOT_A_COUNT_AFTER = new RegExp(
  '^(?:' +
  [
    '\\s?(?:%|percent\\b|per\\s?cent\\b|pct\\b|por\\s+ciento\\b)',
    '(?:st|nd|rd|th)\\b',
    '\\s?(?:[ap]\\.?m\\b|o\'?clock\\b|hrs?\\b|h\\b)',
    '[-\\s]?(?:years?|yrs?|yo|y\\/o)\\b',
    '\\s?(?:seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|decades?|times|nights?)\\b',
    '\\s?(?:km|kilomet\\w*|miles?|mi|m|ft|feet|foot|meters?|metres?|mph|kph|inch\\w*|cm|mm|lbs?|kg|pounds|tons?|tonnes?|gallons?|litres?|liters?|ltrs?|acres?|sq|square|degrees?|magnitude|dollars|usd|cents|bucks|k)\\b',
    '\\s?°',
    '\\s\\d{3,}',
    '\\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\b',
    `\\s+(?:[A-Z][\\w'-]*\\.?\\s+){1,3}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Way|Ct|Court|Pl|Place)\\b`,
  ].join('|') +
  ')',
);
// How much text after a number NOT_A_COUNT_AFTER may need to see.
const AFTER_WINDOW = 60;

// "555-0100": the 3 digits are an exchange, not a count.
const PHONE_TAIL = /^-\d{4}\b/;

// What precedes a number that makes it a date, an identifier or a label: "May 4", "Route 9", "ref 5220", "zones 3".
const NOT_A_COUNT_BEFORE =
  /(?:\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|route|rte|highway|hwy|interstate|zones?|district|ward|station|room|rm|suite|ste|unit|apt|lot|gate|section|sec|bus|line|exit|platform|channel|tier|level|phase|grade|chapter|article|item|ordinance|resolution|bill|no|nos|number|ref|reference|case|code|pin|id|version|game|page|step|floor|precinct|beat|engine|truck|medic|ladder|box|ext|extension|aged?|covid|call|dial|text)\.?\s*#?\s*|-)$/i;

/** Years, long digit strings (phone and reference numbers), numbers with a leading zero, phone exchanges. */
function isIdentifier(digits: string, scaled: boolean, after: string): boolean {
  const plain = digits.replace(/,/g, '');
  if (digits.includes(',') || scaled) return false;
  return /^(?:19|20)\d\d$/.test(plain) || plain.length >= 7 || (plain.length > 1 && plain.startsWith('0')) || (plain.length === 3 && PHONE_TAIL.test(after));
}

/** The count a number match stands for, added to `counts` unless it is another kind of number. */
function addCount(raw: string, m: RegExpMatchArray, counts: Counts): void {
  const offset = m.index ?? 0;
  const length = m[0].length;
  const digits = m[1] ?? '';
  const scale = m[3] ?? '';
  const after = raw.slice(offset + length, offset + length + AFTER_WINDOW);
  const before = raw.slice(Math.max(0, offset - 16), offset);
  if (isIdentifier(digits, scale !== '', after) || NOT_A_COUNT_AFTER.test(after) || NOT_A_COUNT_BEFORE.test(before)) return;
  counts.push(offset, length, Number(digits.replace(/,/g, '') + (m[2] ?? '')) * (SCALE[scale.toLowerCase()] ?? 1));
}

// The counts of the post being screened: the three count cues share one classification pass. Kept (by
// the post's text) only while the post is screened: check() lets go of them.
let classified: { raw: string; counts: Counts } | undefined;

function countsIn(raw: string): Counts {
  if (classified?.raw !== raw) {
    // A number and the character before the next take two characters at least.
    const counts = new Counts((raw.length + 1) >> 1);
    for (const m of raw.matchAll(NUMBER)) addCount(raw, m, counts);
    classified = { raw, counts };
  }
  return classified.counts;
}

function countsAtLeast(min: number): BuiltinCue {
  const level = COUNT_LEVELS.indexOf(min) + 1;
  if (level === 0) throw new Error(`count cue for ${min}: not one of ${COUNT_LEVELS.join(', ')}`);
  const find = (raw: string, found: CueSink): void => {
    const { offsets, lengths, levels, length } = countsIn(raw);
    for (let i = 0; i < length; i++) if (levels[i]! >= level) found(offsets[i]!, lengths[i]!);
  };
  return { find, keywords: DIGITS };
}

const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten)';
const DURATION_UNIT = '(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?|decades?|nights?)';

/** Words a quotation needs before it reads as someone's statement rather than a phrase in scare quotes. */
const QUOTE_MIN_WORDS = 6;
const QUOTE_ALWAYS_WORDS = 10;

/**
 * Whether quoted text reads as someone's statement: six words or more ending like speech ('…,' / '…!'),
 * or ten words or more; not a Title Cased Event Name.
 */
function isStatement(inner: string): boolean {
  const words = inner.trim().split(/\s+/);
  if (words.length < QUOTE_MIN_WORDS) return false;
  const capitalized = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (capitalized / words.length >= 0.6) return false;
  return words.length >= QUOTE_ALWAYS_WORDS || /[.!?,…]\s*$/.test(inner);
}

/**
 * Quotations that are someone's words, which need a name. A post that is nothing but one quotation is
 * left alone: it reads as a pasted statement whose speaker is the account or the image.
 */
function quotations(raw: string, found: CueSink): void {
  const body = raw.trim();
  const bodyStart = raw.indexOf(body);
  for (const m of raw.matchAll(/"([^"\n]{1,400})"|“([^”\n]{1,400})”/g)) {
    const offset = m.index ?? 0;
    const wholePost = offset === bodyStart && m[0].length === body.length;
    if (!wholePost && isStatement(m[1] ?? m[2] ?? '')) found(offset, m[0].length);
  }
}

const CITATION_BUILTINS: BuiltinCues = {
  // "23%", "60-90%", "17 percent", "12 por ciento"; not an emphatic "100%" ("100% committed").
  '#percent': regexCue(
    /(?<![\w.])(?!100\s?(?:%|percent)(?!\s+of))\d+(?:[.,]\d+)?(?:\s?[-–]\s?\d+(?:[.,]\d+)?)?\s?(?:%|percent\b|per\s?cent\b|pct\b|por\s+ciento\b|percentage\s+points?\b)/gi,
    ['%', 'percent', 'per cent', 'pct', 'ciento'],
  ),
  // "3 out of 4", "one in five", "1 in every 10".
  '#ratio': regexCue(
    new RegExp(
      `(?<![\\w.,:/-])(?:\\d{1,3}|${NUMBER_WORD})\\s+(?:out\\s+of|in)\\s+(?:every\\s+)?(?:\\d{1,3}(?:,\\d{3})*|${NUMBER_WORD}|hundred|thousand)\\b(?![:.]\\d)(?!\\s+(?:${DURATION_UNIT}|innings|games|matches|tries|attempts)\\b)`,
      'gi',
    ),
    [' in ', ' out of '],
  ),
  '#count': countsAtLeast(1),
  '#count100': countsAtLeast(100),
  '#count1000': countsAtLeast(1000),
  // "the #1 cause", "No. 1 weather killer", "ranked number one".
  '#rank': regexCue(/(?:#|\bno\.\s?|\bnumber\s+)(?:1|one)\s+(?:[a-z-]+\s+)?(?:cause|killer|reason|source|contributor|factor)\b|\branks?(?:ed)?\s+(?:#|no\.\s?|number\s+)?(?:1|one)\b/gi, ['1', 'one']),
  '#url': regexCue(/\bhttps?:\/\/\S+|\bwww\.\S+|(?<![\w-])[\w-]+\.(?:gov|org|edu|com|net|us|ly|io)\b(?:\/\S*)?/gi, [
    'http',
    'www.',
    '.gov',
    '.org',
    '.edu',
    '.com',
    '.net',
    '.us',
    '.ly',
    '.io',
  ]),
  // "via @CityData", "h/t @x"; a speaker's handle or a dash credit after a quote ("…" — Mayor Lee, "…" @chief),
  // a dash credit opening a line, a speaker introducing a quote ('Chief Lee: "…"').
  '#credit-line': regexCue(
    // Spaces are bounded ({0,4}): two unbounded runs of them side by side, or a lookbehind over one, retry
    // every split of a long run of spaces (quadratic or worse).
    /\b(?:via|h\/t|hat tip|cc)\s{0,4}:?\s{0,4}@\w+|["”][ \t]{0,4}(?:@\w+|[—–―~-]{1,2}[ \t]{0,4}(?:@\w+|[A-Z]))|^[ \t]{0,4}(?:[—–―~]|--)[ \t]{0,4}(?:@\w+|[A-Z])|\w:[ \t]{0,4}["“]/gm,
    ['@', '—', '–', '―', '~', '--', '"', '“', '”'],
  ),
  '#quote': { find: quotations, keywords: ['"', '“'] },
  // "📷" or "Photo:" with nothing after it, or crediting only "Google" / "the internet".
  '#uncredited-photo': regexCue(
    /(?:📷|📸|🎥|\b(?:photo|photos|image|pic|video)(?:\s+credit)?\s*:)[ \t]*(?:(?=\r?\n|$)|(?:google|the internet|internet|unknown|online|the web|n\/a)\b)|\b(?:photo|image|picture|pic)s?\s+(?:from|found on|taken from)\s+(?:google|the internet|online|the web)\b/gi,
    ['📷', '📸', '🎥', 'photo', 'image', 'pic', 'video'],
  ),
};

export const citations: Screener = {
  meta: {
    id: 'citations',
    clauses: ['6.1.5'],
    description:
      'Statistics, research findings and quotations with no source, link or attribution in the post ("crime fell 23%", "studies show", "3 out of 4"), and photos marked without a credit.',
    defaultSeverity: 'warning',
    languageDependent: true,
  },
  check(doc: PostDocument): Hit[] {
    try {
      return cueHits(doc, 'citations', CITATION_BUILTINS, { onePerSentence: true });
    } finally {
      classified = undefined;
    }
  },
};
