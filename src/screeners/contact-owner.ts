import type { PostDocument, Span } from '../types';
import { PhraseMatcher } from '../text/lexicon';
import { escapeRegex } from './patterns';

/**
 * Who a contact detail (phone, e-mail, street address) belongs to, for the personal-data screener
 * (6.1.8): a private individual ("his cell", "lives at", "the homeowner, Ms. R.") or an office, agency,
 * business or public place ("call the Utilities counter at …"). The words are data, in the `owner`
 * section of lexicons/personal-data.json, whose note says how they are read: the cue nearest before the
 * contact in its sentence decides, a label right after it decides first, and a person's name counts
 * only when it is bound to the contact.
 */

export interface OwnerData {
  windowBefore: number;
  windowAfter: number;
  privateCues: string[];
  possessiveNouns: string[];
  weakPrivateCues: string[];
  publicCues: string[];
  officialTitles: string[];
  personalTitles: string[];
  nameLinks: string[];
  contactVerbs: string[];
  placePrepositions: string[];
  privateLabelsAfter: string[];
  publicLabelsAfter: string[];
  freeMailDomains: string[];
  institutionalDomains: string[];
  dwellingUnits: string[];
}

/** What the screener's lexicon lends: how to spell a name (its NAME, UPPER and LOWER macros) and words that are not names. */
export interface NameRules {
  /** Expands the lexicon's `{MACRO}` references. */
  macro(pattern: string): string;
  /** Capitalised words that belong to names of offices, places and documents, not people. */
  stopwords: Set<string>;
}

export type Owner = 'private' | 'public';

type CueKind = Owner | 'weak' | 'label-private' | 'label-public';

/** A cue in the post, in original offsets; `bound` for a name after a contact verb or a courtesy title. */
interface Cue {
  from: number;
  to: number;
  owner: Owner | 'person' | 'weak';
  bound?: boolean;
}

/** A post's cues sorted by where they end, labels by where they start, and where its sentences start. */
export interface OwnerIndex {
  cues: Cue[];
  ends: number[];
  labels: Map<number, { owner: Owner; length: number }>;
  tokenStarts: Uint32Array;
  sentenceStarts: number[];
}

/** "call" → "call|Call|CALL": names are found by their capitals, so the words around them list their cases. */
const casings = (words: string[]): string[] => words.flatMap((w) => [w, w[0]!.toUpperCase() + w.slice(1), w.toUpperCase()]);
const wordList = (words: string[]): string => words.map((w) => escapeRegex(w).replace(/ /g, '\\s+')).join('|');
const exactWords = (phrase: string): string => phrase.split(/\s+/).map((w) => `=${w}`).join(' ');

// A period ends a sentence after a number or a word of three or more letters, not after "Ms.", "St." or "p.m.".
const ABBREVIATIONS = new Set(['mrs', 'ave', 'blvd', 'hwy', 'sgt', 'det', 'capt', 'dept', 'inc', 'ltd', 'corp', 'etc', 'apt', 'ste', 'pkwy', 'srta', 'approx']);
// A sentence ends at a run of . ! ? … after a letter or digit, then closing quotes or brackets, then space.
// Scanned by hand from each run of marks, not with /(\p{L}+)[.!?…]+…\s+/: that retries a long run of
// letters from each of them when no mark follows (quadratic).
const SENTENCE_MARKS = new Set(['.', '!', '?', '…']);
const CLOSING = new Set(['"', "'", '”', '’', ')']);
const SPACE = /\s/;
// The word before the marks, read from a short window: longer words are never abbreviations.
const WORD_BEFORE = /(\p{L}+)$|\p{N}$/u;
const WORD_WINDOW = 16;
// A blank line ends a paragraph; a single line break does not ("Name: Jane Smith\nPhone: …" is one record).
const PARAGRAPH_END = /\n[^\S\n]*\n\s*/g;
// What may stand between a contact and its label: "555-0101 (home)", "555-0100 – front desk"; not a line break.
const LABEL_GAP = /^[ \t,;:()[\]–—-]{0,4}$/;
// Between a qualifying cue and the name it qualifies: "Coordinator Jane Smith", "our hauler, Verde Valley Disposal".
const APPOSITION = /^[\s,.]*(?:(?:the|our|a|el|la|nuestro|nuestra)\s+)?$/iu;

