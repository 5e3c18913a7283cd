import type { Hit, PostDocument, ScreenConfig, Screener, Severity, Span } from '../types';
import { PhraseMatcher, loadLexiconData } from '../text/lexicon';
import type { Lexicon, LexiconEntry } from '../text/lexicon';
import { SEVERITY_RANK, tokenSentences, tokenSpan } from './shared';

/**
 * 6.1.14: campaign messaging. Phrase rules (vote calls, "re-elect", party and measure calls, campaign money and
 * volunteering, a candidate's own campaign talk) come from lexicons/political.json; this file adds the rules that
 * need a little structure: "vote for <Name>", "<Name> for Mayor", "Paid for by …" disclaimers, campaign
 * hashtags, and stances on the candidates, parties and ballot measures named in the config.
 * Campaign-activity words (canvass, yard sign, "our campaign") count only in a post that is about an election.
 */

const CLAUSE = '6.1.14';
const ELECTION_CONTEXT = 'election-context';

interface RuleText {
  id: string;
  severity: Severity;
  note: string;
  suggestion: string;
}

interface HashtagRule extends RuleText {
  patterns: string[];
  neutral?: string[];
  caseSensitive?: boolean;
  requires?: string;
  /** 'context' rules flag nothing: they only make campaign-activity words count. */
  role?: 'context';
}

interface StanceRule extends RuleText {
  before: string[];
  after: string[];
}

interface PoliticalLexicon extends Lexicon {
  campaignNames: RuleText & { pattern: string };
  moneyAsk: RuleText & { terms: string[]; amount: string };
  electionContext: { terms: string[] };
  nameCall: RuleText & { triggers: string[]; notAfterWords: string[]; notNames: string[]; contestWords: string[] };
  officeSlogan: RuleText & { offices: string[]; connectors: string[]; allowedAfter: string[]; notNames: string[] };
  paidForBy: RuleText & { terms: string[]; sponsorWords: string[]; notSponsorWords: string[] };
  hashtags: { maxLength: number; rules: HashtagRule[] };
  configured: {
    candidate: StanceRule;
    party: StanceRule;
    measure: StanceRule;
    candidateAttack: RuleText & { words: string[] };
    hashtag: RuleText;
    fillers: string[];
  };
}

interface CompiledHashtagRule {
  rule: HashtagRule;
  patterns: RegExp[];
  neutral: RegExp[];
}

type ConfiguredKind = 'candidate' | 'party' | 'measure';

/** What a phrase of the combined matcher is: a lexicon term or `unless` phrase, or a word list of one rule. */
type Phrase =
  | { role: 'term' | 'benign'; entry: LexiconEntry }
  | { role: 'context' | 'nameTrigger' | 'office' | 'allowedAfter' | 'paidFor' | 'moneyAsk' | 'attack' }
  | { role: 'stanceBefore' | 'stanceAfter'; target: ConfiguredKind };

type Role = Phrase['role'];

interface Found extends TokenRange {
  payload: Phrase;
}

interface TokenRange {
  firstToken: number;
  endToken: number;
}

interface Compiled {
  data: PoliticalLexicon;
  /** Every phrase of the lexicon in one trie, so a post's tokens are walked once. */
  phrases: PhraseMatcher<Phrase>;
  hashtags: CompiledHashtagRule[];
  campaignName: RegExp;
  /** Cheap test on the whole post before its words are scanned for campaign names. */
  campaignNameAnywhere: RegExp;
  amount: RegExp;
  words: {
    notAfter: Set<string>;
    notNames: Set<string>;
    contest: Set<string>;
    sloganNotNames: Set<string>;
    sloganConnectors: Set<string>;
    sponsor: Set<string>;
    notSponsor: Set<string>;
    fillers: Set<string>;
  };
}

