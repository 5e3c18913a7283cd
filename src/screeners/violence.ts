import type { Hit, PostDocument, Screener, Severity, Token } from '../types';
import { loadLexiconData, PhraseMatcher } from '../text/lexicon';
import type { Lexicon, LexiconEntry } from '../text/lexicon';
import { stem } from '../text/stem';
import { tokenSpan } from './shared';

/**
 * 5.3.b threats and 6.1.12 incitement of violence or illegal activity.
 *
 * Police posts name stabbings and shootings every day, so a violent word alone proves nothing. A hit
 * needs an ACT (kill, burn down, loot, block…) in a FRAME that makes the writer its author or its
 * advocate ("I will…", "let's…", "someone should…", a sentence-initial command, "he deserves to be…",
 * "hope he…"), and for most acts a TARGET after it (him, the mayor, City Hall, their tires, the
 * highway). All word classes are data in lexicons/violence.json (`grammar`); fixed threat phrases
 * ("better watch your back") are ordinary lexicon entries. A hit inside reported speech ("he
 * shouted …", a quote in a police appeal) is kept but lowered to a warning.
 */

type Lang = 'en' | 'es';
const LANGS: Lang[] = ['en', 'es'];
type Words = Partial<Record<Lang, string[]>>;
type FrameKind = 'actor' | 'imperative' | 'passive' | 'wish' | 'refusal';
type RuleId = 'violent-threat' | 'violence-incitement' | 'illegal-activity';

interface FrameSpec extends Words {
  id: string;
  kind: FrameKind;
  rule: 'threat' | 'incitement';
  note: string;
  /** Only at the start of a clause ("lets", "don't"): elsewhere the words mean something else. */
  clauseStart?: boolean;
  /** The frame names the victim itself (Spanish "te voy a …"). */
  carriesTarget?: boolean;
  /** A bare modal ("should", "must") is a call to act only after a person: "you should…", not "it must…". */
  needsSubject?: boolean;
  /** Used only by acts that list it ("don't …" fits "pay your fines", not "kill"). */
  optIn?: boolean;
}

interface TargetClassSpec extends Words {
  note: string;
  /** "it", "everything": a target only with the act's particle ("burn it down", not "kill it"). */
  needsParticle?: boolean;
  /** The determiner that must precede the target ("your face", not "a face"). */
  determiners?: string[];
}

interface ActSpec extends Words {
  id: string;
  kind: 'violence' | 'illegal';
  note: string;
  /** Past participles, used only where someone suffers the act ("he should be shot"). */
  participles?: string[];
  /** Spanish command forms ("quemen"): a sentence-initial Spanish verb counts only in these forms. */
  imperativeEs?: string[];
  targets: string[];
  /** Whether a capitalized name after the verb counts as a person target. */
  names?: boolean;
  /** Frame ids the act may appear in; when absent, every frame that is not opt-in. */
  frames?: string[];
  particles?: Words;
  particleRequired?: boolean;
  /** Complete without a target ("let's riot"). */
  intransitive?: boolean;
  /** Words right after the act+target that make it benign ("shoot you an email"). */
  unlessNext?: Words;
  /** Phrases anywhere in the sentence that make the act benign ("training burn"). */
  unless?: Words;
}

interface RuleSpec {
  clause: string;
  severity: Severity;
  note: string;
  suggestion: string;
}

interface GrammarSpec {
  rules: Record<RuleId, RuleSpec>;
  reported: { severity: Severity; note: string; suggestion: string };
  frames: FrameSpec[];
  targets: Record<string, TargetClassSpec>;
  acts: ActSpec[];
  fillers: Words;
  coordinators: Words;
  auxiliaries: Words;
  negators: Words;
  determiners: Words;
  modifierStops: Words;
  intransitiveNext: Words;
  reporting: Words;
  reportContext: Words;
  nameStopwords: string[];
}

interface ViolenceLexicon extends Lexicon {
  grammar: GrammarSpec;
}

type WordTag = 'filler' | 'coordinator' | 'aux' | 'negator' | 'determiner' | 'stop' | 'intransitiveNext' | 'reporting' | 'reportContext';
type VerbForm = 'base' | 'participle' | 'imperativeEs';
type Item =
  | { tag: 'verb'; act: ActSpec; lang: Lang; form: VerbForm }
  | { tag: 'frame'; frame: FrameSpec; lang: Lang }
  | { tag: 'target'; name: string; spec: TargetClassSpec }
  | { tag: 'particle' | 'unlessNext' | 'unless'; act: ActSpec }
  | { tag: 'phrase' | 'phraseUnless'; entry: LexiconEntry }
  | { tag: WordTag };