/** The last index whose value is at most `at` (values ascending), or -1. */
function lastAtMost(values: ArrayLike<number>, at: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Where the sentence after each run of marks starts, or -1 when the run ends no sentence. */
function sentenceStartAfter(text: string, marksFrom: number, marksTo: number): number {
  const before = WORD_BEFORE.exec(text.slice(Math.max(0, marksFrom - WORD_WINDOW), marksFrom));
  if (!before) return -1;
  let end = marksTo;
  while (end < text.length && CLOSING.has(text[end]!)) end++;
  if (end >= text.length || !SPACE.test(text[end]!)) return -1;
  while (end < text.length && SPACE.test(text[end]!)) end++;
  const word = before[1];
  const abbreviation = marksTo - marksFrom === 1 && text[marksFrom] === '.' && word !== undefined && (word.length < 3 || ABBREVIATIONS.has(word.toLowerCase()));
  return abbreviation ? -1 : end;
}

function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(PARAGRAPH_END)) starts.push(m.index + m[0].length);
  for (let i = 0; i < text.length; i++) {
    if (!SENTENCE_MARKS.has(text[i]!)) continue;
    let to = i + 1;
    while (to < text.length && SENTENCE_MARKS.has(text[to]!)) to++;
    const start = sentenceStartAfter(text, i, to);
    if (start !== -1) starts.push(start);
    i = to - 1;
  }
  return starts.sort((x, y) => x - y);
}

export class ContactOwners {
  readonly data: OwnerData;
  private readonly phrases = new PhraseMatcher<CueKind>();
  private readonly possessive: RegExp;
  private readonly name: RegExp;
  private readonly titledName: RegExp;
  private readonly calledName: RegExp;
  private readonly calledBefore: RegExp;
  private readonly nameLink: RegExp;
  private readonly placeBefore: RegExp;
  private readonly dwelling: RegExp;
  /** Words of a mailbox name that make it an office's ("public.works@", "parks.rec@"), not a person's. */
  private readonly officeWords: Set<string>;

  constructor(data: OwnerData, private readonly names: NameRules, roleMailboxes: string[]) {
    this.data = data;
    const add = (list: string[], kind: CueKind): void => list.forEach((p) => this.phrases.add(exactWords(p), 'en', kind));
    add(data.privateCues, 'private');
    add([...data.publicCues, ...data.officialTitles], 'public');
    add(data.weakPrivateCues, 'weak');
    add(data.privateLabelsAfter, 'label-private');
    add(data.publicLabelsAfter, 'label-public');
    const upper = `[${names.macro('{UPPER}')}]`;
    const lower = `[${names.macro('{LOWER}')}]`;
    const verbs = wordList(casings(data.contactVerbs));
    this.possessive = new RegExp(`['’]s\\s+(?:${wordList(data.possessiveNouns)})(?![\\p{L}\\p{N}])`, 'giu');
    this.name = new RegExp(`(?<!\\p{L})(?:${names.macro('{NAME}')})(?!\\p{L})`, 'gu');
    this.titledName = new RegExp(`(?<!\\p{L})(?:${casings(data.personalTitles).join('|')})\\.?\\s+${upper}(?:${lower}[\\p{L}'’-]*|\\.)`, 'gu');
    this.calledName = new RegExp(`(?<!\\p{L})(?:${verbs})\\s+(${upper}${lower}[\\p{L}'’-]*)(?=\\s*(?:at|on|al|:|,|\\())`, 'gu');
    this.calledBefore = new RegExp(`(?<!\\p{L})(?:${verbs})\\s+$`, 'u');
    // Punctuation, an age ("John Doe, 42, of …") and one linking phrase ("can be reached at").
    this.nameLink = new RegExp(`^[\\s,:;()–—-]*(?:\\d{1,3}[\\s,]*)?(?:(?:${wordList(data.nameLinks)})(?![\\p{L}\\p{N}])[\\s:]*)?$`, 'iu');
    this.placeBefore = new RegExp(`(?<!\\p{L})(?:${wordList(data.placePrepositions)})\\s+(?:the\\s+)?$`, 'iu');
    this.dwelling = new RegExp(`(?<!\\p{L})(?:${wordList(data.dwellingUnits)})(?![\\p{L}\\p{N}])`, 'iu');
    this.officeWords = new Set([...data.publicCues, ...data.officialTitles, ...roleMailboxes, ...names.stopwords]);
  }

  /** True when an address names a dwelling ("Apt 5B"): a home, whoever else the sentence names. */
  isDwelling(address: string): boolean {
    return this.dwelling.test(address);
  }