function compilePhrases(data: PoliticalLexicon): PhraseMatcher<Phrase> {
  const matcher = new PhraseMatcher<Phrase>();
  const addAll = (terms: string[], phrase: Phrase): void => terms.forEach((term) => matcher.add(term, 'en', phrase));
  for (const entry of data.entries) {
    const lang = entry.lang ?? 'en';
    entry.terms.forEach((term) => matcher.add(term, lang, { role: 'term', entry }));
    (entry.unless ?? []).forEach((term) => matcher.add(term, lang, { role: 'benign', entry }));
  }
  addAll(data.electionContext.terms, { role: 'context' });
  addAll(data.nameCall.triggers, { role: 'nameTrigger' });
  addAll(data.officeSlogan.offices, { role: 'office' });
  addAll(data.officeSlogan.allowedAfter, { role: 'allowedAfter' });
  addAll(data.paidForBy.terms, { role: 'paidFor' });
  addAll(data.moneyAsk.terms, { role: 'moneyAsk' });
  addAll(data.configured.candidateAttack.words, { role: 'attack' });
  for (const target of ['candidate', 'party', 'measure'] as const) {
    addAll(data.configured[target].before, { role: 'stanceBefore', target });
    addAll(data.configured[target].after, { role: 'stanceAfter', target });
  }
  return matcher;
}

let compiled: Compiled | undefined;

function rules(): Compiled {
  if (compiled) return compiled;
  const data = loadLexiconData<PoliticalLexicon>('political');
  const { nameCall, officeSlogan, paidForBy, configured } = data;
  compiled = {
    data,
    phrases: compilePhrases(data),
    hashtags: data.hashtags.rules.map((rule) => {
      const flags = rule.caseSensitive ? 'u' : 'iu';
      return { rule, patterns: rule.patterns.map((p) => new RegExp(p, flags)), neutral: (rule.neutral ?? []).map((p) => new RegExp(p, flags)) };
    }),
    campaignName: new RegExp(data.campaignNames.pattern, 'iu'),
    campaignNameAnywhere: new RegExp(data.campaignNames.pattern.replace(/\$$/, ''), 'iu'),
    amount: new RegExp(data.moneyAsk.amount, 'u'),
    words: {
      notAfter: new Set(nameCall.notAfterWords),
      notNames: new Set(nameCall.notNames),
      contest: new Set(nameCall.contestWords),
      sloganNotNames: new Set(officeSlogan.notNames),
      sloganConnectors: new Set(officeSlogan.connectors),
      sponsor: new Set(paidForBy.sponsorWords),
      notSponsor: new Set(paidForBy.notSponsorWords),
      fillers: new Set(configured.fillers),
    },
  };
  return compiled;
}

/** The phrases found in a post, grouped by role. */
type FoundByRole = Record<Role, Found[]>;

function findPhrases(doc: PostDocument, c: Compiled): FoundByRole {
  const byRole: FoundByRole = { term: [], benign: [], context: [], nameTrigger: [], office: [], allowedAfter: [], paidFor: [], moneyAsk: [], attack: [], stanceBefore: [], stanceAfter: [] };
  for (const m of c.phrases.match(doc.tokens)) byRole[m.payload.role].push(m);
  return byRole;
}

/** A hit of the rule on a span of the original text. (Built field by field: object spread is slow in V8 here.) */
function spanHit(span: Span, rule: RuleText): Hit {
  return { offset: span.offset, length: span.length, ruleId: rule.id, clause: CLAUSE, severity: rule.severity, message: rule.note, suggestion: rule.suggestion };
}

function hit(doc: PostDocument, rule: RuleText, first: number, end: number): Hit {
  return spanHit(tokenSpan(doc, first, end), rule);
}

/** Facts about the post's tokens that several rules read. */
interface Layout {
  /** Sentence index of each token. */
  sentence: Int32Array;
  /** 1 where the token starts with a capital letter (or follows '@') in the original text: a name, or a handle. */
  nameLike: Uint8Array;
}

/** Computes the layout on first use: most posts have no phrase that needs it. */
function lazyLayout(doc: PostDocument): () => Layout {
  let computed: Layout | undefined;
  return () => (computed ??= layout(doc));
}

function layout(doc: PostDocument): Layout {
  const { tokens, folded } = doc;
  const nameLike = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const from = tokens.from(i);
    if (/\p{Lu}/u.test(doc.raw[folded.start[from]!] ?? '') || folded.text[from - 1] === '@') nameLike[i] = 1;
  }
  return { sentence: tokenSentences(doc), nameLike };
}