/** A phrase the matcher found: tokens [firstToken, endToken). */
interface Found {
  payload: Item;
  firstToken: number;
  endToken: number;
}

interface Grammar {
  lexicon: ViolenceLexicon;
  spec: GrammarSpec;
  matcher: PhraseMatcher<Item>;
  imperative: FrameSpec;
  nameStopwords: Set<string>;
}

const MAX_FILLERS = 3;
const MAX_MODIFIERS = 2;
// Without a determiner one adjective may still precede the target: "kill cracker babies".
const MAX_BARE_MODIFIERS = 1;
const MAX_DETERMINERS = 2;
const MAX_NAME_WORDS = 4;
// How far back from "and" the first verb phrase may start: "I'm going to find you and kill you".
const MAX_COORDINATED_WORDS = 8;
// Punctuation between two words that separates phrases. Single quotes are left out: they are apostrophes far
// more often ("kill 'em"). Commas separate phrases but do not start a command: "…, beat me up, and destroy…" lists.
// Emoji separate phrases but often stand for a word ("don't let the door 🚪 hit you"), so they start no command.
const PHRASE_BREAK = /[#.!?;:,\n"“”„«»()[\]{}|¡¿…—–]|\s-\s|\p{Extended_Pictographic}/u;
const SENTENCE_BREAK = /[#.!?;:\n"“”„«»()[\]{}|¡¿…—–]|\s-\s/;
// A word glued to "_" or "@" is part of a user name or handle ("@revolt_today").
const HANDLE_EDGE = /[_@]/;
const SPANISH_CLITIC = /[aei]r(?:te|l[aeo]s?)$/;
const CLITIC_TAIL = 6;
const TITLE_CASE = /^\p{Lu}.*\p{Ll}/u;

let grammar: Grammar | undefined;

/**
 * All word classes and the fixed phrases in one phrase matcher, so a post is scanned once (each scan
 * costs about a microsecond per word).
 */
function loadGrammar(): Grammar {
  if (grammar) return grammar;
  const lexicon = loadLexiconData<ViolenceLexicon>('violence');
  const { grammar: spec } = lexicon;
  const matcher = new PhraseMatcher<Item>();
  const add = (words: Words | undefined, item: Item): void => {
    for (const lang of LANGS) for (const term of words?.[lang] ?? []) matcher.add(term, lang, item);
  };
  for (const entry of lexicon.entries) {
    const lang = entry.lang ?? 'en';
    add({ [lang]: entry.terms }, { tag: 'phrase', entry });
    add({ [lang]: entry.unless }, { tag: 'phraseUnless', entry });
  }
  // Frame phrases are function words: matched exactly, since stems blur them ("times to" is not "time to").
  for (const frame of spec.frames) {
    for (const lang of LANGS) add({ [lang]: frame[lang]?.map(exactWords) }, { tag: 'frame', frame, lang });
  }
  for (const [name, target] of Object.entries(spec.targets)) add(target, { tag: 'target', name, spec: target });
  for (const act of spec.acts) {
    for (const lang of LANGS) add({ [lang]: act[lang] }, { tag: 'verb', act, lang, form: 'base' });
    add({ en: act.participles }, { tag: 'verb', act, lang: 'en', form: 'participle' });
    add({ es: act.imperativeEs }, { tag: 'verb', act, lang: 'es', form: 'imperativeEs' });
    add(act.particles, { tag: 'particle', act });
    add(act.unlessNext, { tag: 'unlessNext', act });
    add(act.unless, { tag: 'unless', act });
  }
  const wordTags: Array<[WordTag, Words]> = [
    ['filler', spec.fillers], ['coordinator', spec.coordinators], ['aux', spec.auxiliaries],
    ['negator', spec.negators], ['determiner', spec.determiners], ['stop', spec.modifierStops],
    ['intransitiveNext', spec.intransitiveNext], ['reporting', spec.reporting], ['reportContext', spec.reportContext],
  ];
  for (const [tag, words] of wordTags) add(words, { tag });
  const imperative = spec.frames.find((f) => f.kind === 'imperative');
  if (!imperative) throw new Error('lexicons/violence.json: grammar.frames needs an "imperative" frame');
  grammar = { lexicon, spec, matcher, imperative, nameStopwords: new Set(spec.nameStopwords) };
  return grammar;
}

function exactWords(phrase: string): string {
  return phrase.split(/\s+/).map((w) => (w.startsWith('=') ? w : `=${w}`)).join(' ');
}

/** Found phrases sorted into buckets by a token index, so lookups cost no per-token allocation. */
class Buckets {
  private readonly order: Found[];
  private readonly index: Int32Array;

  constructor(found: Found[], tokens: number, key: (f: Found) => number) {
    this.index = new Int32Array(tokens + 2);
    for (const f of found) this.index[key(f) + 1]!++;
    for (let i = 1; i < this.index.length; i++) this.index[i]! += this.index[i - 1]!;
    const next = this.index.slice();
    this.order = new Array<Found>(found.length);
    for (const f of found) this.order[next[key(f)]!++] = f;
  }

  get(i: number, tag: Item['tag']): Found[] {
    const out: Found[] = [];
    for (let k = this.index[i] ?? 0, end = this.index[i + 1] ?? 0; k < end; k++) {
      if (this.order[k]!.payload.tag === tag) out.push(this.order[k]!);
    }
    return out;
  }

  /** The first find with this tag (and accepted) in bucket i, without building a list. */
  find(i: number, tag: Item['tag'], accept?: (f: Found) => boolean): Found | undefined {
    for (let k = this.index[i] ?? 0, end = this.index[i + 1] ?? 0; k < end; k++) {
      const f = this.order[k]!;
      if (f.payload.tag === tag && (!accept || accept(f))) return f;
    }
    return undefined;
  }

  /** The largest end token of the finds with this tag (and accepted) in bucket i, or -1. */
  longest(i: number, tag: Item['tag'], accept?: (f: Found) => boolean): number {
    let longest = -1;
    for (let k = this.index[i] ?? 0, end = this.index[i + 1] ?? 0; k < end; k++) {
      const f = this.order[k]!;
      if (f.payload.tag === tag && f.endToken > longest && (!accept || accept(f))) longest = f.endToken;
    }
    return longest;
  }
}

const OPENING_QUOTE = /(?:^|[\s:(])(?:["“‘«]|'(?!em\b))/gi;
const QUESTION_END = /\?["'”’)\]]*$/;

/** One post as the grammar sees it: the matcher's finds indexed by token, clause breaks and sentence facts. */
class Post {
  readonly doc: PostDocument;
  readonly g: Grammar;
  readonly found: Found[];
  /** breakBefore[i]: punctuation (or the start of the post) separates token i from the one before. */
  readonly breakBefore: boolean[];
  /** clauseStart[i]: token i can begin a command: first token, or after sentence-level punctuation. */
  readonly clauseStart: boolean[];
  /** sentence[i]: index in doc.sentences of the sentence holding token i. */
  readonly sentence: Int32Array;
  private readonly byStart: Buckets;
  private readonly byEnd: Buckets;
  /** Per sentence: the first reporting word's token index, the first opening quote's offset (or -1). */
  private readonly firstReporting: Int32Array;
  private readonly firstQuote: Int32Array;
  private readonly aboutCrime: boolean;
  private readonly unlessSentences = new Map<ActSpec, Set<number>>();
  /** Per token: 0 not yet known, 1 a name word, 2 not. */
  private readonly names: Uint8Array;

  constructor(doc: PostDocument, g: Grammar) {
    this.doc = doc;
    this.g = g;
    const n = doc.tokens.length;
    this.found = g.matcher.match(withoutClitics(doc.tokens));
    this.byStart = new Buckets(this.found, n, (f) => f.firstToken);
    this.byEnd = new Buckets(this.found, n, (f) => f.endToken);
    [this.breakBefore, this.clauseStart] = gapBreaks(doc);
    this.sentence = sentenceOfTokens(doc);
    this.firstReporting = new Int32Array(doc.sentences.length).fill(-1);
    this.firstQuote = firstQuotes(doc);
    let aboutCrime = false;
    for (const f of this.found) {
      const s = this.sentence[f.firstToken]!;
      if (f.payload.tag === 'reporting' && this.firstReporting[s] === -1) this.firstReporting[s] = f.firstToken;
      if (f.payload.tag === 'reportContext') aboutCrime = true;
      if (f.payload.tag === 'unless') push(this.unlessSentences, f.payload.act, s);
    }
    this.aboutCrime = aboutCrime;
    this.names = new Uint8Array(n);
  }

  get tokens(): Token[] {
    return this.doc.tokens;
  }

  startingAt(i: number, tag: Item['tag']): Found[] {
    return this.byStart.get(i, tag);
  }

  endingAt(i: number, tag: Item['tag']): Found[] {
    return this.byEnd.get(i, tag);
  }

  firstStartingAt(i: number, tag: Item['tag'], accept?: (f: Found) => boolean): Found | undefined {
    return this.byStart.find(i, tag, accept);
  }

  firstEndingAt(i: number, tag: Item['tag']): Found | undefined {
    return this.byEnd.find(i, tag);
  }

  /** End of the longest phrase with this tag starting at i, or -1. */
  longestAt(i: number, tag: Item['tag'], accept?: (f: Found) => boolean): number {
    return this.byStart.longest(i, tag, accept);
  }

  /** A capitalized word ("Bob", not "BOB" or "bob") that is not a common capitalized word ("Monday"). */
  isNameWord(i: number): boolean {
    let known = this.names[i];
    if (known === 0) {
      const token = this.tokens[i]!;
      const span = tokenSpan(this.doc, i, i + 1);
      const common = this.g.nameStopwords.has(token.word) || token.word.includes("'");
      const name = !common && TITLE_CASE.test(this.doc.raw.slice(span.offset, span.offset + span.length));
      this.names[i] = known = name ? 1 : 2;
    }
    return known === 1;
  }

  /** A question ("shoot him?") asks; it does not command. */
  isQuestion(token: number): boolean {
    const span = this.doc.sentences[this.sentence[token]!];
    if (!span) return false;
    const end = span.offset + span.length;
    return QUESTION_END.test(this.doc.raw.slice(Math.max(span.offset, end - 4), end));
  }

  hasUnless(act: ActSpec, token: number): boolean {
    return this.unlessSentences.get(act)?.has(this.sentence[token]!) ?? false;
  }

  /**
   * Reported speech: a reporting word before the hit in its sentence ("he threatened …", "Threats like …"),
   * or a quotation in a sentence with a reporting word, or in a post about a crime ("'…,' the suspect shouted").
   */
  isReported(first: number, offset: number): boolean {
    const s = this.sentence[first]!;
    const reporting = this.firstReporting[s]!;
    if (reporting >= 0 && reporting < first) return true;
    const quote = this.firstQuote[s]!;
    return quote >= 0 && quote < offset && (reporting >= 0 || this.aboutCrime);
  }
}

function push<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Sentence index of every token, in one sweep (tokens and sentences are both in text order). */
function sentenceOfTokens(doc: PostDocument): Int32Array {
  const result = new Int32Array(doc.tokens.length);
  let s = 0;
  doc.tokens.forEach((t, i) => {
    const offset = doc.folded.start[t.from] ?? 0;
    while (s < doc.sentences.length - 1 && offset >= doc.sentences[s]!.offset + doc.sentences[s]!.length) s++;
    result[i] = s;
  });
  return result;
}

function firstQuotes(doc: PostDocument): Int32Array {
  const result = new Int32Array(doc.sentences.length).fill(-1);
  let s = 0;
  for (const m of doc.raw.matchAll(OPENING_QUOTE)) {
    const offset = (m.index ?? 0) + m[0].length - 1;
    while (s < doc.sentences.length - 1 && offset >= doc.sentences[s]!.offset + doc.sentences[s]!.length) s++;
    if (result[s] === -1) result[s] = offset;
  }
  return result;
}

/**
 * Spanish pronouns glued to an infinitive ("matarte", "quemarla") hide the verb from the stemmer: the
 * matcher sees the bare infinitive's stem, and the pronoun counts as the target.
 */
function withoutClitics(tokens: Token[]): Token[] {
  if (!tokens.some((t) => hasClitic(t.word))) return tokens;
  return tokens.map((t) => (hasClitic(t.word) ? { ...t, stemEs: stem(infinitive(t.word), 'es') } : t));
}

function hasClitic(word: string): boolean {
  return SPANISH_CLITIC.test(word.slice(-CLITIC_TAIL));
}

/** "matarte" → "matar". */
function infinitive(word: string): string {
  return word.replace(SPANISH_CLITIC, (m) => m.slice(0, 2));
}

/** For each token, whether the gap before it is a phrase break and a sentence break. */
function gapBreaks(doc: PostDocument): [boolean[], boolean[]] {
  const { tokens, folded } = doc;
  const phrase = new Array<boolean>(tokens.length).fill(false);
  const sentence = new Array<boolean>(tokens.length).fill(false);
  tokens.forEach((t, i) => {
    const from = i === 0 ? 0 : tokens[i - 1]!.to;
    // A lone space, by far the usual gap, breaks nothing.
    if (i > 0 && t.from - from === 1 && folded.text[from] === ' ') return;
    const gap = folded.text.slice(from, t.from);
    if (i > 0 && closesSplitWord(doc, i - 1, gap)) return;
    phrase[i] = i === 0 || PHRASE_BREAK.test(gap);
    sentence[i] = i === 0 || SENTENCE_BREAK.test(gap);
  });
  return [phrase, sentence];
}

// Folding joins "K.I.L.L" into "kill" but leaves the last dot of "K.I.L.L. you": that dot ends no sentence.
const SPLIT_WORD = /^(?:\p{L}([.\-_*~·•]))+\p{L}$/u;

function closesSplitWord(doc: PostDocument, token: number, gap: string): boolean {
  const span = tokenSpan(doc, token, token + 1);
  const separator = SPLIT_WORD.exec(doc.raw.slice(span.offset, span.offset + span.length))?.[1];
  return separator !== undefined && gap.trimEnd() === separator;
}

function inHandle(doc: PostDocument, first: number, end: number): boolean {
  const { text } = doc.folded;
  const from = doc.tokens[first]!.from;
  const to = doc.tokens[end - 1]!.to;
  return HANDLE_EDGE.test(text[from - 1] ?? '') || HANDLE_EDGE.test(text[to] ?? '');
}

/** Where an act is anchored: its frame (or imperative clause start) and, for passives and wishes, its subject. */
interface Lead {
  frame: FrameSpec;
  /** Language of the frame's words; none for a command, which is recognized by position. */
  lang?: Lang;
  first: number;
  /** A be/get auxiliary sits between frame and verb: the sentence is passive ("hope he gets shot"). */
  passive: boolean;
  subject?: Found;
}

function atClauseStart(post: Post, first: number): boolean {
  let k = first;
  for (let skipped = 0; skipped <= MAX_FILLERS; skipped++) {
    if (post.clauseStart[k]) return true;
    if (post.breakBefore[k]) return false;
    const filler = post.firstEndingAt(k, 'filler');
    if (!filler) return false;
    k = filler.firstToken;
  }
  return false;
}

function subjectsEndingAt(post: Post, k: number): Found[] {
  const isPerson = (f: Found): boolean => f.payload.tag === 'target' && (f.payload.name === 'person' || f.payload.name === 'subject');
  const subjects = post.endingAt(k, 'target').filter(isPerson);
  const name = nameEndingAt(post, k);
  return name ? [...subjects, name] : subjects;
}

/** Frames the verb at `verbFirst` could belong to, walking back over fillers ("I'm gonna fucking kill…"). */
function leadsBefore(post: Post, verbFirst: number): Lead[] {
  const leads: Lead[] = [];
  let k = verbFirst;
  let passive = false;
  for (let skipped = 0; skipped <= MAX_FILLERS; skipped++) {
    if (post.breakBefore[k]) {
      if (post.clauseStart[k]) leads.push({ frame: post.g.imperative, first: k, passive });
      break;
    }
    for (const f of post.endingAt(k, 'frame')) {
      if (f.payload.tag === 'frame') leads.push({ frame: f.payload.frame, lang: f.payload.lang, first: f.firstToken, passive });
    }
    const mayEndSubject = post.firstEndingAt(k, 'target') !== undefined || (k > 0 && post.isNameWord(k - 1));
    for (const subject of mayEndSubject ? subjectsEndingAt(post, k) : []) {
      for (const w of post.endingAt(subject.firstToken, 'frame')) {
        if (w.payload.tag !== 'frame' || w.payload.frame.kind !== 'wish') continue;
        leads.push({ frame: w.payload.frame, lang: w.payload.lang, first: w.firstToken, passive, subject });
      }
    }
    const filler = post.firstEndingAt(k, 'filler') ?? post.firstEndingAt(k, 'aux');
    const coordinator = filler ? undefined : post.firstEndingAt(k, 'coordinator');
    if (coordinator) leads.push(...coordinatedLeads(post, coordinator.firstToken, passive));
    if (!filler) break;
    passive ||= filler.payload.tag === 'aux';
    k = filler.firstToken;
  }
  return leads;
}

/** The frame of the first verb phrase in "FRAME verb … and verb": frames ending in the few words before "and". */
function coordinatedLeads(post: Post, k: number, passive: boolean): Lead[] {
  const leads: Lead[] = [];
  for (let j = k; j >= Math.max(0, k - MAX_COORDINATED_WORDS) && !post.breakBefore[j]; j--) {
    for (const f of post.endingAt(j, 'frame')) {
      if (f.payload.tag !== 'frame' || f.payload.frame.kind !== 'actor') continue;
      leads.push({ frame: f.payload.frame, lang: f.payload.lang, first: f.firstToken, passive });
    }
    // "Go find him and beat him up": a command, but only when it opens with a command word like "go".
    if (j > 0 && post.clauseStart[j - 1] && post.firstStartingAt(j - 1, 'filler') !== undefined) {
      leads.push({ frame: post.g.imperative, first: j - 1, passive });
    }
  }
  return leads;
}

function negatedBefore(post: Post, first: number): boolean {
  for (let k = first; k >= Math.max(0, first - 1); k--) {
    if (post.firstEndingAt(k, 'negator')) return true;
    if (post.breakBefore[k]) break;
  }
  return false;
}

/** Commands and statements of intent use the plain verb; passives and wishes use the participle. */
function formFits(post: Post, verb: Found, lead: Lead): boolean {
  if (verb.payload.tag !== 'verb') return false;
  const { lang, form } = verb.payload;
  const words = post.tokens.slice(verb.firstToken, verb.endToken).map((t) => t.word);
  const suffers = lead.frame.kind === 'passive' || lead.passive;
  if (lang === 'en' && words.some((w) => w.endsWith('ing')) && lead.frame.kind !== 'refusal') return false;
  if (suffers) return true;
  if (lang === 'en') return form === 'base' && !words.some((w) => w.endsWith('ed'));
  return lead.frame.kind === 'imperative' ? form === 'imperativeEs' : form === 'base';
}

function leadFits(post: Post, verb: Found, lead: Lead): boolean {
  if (verb.payload.tag !== 'verb') return false;
  const { act } = verb.payload;
  const { frame } = lead;
  if (act.frames ? !act.frames.includes(frame.id) : frame.optIn) return false;
  // Spanish stems match English words ("herir" → "her"): an act counts only in a frame of its language.
  if (lead.lang !== undefined && lead.lang !== verb.payload.lang) return false;
  if (lead.passive && frame.kind !== 'wish' && frame.kind !== 'passive') return false;
  if (frame.clauseStart && !atClauseStart(post, lead.first)) return false;
  if (frame.needsSubject && subjectsEndingAt(post, lead.first).length === 0) return false;
  if (frame.kind !== 'refusal' && negatedBefore(post, lead.first)) return false;
  if (frame.kind === 'imperative' && post.isQuestion(verb.firstToken)) return false;
  return formFits(post, verb, lead);
}

const NAME: Item = { tag: 'target', name: 'name', spec: { note: 'a named person' } };

/** A run of capitalized words ("Bob Smith") starting at token i, not starting a sentence. */
function nameStartingAt(post: Post, i: number): Found | undefined {
  let end = i;
  const n = post.tokens.length;
  while (end < n && end - i < MAX_NAME_WORDS && post.isNameWord(end) && (end === i || !post.breakBefore[end])) end++;
  return end > i ? { payload: NAME, firstToken: i, endToken: end } : undefined;
}

function nameEndingAt(post: Post, end: number): Found | undefined {
  let first = end;
  while (first > 0 && end - first < MAX_NAME_WORDS && post.isNameWord(first - 1) && !post.breakBefore[first]) first--;
  return first < end ? { payload: NAME, firstToken: first, endToken: end } : undefined;
}

function particleEnd(post: Post, act: ActSpec, i: number): number {
  if (i >= post.doc.tokens.length || post.breakBefore[i]) return -1;
  return post.longestAt(i, 'particle', (f) => f.payload.tag === 'particle' && f.payload.act === act);
}

/** A plural possessive ("the kids' photos") is a modifier, not the target. */
function isPossessive(post: Post, end: number): boolean {
  const { tokens, folded } = post.doc;
  const last = tokens[end - 1]!;
  return last.word.endsWith('s') && /^['’]/.test(folded.text.slice(last.to, tokens[end]?.from ?? folded.text.length));
}

/** The words of a determiner found at [first, end), or undefined. */
type DeterminerAt = [number, number] | undefined;

function determinerWords(post: Post, determiner: DeterminerAt): string | undefined {
  return determiner && post.tokens.slice(determiner[0], determiner[1]).map((t) => t.word).join(' ');
}

function targetStartingAt(post: Post, act: ActSpec, at: number, determiner: DeterminerAt, allowName: boolean): Found | undefined {
  let best: Found | undefined;
  for (const f of post.startingAt(at, 'target')) {
    if (f.payload.tag !== 'target' || !act.targets.includes(f.payload.name)) continue;
    const required = f.payload.spec.determiners;
    if (required && !required.includes(determinerWords(post, determiner) ?? '')) continue;
    if (isPossessive(post, f.endToken)) continue;
    if (!best || f.endToken > best.endToken) best = f;
  }
  if (best || !allowName || !act.names) return best;
  return nameStartingAt(post, at);
}

/** The target after the verb: "him", "the damn mayor", "all the cops", "your fucking face", "a Juan". */
function targetAfter(post: Post, act: ActSpec, from: number, lead: Lead): Found | undefined {
  const n = post.tokens.length;
  let determiner: DeterminerAt;
  let q = from;
  for (let determiners = 0; ; determiners++) {
    const modifiers = determiner ? MAX_MODIFIERS : MAX_BARE_MODIFIERS;
    for (let m = 0; m <= modifiers && q + m < n && !post.breakBefore[q + m]; m++) {
      // Words between a determiner and the target are adjectives ("the damn mayor"); a function word ends the phrase.
      const functionWord = post.longestAt(q + m, 'stop') > 0 || post.longestAt(q + m, 'determiner') > 0;
      if (m > 0 && functionWord) break;
      // Names follow the verb directly, or Spanish "a" ("matar a Juan").
      const allowName = lead.frame.kind !== 'imperative' && m === 0 && (!determiner || determinerWords(post, determiner) === 'a');
      const target = targetStartingAt(post, act, q + m, determiner, allowName);
      if (target) return target;
      if (functionWord) break;
    }
    const end = q < n && !post.breakBefore[q] ? post.longestAt(q, 'determiner') : -1;
    if (end < 0 || determiners >= MAX_DETERMINERS) return undefined;
    determiner = [q, end];
    q = end;
  }
}

/** Where the act's object ends, or -1 when the act has no acceptable object in this frame. */
function objectEnd(post: Post, verb: Found, lead: Lead): number {
  if (verb.payload.tag !== 'verb') return -1;
  const { act, lang } = verb.payload;
  let end = verb.endToken;
  let particle = particleEnd(post, act, end);
  if (particle > 0) end = particle;
  const implicit = lead.frame.carriesTarget || (lang === 'es' && hasClitic(post.doc.tokens[verb.firstToken]!.word));
  const target = targetAfter(post, act, end, lead);
  if (target) {
    end = target.endToken;
    if (particle < 0) {
      particle = particleEnd(post, act, end);
      if (particle > 0) end = particle;
    }
    if (target.payload.tag === 'target' && target.payload.spec.needsParticle && particle < 0) return -1;
  } else if (!implicit) {
    end = endWithoutTarget(post, act, lead, end);
    if (end < 0) return -1;
  }
  if (act.particleRequired && particle < 0 && !sufferedBySubject(lead)) return -1;
  return post.firstStartingAt(end, 'unlessNext', (f) => f.payload.tag === 'unlessNext' && f.payload.act === act) ? -1 : end;
}

function sufferedBySubject(lead: Lead): boolean {
  return lead.frame.kind === 'passive' || (lead.frame.kind === 'wish' && lead.passive);
}

/** Where an act with no target ends ("riot tonight"), or -1 when it needs a target. */
function endWithoutTarget(post: Post, act: ActSpec, lead: Lead, end: number): number {
  if (sufferedBySubject(lead)) return end;
  if (!act.intransitive) return -1;
  const adverbEnd = end < post.doc.tokens.length && !post.breakBefore[end] ? post.longestAt(end, 'intransitiveNext') : -1;
  if (adverbEnd > 0) return adverbEnd;
  // A bare command ("Riot!") must end its clause: "Riot police" and "Loot bags" are nouns.
  const endsClause = end >= post.doc.tokens.length || post.breakBefore[end] === true;
  return lead.frame.kind !== 'imperative' || endsClause ? end : -1;
}

/** Passive frames need a person before them: "he should be shot", "the mayor deserves to be hanged". */
function passiveSubject(post: Post, lead: Lead): Found | undefined {
  if (lead.frame.kind !== 'passive') return lead.subject;
  const filler = post.firstEndingAt(lead.first, 'filler');
  const candidates = [...subjectsEndingAt(post, lead.first), ...(filler ? subjectsEndingAt(post, filler.firstToken) : [])];
  // A capitalized word opening the sentence is ordinary capitalization, not a name.
  return candidates.find((s) => s.payload.tag === 'target' && (s.payload.name !== 'name' || !post.breakBefore[s.firstToken]));
}

/** "the mayor" rather than "mayor". */
function withDeterminer(post: Post, first: number): number {
  const determiner = post.breakBefore[first] ? undefined : post.firstEndingAt(first, 'determiner');
  return determiner ? determiner.firstToken : first;
}

function ruleFor(act: ActSpec, frame: FrameSpec): RuleId {
  if (act.kind === 'illegal') return 'illegal-activity';
  return frame.rule === 'threat' ? 'violent-threat' : 'violence-incitement';
}

/** A hit and the token it starts at, which says which sentence it belongs to. */
interface Candidate {
  hit: Hit;
  first: number;
}

function actHit(post: Post, verb: Found): Candidate | undefined {
  if (verb.payload.tag !== 'verb') return undefined;
  const { act } = verb.payload;
  if (inHandle(post.doc, verb.firstToken, verb.endToken) || post.hasUnless(act, verb.firstToken)) return undefined;
  for (const lead of leadsBefore(post, verb.firstToken)) {
    if (!leadFits(post, verb, lead)) continue;
    const subject = passiveSubject(post, lead);
    if (lead.frame.kind === 'passive' && !subject) continue;
    const end = objectEnd(post, verb, lead);
    if (end < 0) continue;
    const ruleId = ruleFor(act, lead.frame);
    const rule = post.g.spec.rules[ruleId];
    const first = lead.frame.kind === 'passive' && subject ? withDeterminer(post, subject.firstToken) : lead.first;
    const hit = {
      ...tokenSpan(post.doc, first, end),
      ruleId,
      clause: rule.clause,
      severity: rule.severity,
      message: `${rule.note} (${act.note}): ${lead.frame.note}.`,
      suggestion: rule.suggestion,
    };
    return { hit, first };
  }
  return undefined;
}

// An `unless` phrase overlapping a fixed phrase starts at most this many tokens before it.
const LONGEST_PHRASE = 8;

/** Fixed threat phrases (`entries`), minus those an `unless` phrase of the same entry overlaps. */
function phraseHits(post: Post): Candidate[] {
  const candidates: Candidate[] = [];
  for (const f of post.found) {
    if (f.payload.tag !== 'phrase' || benignPhraseOverlaps(post, f.payload.entry, f)) continue;
    const { entry } = f.payload;
    const hit = {
      ...tokenSpan(post.doc, f.firstToken, f.endToken),
      ruleId: entry.id,
      clause: entry.clause ?? post.g.lexicon.clause,
      severity: entry.severity,
      message: entry.note,
      suggestion: entry.suggestion,
    };
    candidates.push({ hit, first: f.firstToken });
  }
  return candidates;
}

function benignPhraseOverlaps(post: Post, entry: LexiconEntry, f: Found): boolean {
  for (let i = Math.max(0, f.firstToken - LONGEST_PHRASE); i < f.endToken; i++) {
    const overlapping = (b: Found): boolean => b.payload.tag === 'phraseUnless' && b.payload.entry === entry && b.endToken > f.firstToken;
    if (post.firstStartingAt(i, 'phraseUnless', overlapping)) return true;
  }
  return false;
}

function lowerIfReported(post: Post, { hit, first }: Candidate): Hit {
  if (!post.isReported(first, hit.offset)) return hit;
  const { reported } = post.g.spec;
  return { ...hit, severity: reported.severity, message: `${reported.note} ${hit.message}`, suggestion: reported.suggestion };
}

/**
 * One hit per threat: a hit inside another is dropped ("te voy a matar" by phrase and by grammar), and
 * overlapping hits of the same rule are joined ("put a bullet in" + "bullet in his head").
 */
function merged(candidates: Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => a.hit.offset - b.hit.offset || b.hit.length - a.hit.length);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const last = kept[kept.length - 1];
    const lastEnd = last ? last.hit.offset + last.hit.length : -1;
    const end = c.hit.offset + c.hit.length;
    if (last && end <= lastEnd) continue;
    if (last && c.hit.offset < lastEnd && c.hit.ruleId === last.hit.ruleId) last.hit = { ...last.hit, length: end - last.hit.offset };
    else kept.push({ ...c });
  }
  return kept;
}

export const violence: Screener = {
  meta: {
    id: 'violence',
    clauses: ['5.3.b', '6.1.12'],
    description: 'Threats ("I will hurt you", "someone should shoot him") and calls for violence or lawbreaking ("let\'s burn City Hall down", "go loot the store", "block the highway"), English and Spanish.',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument): Hit[] {
    if (doc.tokens.length === 0) return [];
    const post = new Post(doc, loadGrammar());
    const candidates = phraseHits(post);
    for (const found of post.found) {
      const candidate = found.payload.tag === 'verb' ? actHit(post, found) : undefined;
      if (candidate) candidates.push(candidate);
    }
    return merged(candidates).map((c) => lowerIfReported(post, c));
  },
};