  /** "JaneSmith", "jane.smith", "jane_smith": a mailbox named after a person, not an office. */
  isNameMailbox(local: string): boolean {
    const camel = /^\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}*){1,3}$/u.test(local);
    const parts = camel ? local.split(/(?=\p{Lu})/u) : /^\p{L}{2,}(?:[._-]\p{L}{2,}){1,2}$/u.test(local) ? local.split(/[._-]/) : [];
    return parts.length >= 2 && !parts.some((p) => this.officeWords.has(p.toLowerCase()));
  }

  /** Every cue of a post, once; `text` is the post with plain shapes (same offsets as doc.raw). */
  index(doc: PostDocument, text: string): OwnerIndex {
    const { tokens, folded } = doc;
    const cues: Cue[] = [];
    const labels = new Map<number, { owner: Owner; length: number }>();
    const label = (from: number, to: number, owner: Owner): void => {
      const known = labels.get(from);
      if (!known || known.length < to - from) labels.set(from, { owner, length: to - from });
    };
    for (const m of this.phrases.match(tokens)) {
      const from = folded.start[tokens.from(m.firstToken)]!;
      const to = folded.end(tokens.to(m.endToken - 1) - 1);
      const kind = m.payload;
      if (kind === 'private' || kind === 'public' || kind === 'weak') cues.push({ from, to, owner: kind });
      if (kind !== 'weak') label(from, to, kind === 'label-private' || kind === 'private' ? 'private' : 'public');
    }
    for (const m of text.matchAll(this.possessive)) cues.push({ from: m.index, to: m.index + m[0].length, owner: 'private' });
    cues.push(...this.nameCues(text));
    const tokenStarts = new Uint32Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) tokenStarts[i] = folded.start[tokens.from(i)]!;
    return { ...this.sorted(cues), labels, tokenStarts, sentenceStarts: sentenceStarts(text) };
  }

  /** Names that may own a contact: capitalised names, courtesy-titled names, a single name after a contact verb. */
  private nameCues(text: string): Cue[] {
    const cues: Cue[] = [];
    const isName = (words: string, at: number): boolean =>
      !words.toLowerCase().split(/[\s.]+/).some((w) => this.names.stopwords.has(w)) && !this.placeBefore.test(text.slice(Math.max(0, at - 12), at));
    for (const m of text.matchAll(this.name)) {
      if (isName(m[0], m.index)) cues.push({ from: m.index, to: m.index + m[0].length, owner: 'person', bound: this.calledBefore.test(text.slice(Math.max(0, m.index - 16), m.index)) });
    }
    for (const m of text.matchAll(this.titledName)) cues.push({ from: m.index, to: m.index + m[0].length, owner: 'person', bound: true });
    for (const m of text.matchAll(this.calledName)) {
      const to = m.index + m[0].length;
      if (isName(m[1]!, to - m[1]!.length)) cues.push({ from: to - m[1]!.length, to, owner: 'person', bound: true });
    }
    return cues;
  }

  /** Drops private cues and names inside a public cue ("customer service", "Cottonwood Utilities"); sorts by end. */
  private sorted(cues: Cue[]): { cues: Cue[]; ends: number[] } {
    const publics = cues.filter((q) => q.owner === 'public').sort((x, y) => x.from - y.from);
    const publicStarts = publics.map((q) => q.from);
    // Public cues are short phrases: only those starting shortly before can cover a cue.
    const insidePublic = (q: Cue): boolean => {
      for (let k = lastAtMost(publicStarts, q.to - 1); k >= 0 && q.from - publics[k]!.from < 64; k--) if (publics[k]!.to > q.from) return true;
      return false;
    };
    const kept = cues.filter((q) => q.owner === 'public' || !insidePublic(q)).sort((x, y) => x.to - y.to || y.from - x.from);
    return { cues: kept, ends: kept.map((q) => q.to) };
  }

  /** Who owns the contact at `span` of `text`: a label right after it, else the nearest cue before it in its sentence. */
  ownerOf(index: OwnerIndex, text: string, span: Span): Owner | undefined {
    const end = span.offset + span.length;
    const next = index.tokenStarts[lastAtMost(index.tokenStarts, end - 1) + 1];
    const label = next !== undefined && next - end <= this.data.windowAfter && LABEL_GAP.test(text.slice(end, next)) ? index.labels.get(next) : undefined;
    if (label) return label.owner;
    const start = Math.max(index.sentenceStarts[lastAtMost(index.sentenceStarts, span.offset)] ?? 0, span.offset - this.data.windowBefore);
    // The cues of the sentence before the contact, nearest last.
    const before: Cue[] = [];
    for (let k = lastAtMost(index.ends, span.offset); k >= 0 && index.cues[k]!.to > start; k--) {
      if (index.cues[k]!.from >= start) before.unshift(index.cues[k]!);
    }
    for (let k = before.length - 1; k >= 0; k--) {
      const cue = before[k]!;
      if (cue.owner === 'weak') continue;
      const decided = cue.owner === 'person' ? this.nameOwner(cue, before, text, span.offset) : cue.owner;
      if (decided) return decided;
    }
    // Nothing decided, and no public cue anywhere in the sentence: "Mobile: …" is a person's own phone.
    return before.some((q) => q.owner === 'weak') && !before.some((q) => q.owner === 'public') ? 'private' : undefined;
  }

  /**
   * Whom a name makes the owner of the contact after it: nobody unless the name is bound to the contact
   * (after a contact verb or courtesy title, or right before the contact); then the cue right before the
   * name when there is one ("Recreation Coordinator Jane Smith": public), else a private person.
   */
  private nameOwner(name: Cue, before: Cue[], text: string, contactAt: number): Owner | undefined {
    if (!name.bound && !this.nameLink.test(text.slice(name.to, contactAt))) return undefined;
    const qualifier = before.filter((q): q is Cue & { owner: Owner } => (q.owner === 'private' || q.owner === 'public') && q.to <= name.from && APPOSITION.test(text.slice(q.to, name.from))).pop();
    return qualifier?.owner ?? 'private';
  }
}