/** The folded text between tokens `left` and `right` holds nothing but spaces (optionally an '@'): they read as one phrase. */
function adjacent(doc: PostDocument, left: number, right: number): boolean {
  return /^[ \t]*@?$/.test(doc.folded.text.slice(doc.tokens.to(left), doc.tokens.from(right)));
}

/** Whether token i (if there is one) is a word of the set, as it is or by its stem. */
function isWord(set: Set<string>, doc: PostDocument, i: number): boolean {
  return i >= 0 && i < doc.tokens.length && (set.has(doc.tokens.word(i)) || set.has(doc.tokens.stem(i)));
}

// --- lexicon entries and campaign context ---------------------------------------------------------------

/** Where election-context terms lie, so a phrase can ask "is there context besides me?" in constant time. */
interface ContextSpread {
  /** Smallest end and largest start token of the context terms. */
  minEnd: number;
  maxFirst: number;
  /** Context found outside the words (district tags, campaign hashtags). */
  tags: number;
}

function spread(ranges: TokenRange[], tags: number): ContextSpread {
  let minEnd = Infinity;
  let maxFirst = -Infinity;
  for (const r of ranges) {
    minEnd = Math.min(minEnd, r.endToken);
    maxFirst = Math.max(maxFirst, r.firstToken);
  }
  return { minEnd, maxFirst, tags };
}

/** Whether some context lies outside the match, so a phrase cannot be its own context. */
function hasContextBesides(context: ContextSpread, match: TokenRange): boolean {
  return context.tags > 0 || context.minEnd <= match.firstToken || context.maxFirst >= match.endToken;
}

function entryOf(found: Found): LexiconEntry {
  if (found.payload.role !== 'term' && found.payload.role !== 'benign') throw new Error('not a lexicon phrase');
  return found.payload.entry;
}

/** Lexicon term matches that no `unless` phrase of the same entry overlaps; linear, since phrases are short. */
function termsNotBenign(found: FoundByRole): Found[] {
  const benignAt = new Map<number, Found[]>();
  let longest = 0;
  for (const b of found.benign) {
    const at = benignAt.get(b.firstToken);
    if (at) at.push(b);
    else benignAt.set(b.firstToken, [b]);
    longest = Math.max(longest, b.endToken - b.firstToken);
  }
  const overlapsBenign = (m: Found): boolean => {
    for (let p = m.firstToken - longest + 1; p < m.endToken; p++) {
      if (benignAt.get(p)?.some((b) => entryOf(b) === entryOf(m) && b.endToken > m.firstToken)) return true;
    }
    return false;
  };
  return found.term.filter((m) => !overlapsBenign(m));
}

interface LexiconFindings {
  hits: Hit[];
  /** Campaign-activity phrases found (they count as context for campaign hashtags). */
  cues: number;
}

/**
 * Lexicon hits. An entry that `requires` an election context counts only if the post has an election word, a
 * district tag, a campaign hashtag or another campaign-activity phrase besides the match itself.
 */
function lexiconRuleHits(doc: PostDocument, found: FoundByRole, contextTags: number): LexiconFindings {
  const matches = termsNotBenign(found);
  const needsContext = (m: Found): boolean => entryOf(m).requires === ELECTION_CONTEXT;
  const cues = matches.filter(needsContext);
  const context = spread([...found.context, ...cues], contextTags);
  const hits = matches
    .filter((m) => !needsContext(m) || hasContextBesides(context, m))
    .map((m) => {
      const entry = entryOf(m);
      return spanHit(matchSpan(doc, m), { id: entry.id, severity: entry.severity, note: entry.note, suggestion: entry.suggestion });
    });
  return { hits, cues: cues.length };
}

/** The match's span; `extendToNextWord` entries take in the next word too ("Yes on Measure" + "B"). */
function matchSpan(doc: PostDocument, m: Found): Span {
  const extend = entryOf(m).extendToNextWord === true && m.endToken < doc.tokens.length && adjacent(doc, m.endToken - 1, m.endToken);
  return tokenSpan(doc, m.firstToken, m.endToken + (extend ? 1 : 0));
}

/** "Chip in $5": an ask phrase followed by an amount of money. */
function moneyAskHits(doc: PostDocument, found: FoundByRole, c: Compiled): Hit[] {
  return found.moneyAsk
    .filter((m) => c.amount.test(doc.folded.text.slice(doc.tokens.to(m.endToken - 1), doc.tokens.to(m.endToken - 1) + 4)))
    .map((m) => hit(doc, c.data.moneyAsk, m.firstToken, m.endToken + (m.endToken < doc.tokens.length ? 1 : 0)));
}

// --- "vote for <Name>", "elect <Name>" --------------------------------------------------------------------

function nameRunEnd(doc: PostDocument, lay: Layout, start: number, notNames: Set<string>): number {
  let end = start;
  while (end < doc.tokens.length && end - start < 4 && lay.nameLike[end] === 1 && !notNames.has(doc.tokens.word(end)) && lay.sentence[end] === lay.sentence[start]) {
    if (end > start && !adjacent(doc, end - 1, end)) break;
    end++;
  }
  return end;
}

function blockedBefore(doc: PostDocument, first: number, notAfter: Set<string>): boolean {
  const { tokens } = doc;
  const prev = first - 1;
  if (prev < 0) return false;
  if (notAfter.has(tokens.word(prev))) return true;
  // "mayor-elect Jane Smith", "voted to elect Lee as chair": titles and Council actions, not calls to vote.
  if (doc.folded.text[tokens.to(prev)] === '-' && tokens.to(prev) === tokens.from(first) - 1) return true;
  return tokens.word(prev) === 'to' && prev >= 1 && tokens.stem(prev - 1) === 'vote';
}

/** Indexes of the sentences holding a word of the set. */
function sentencesWith(doc: PostDocument, lay: Layout, set: Set<string>): Set<number> {
  const found = new Set<number>();
  for (let i = 0; i < doc.tokens.length; i++) if (isWord(set, doc, i)) found.add(lay.sentence[i]!);
  return found;
}

function nameCallHits(doc: PostDocument, getLayout: () => Layout, found: FoundByRole, c: Compiled): Hit[] {
  const { notAfter, notNames } = c.words;
  const triggers = found.nameTrigger;
  if (triggers.length === 0) return [];
  const lay = getLayout();
  // "Vote for Cottonwood in the Best Small Town contest": contests and polls are not elections.
  const contests = sentencesWith(doc, lay, c.words.contest);
  const hits: Hit[] = [];
  for (const m of triggers) {
    const name = m.endToken;
    if (name >= doc.tokens.length || lay.sentence[name] !== lay.sentence[m.firstToken] || !adjacent(doc, name - 1, name)) continue;
    const end = nameRunEnd(doc, lay, name, notNames);
    if (end === name || blockedBefore(doc, m.firstToken, notAfter) || contests.has(lay.sentence[name]!)) continue;
    hits.push(hit(doc, c.data.nameCall, m.firstToken, end));
  }
  return hits;
}

// --- "Jane Smith for Mayor" -------------------------------------------------------------------------------

function isSloganName(doc: PostDocument, lay: Layout, i: number, c: Compiled): boolean {
  return lay.nameLike[i] === 1 && !isWord(c.words.sloganNotNames, doc, i) && !c.words.notNames.has(doc.tokens.word(i));
}

/** First token of the name that ends at `last` ("Jane Smith"), at most 3 words back. */
function nameRunStart(doc: PostDocument, lay: Layout, last: number, c: Compiled): number {
  let first = last;
  while (first > 0 && last - first < 3 && lay.sentence[first - 1] === lay.sentence[last] && isSloganName(doc, lay, first - 1, c) && adjacent(doc, first - 1, first)) first--;
  return first;
}

function sloganHits(doc: PostDocument, getLayout: () => Layout, found: FoundByRole, c: Compiled): Hit[] {
  const { sloganConnectors } = c.words;
  if (found.office.length === 0) return [];
  const lay = getLayout();
  const allowedAfter = new Set(found.allowedAfter.map((m) => m.firstToken));
  const hits: Hit[] = [];
  for (const m of found.office) {
    const connector = m.firstToken - 1;
    const name = connector - 1;
    if (name < 0 || !sloganConnectors.has(doc.tokens.word(connector)) || !isSloganName(doc, lay, name, c)) continue;
    if (!adjacent(doc, name, connector) || !adjacent(doc, connector, m.firstToken)) continue;
    // A slogan ends there ("Smith for Mayor!", "Smith for Council 2024"); "Lee for Council agendas" goes on.
    const next = m.endToken;
    const endsHere = next >= doc.tokens.length || lay.sentence[next] !== lay.sentence[name] || !adjacent(doc, next - 1, next) || allowedAfter.has(next) || /^\d/.test(doc.tokens.word(next));
    if (endsHere) hits.push(hit(doc, c.data.officeSlogan, nameRunStart(doc, lay, name, c), m.endToken));
  }
  return hits;
}

// --- "Paid for by …" --------------------------------------------------------------------------------------

function paidForHits(doc: PostDocument, getLayout: () => Layout, found: FoundByRole, c: Compiled): Hit[] {
  const { sponsor, notSponsor } = c.words;
  if (found.paidFor.length === 0) return [];
  const lay = getLayout();
  const hits: Hit[] = [];
  for (const m of found.paidFor) {
    // The (up to) six tokens after the phrase that are in its sentence.
    const following: number[] = [];
    for (let k = m.endToken; k < Math.min(doc.tokens.length, m.endToken + 6); k++) if (lay.sentence[k] === lay.sentence[m.firstToken]) following.push(k);
    if (following.some((k) => isWord(notSponsor, doc, k))) continue;
    const startsSentence = m.firstToken === 0 || lay.sentence[m.firstToken - 1] !== lay.sentence[m.firstToken];
    if (startsSentence || following.some((k) => isWord(sponsor, doc, k))) hits.push(hit(doc, c.data.paidForBy, m.firstToken, m.endToken));
  }
  return hits;
}

// --- hashtags -----------------------------------------------------------------------------------------------

interface TagScan {
  hits: Hit[];
  /** Hits that count only in an election context. */
  pending: Hit[];
  contextTags: number;
}

const HASHTAG = /#[\p{L}\p{N}_]+/gu;
const WORD = /[\p{L}\p{N}_]+/gu;

function scanHashtags(doc: PostDocument, c: Compiled, configured: RegExp | undefined): TagScan {
  const scan: TagScan = { hits: [], pending: [], contextTags: 0 };
  if (!doc.raw.includes('#')) return scan;
  for (const m of doc.raw.matchAll(HASHTAG)) {
    const tag = m[0];
    const offset = m.index ?? 0;
    if (tag.length > c.data.hashtags.maxLength) continue;
    if (configured?.test(tag)) {
      scan.hits.push(spanHit({ offset, length: tag.length }, c.data.configured.hashtag));
      continue;
    }
    const found = c.hashtags.find((h) => h.patterns.some((p) => p.test(tag)) && !h.neutral.some((p) => p.test(tag)));
    if (!found) continue;
    if (found.rule.role === 'context') scan.contextTags++;
    else (found.rule.requires === ELECTION_CONTEXT ? scan.pending : scan.hits).push(spanHit({ offset, length: tag.length }, found.rule));
  }
  return scan;
}

/** Words of the original text (inside hashtags, handles and web addresses too) shaped like "SmithForMayor". */
function campaignNameHits(doc: PostDocument, c: Compiled): Hit[] {
  const hits: Hit[] = [];
  if (!c.campaignNameAnywhere.test(doc.raw)) return hits;
  for (const m of doc.raw.matchAll(WORD)) {
    if (m[0].length <= c.data.hashtags.maxLength && c.campaignName.test(m[0])) hits.push(spanHit({ offset: m.index ?? 0, length: m[0].length }, c.data.campaignNames));
  }
  return hits;
}

// --- configured candidates, parties, ballot measures ----------------------------------------------------------

interface ConfiguredNames {
  /** Payload: whether the mention is possessive ("Lee's"), which only an attack can take a stance on. */
  byKind: Record<ConfiguredKind, PhraseMatcher<boolean>>;
  hashtag: RegExp | undefined;
}

const configuredCache = new WeakMap<ScreenConfig, ConfiguredNames | null>();

interface NameVariant {
  term: string;
  possessive: boolean;
}

/**
 * A configured name as exact lexicon steps. A candidate also matches by last name and in the possessive
 * ("Lee's record"); a party also without the word "party".
 */
function nameVariants(kind: ConfiguredKind, name: string): NameVariant[] {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const variants = [words];
  const last = words[words.length - 1]!;
  if (kind === 'candidate' && words.length > 1) variants.push([last]);
  if (kind === 'party' && words.length > 1 && last.toLowerCase() === 'party') variants.push(words.slice(0, -1));
  const terms = variants.map((v) => ({ term: v.map((w) => `=${w}`).join(' '), possessive: false }));
  const possessives = kind === 'candidate' ? terms.map((t) => ({ term: `${t.term}'s`, possessive: true })) : [];
  return [...terms, ...possessives];
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function configuredTagPattern(config: ScreenConfig): RegExp | undefined {
  const compact = [...(config.candidates ?? []).map((n) => n.trim().split(/\s+/).pop() ?? ''), ...(config.parties ?? [])]
    .map((n) => n.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))
    .filter((n) => n.length >= 3);
  if (compact.length === 0) return undefined;
  const names = compact.map(escapeRegex).join('|');
  // #VoteSmith, #TeamSmith, #ReElectSmith, #Smith2024, #SmithForMayor: a name with a campaign prefix or suffix.
  return new RegExp(`^#(?:(?:vote|elect|reelect|team|go|yeson|noon|istandwith|standwith)(?:${names})|(?:${names})(?:20[0-9]{2}|for[a-z]+|4[a-z]+))$`, 'iu');
}

/** Matchers for the config's candidates, parties and measures, built once per config object (null when it names none). */
function configuredNames(config: ScreenConfig): ConfiguredNames | null {
  let cached = configuredCache.get(config);
  if (cached !== undefined) return cached;
  const build = (kind: ConfiguredKind, list: string[] | undefined): PhraseMatcher<boolean> => {
    const matcher = new PhraseMatcher<boolean>();
    for (const variant of (list ?? []).flatMap((n) => nameVariants(kind, n))) matcher.add(variant.term, 'en', variant.possessive);
    return matcher;
  };
  const any = [config.candidates, config.parties, config.ballotMeasures].some((list) => (list ?? []).some((n) => n.trim() !== ''));
  cached = any
    ? { byKind: { candidate: build('candidate', config.candidates), party: build('party', config.parties), measure: build('measure', config.ballotMeasures) }, hashtag: configuredTagPattern(config) }
    : null;
  configuredCache.set(config, cached);
  return cached;
}

/**
 * The stance taken on a configured name, name included: a stance phrase ending at most 3 filler words (titles,
 * first names, "the") before the name, or a slogan phrase right after it ("Lee has my vote"), in the same sentence.
 */
function stanceRange(doc: PostDocument, lay: Layout, name: TokenRange, stanceBefore: Map<number, number>, stanceAfter: Map<number, number>, fillers: Set<string>): TokenRange | undefined {
  const afterEnd = stanceAfter.get(name.endToken);
  if (afterEnd !== undefined && lay.sentence[name.endToken] === lay.sentence[name.firstToken]) return { firstToken: name.firstToken, endToken: afterEnd };
  for (let p = name.firstToken; p >= Math.max(0, name.firstToken - 3); p--) {
    if (lay.sentence[p - 1] !== lay.sentence[name.firstToken]) return undefined;
    const start = stanceBefore.get(p);
    if (start !== undefined) return { firstToken: start, endToken: name.endToken };
    if (!fillers.has(doc.tokens.word(p - 1)) && lay.nameLike[p - 1] !== 1) return undefined;
  }
  return undefined;
}

function stancesOn(found: FoundByRole, target: ConfiguredKind): { before: Map<number, number>; after: Map<number, number> } {
  const aimed = (f: Found): boolean => 'target' in f.payload && f.payload.target === target;
  return {
    before: new Map(found.stanceBefore.filter(aimed).map((m) => [m.endToken, m.firstToken])),
    after: new Map(found.stanceAfter.filter(aimed).map((m) => [m.firstToken, m.endToken])),
  };
}

function configuredHits(doc: PostDocument, getLayout: () => Layout, found: FoundByRole, c: Compiled, names: ConfiguredNames): Hit[] {
  const hits: Hit[] = [];
  const lay = getLayout();
  // An attack word ("extremist", "corrupt", "wrong for") in a candidate's sentence is a stance too.
  const attacks = new Set(found.attack.map((a) => lay.sentence[a.firstToken]!));
  for (const kind of ['candidate', 'party', 'measure'] as const) {
    const mentions = names.byKind[kind].match(doc.tokens);
    if (mentions.length === 0) continue;
    const stance = stancesOn(found, kind);
    for (const m of mentions) {
      const range = m.payload ? undefined : stanceRange(doc, lay, m, stance.before, stance.after, c.words.fillers);
      if (range) hits.push(hit(doc, c.data.configured[kind], range.firstToken, range.endToken));
      else if (kind === 'candidate' && attacks.has(lay.sentence[m.firstToken]!)) hits.push(hit(doc, c.data.configured.candidateAttack, m.firstToken, m.endToken));
    }
  }
  return hits;
}

// --- putting it together ------------------------------------------------------------------------------------------

/** Overlapping hits of one rule merge into one finding up to this many characters. */
const MAX_MERGED = 120;

/**
 * One finding per phrase: overlapping hits of the same rule merge ("Vote NO on" + "NO on Prop 12"), and a hit
 * lying inside another at least as severe is dropped. Hits are taken in order of offset, so it is one pass.
 */
function tidy(hits: Hit[]): Hit[] {
  const sorted = [...hits].sort((a, b) => a.offset - b.offset || b.length - a.length || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const kept: Hit[] = [];
  const lastOfRule = new Map<string, Hit>();
  // furthestEnd[r]: the furthest end of a kept hit of severity rank r or more.
  const furthestEnd = [-1, -1, -1];
  for (const h of sorted) {
    const end = h.offset + h.length;
    const rank = SEVERITY_RANK[h.severity];
    const same = lastOfRule.get(h.ruleId);
    if (same && h.offset < same.offset + same.length && end - same.offset <= MAX_MERGED) same.length = Math.max(same.offset + same.length, end) - same.offset;
    else if (furthestEnd[rank]! >= end) continue;
    else {
      const copy: Hit = { offset: h.offset, length: h.length, ruleId: h.ruleId, clause: h.clause, severity: h.severity, message: h.message, suggestion: h.suggestion };
      kept.push(copy);
      lastOfRule.set(h.ruleId, copy);
    }
    for (let r = 0; r <= rank; r++) furthestEnd[r] = Math.max(furthestEnd[r]!, end);
  }
  return kept;
}

export const political: Screener = {
  meta: {
    id: 'political',
    clauses: [CLAUSE],
    description: 'Campaigning: vote for/against a person, party or ballot measure, "re-elect", campaign fundraising and volunteering, candidate talk ("my opponent"), "Paid for by" lines, campaign hashtags; stances on configured candidates, parties and measures.',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    const c = rules();
    const lay = lazyLayout(doc);
    const names = configuredNames(config);
    const tags = scanHashtags(doc, c, names?.hashtag);
    const found = findPhrases(doc, c);
    const lexiconFound = lexiconRuleHits(doc, found, tags.contextTags + tags.pending.length);
    // A campaign hashtag that needs context may find it in another such tag, but not in itself.
    const tagsInContext = tags.contextTags > 0 || found.context.length > 0 || lexiconFound.cues > 0 || tags.pending.length > 1;
    return tidy([
      ...lexiconFound.hits,
      ...campaignNameHits(doc, c),
      ...moneyAskHits(doc, found, c),
      ...nameCallHits(doc, lay, found, c),
      ...sloganHits(doc, lay, found, c),
      ...paidForHits(doc, lay, found, c),
      ...tags.hits,
      ...(tagsInContext ? tags.pending : []),
      ...(names ? configuredHits(doc, lay, found, c, names) : []),
    ]);
  },
};
