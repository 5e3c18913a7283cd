import type { Hit, PostDocument, ScreenConfig, Screener, Severity } from '../types';
import { foldTerm } from '../text/fold';
import { lexicon, loadLexiconData, matchLexicon, PhraseMatcher, type Lexicon, type LexiconMatch } from '../text/lexicon';
import { outermostHits, tokenSentences, tokenSpan } from './shared';
import { findUrls, hostIsUnder, normalizeDomain, type FoundUrl } from './urls';

/**
 * 6.1.11: what needs the Department Manager's approval before posting — links to sites that are neither
 * government (.gov, .mil) nor on the config's approvedDomains (shortened links always say they hide their
 * target), and statements disparaging the City, its officials or a named person. Data: lexicons/links.json.
 */

interface RuleText {
  id: string;
  severity: Severity;
  note: string;
  suggestion: string;
}

interface LinksData extends Lexicon {
  links: {
    bareDomainTlds: string[];
    shorteners: string[];
    governmentSuffixes: string[];
    unapproved: RuleText;
    shortened: RuleText;
    noApprovedListNote: string;
  };
  disparagement: {
    person: RuleText;
    city: RuleText;
    targets: string[];
    titles: string[];
    notNames: string[];
    placeWords: string[];
    copulas: string[];
    fillers: string[];
    labelFollowers: string[];
  };
}

/**
 * Where the subject of a judgement is: before a copula ("the Mayor is incompetent": complement; "label" is a
 * complement noun that must end its clause), right after it ("corrupt council": modifier), right before it
 * ("the council lied": verb) or after it past fillers ("shame on the council": before).
 */
type Position = 'complement' | 'label' | 'modifier' | 'complement-or-modifier' | 'verb' | 'before';

const data = (): LinksData => loadLexiconData<LinksData>('links');

// ---------------------------------------------------------------- links

const normalizedDomains = new WeakMap<string[], string[]>();

function approvedDomains(config: ScreenConfig): string[] {
  const listed = config.approvedDomains;
  if (!listed?.length) return [];
  let domains = normalizedDomains.get(listed);
  if (!domains) {
    domains = listed.map(normalizeDomain).filter((d) => d.length > 0);
    normalizedDomains.set(listed, domains);
  }
  return domains;
}

function linkHit(url: FoundUrl, hasApprovedList: boolean): Omit<Hit, 'offset' | 'length'> {
  const { links } = data();
  const rule = hostIsUnder(url.host, links.shorteners) ? links.shortened : links.unapproved;
  const note = rule.note.replace('{url}', url.url).replace('{host}', url.host);
  return {
    ruleId: rule.id,
    clause: '6.1.11',
    severity: rule.severity,
    message: hasApprovedList ? note : `${note} ${links.noApprovedListNote}`,
    // The domain to approve: the host without "www.", since an approved domain covers its subdomains.
    suggestion: rule.suggestion.replaceAll('{domain}', url.host.replace(/^www\./, '')),
  };
}

function linkHits(doc: PostDocument, config: ScreenConfig): Hit[] {
  const approved = approvedDomains(config);
  // The same link repeated gets the same finding text, built once.
  const byLink = new Map<string, Omit<Hit, 'offset' | 'length'>>();
  const hits: Hit[] = [];
  const { bareDomainTlds, governmentSuffixes } = data().links;
  for (const url of findUrls(doc.raw, bareDomainTlds)) {
    if (hostIsUnder(url.host, governmentSuffixes) || hostIsUnder(url.host, approved)) continue;
    let text = byLink.get(url.url);
    if (!text) byLink.set(url.url, (text = linkHit(url, approved.length > 0)));
    hits.push({ offset: url.offset, length: url.length, ruleId: text.ruleId, clause: text.clause, severity: text.severity, message: text.message, suggestion: text.suggestion });
  }
  return hits;
}

// ---------------------------------------------------------------- disparagement

interface Grammar {
  targets: PhraseMatcher<true>;
  /** Most words in a target phrase ("deputy city manager"): how far to look around a judgement. */
  targetWords: number;
  /** Copulas by their words joined with a space ("is", "looks like"). */
  copulas: Set<string>;
  fillers: Set<string>;
  titles: Set<string>;
  notNames: Set<string>;
  placeWords: Set<string>;
  labelFollowers: Set<string>;
}

let grammar: Grammar | undefined;

/** Word lists are compared with folded tokens, so they are folded too ("está" → "esta"). */
const foldedSet = (words: string[]): Set<string> => new Set(words.map((w) => foldTerm(w).trim()));

function loadGrammar(): Grammar {
  if (!grammar) {
    const d = data().disparagement;
    // Targets match by stem ("councils", "mayors").
    const targets = new PhraseMatcher<true>();
    for (const target of d.targets) targets.add(target, 'en', true);
    grammar = {
      targets,
      targetWords: Math.max(...d.targets.map((t) => t.split(/\s+/).length)),
      copulas: foldedSet(d.copulas),
      fillers: foldedSet(d.fillers),
      titles: foldedSet(d.titles),
      notNames: foldedSet(d.notNames),
      placeWords: foldedSet(d.placeWords),
      labelFollowers: foldedSet(d.labelFollowers),
    };
  }
  return grammar;
}

/** Who a judgement is about: tokens [first, end), the City (an institution or official) or a named person. */
interface Subject {
  first: number;
  end: number;
  kind: 'city' | 'person';
}

const MAX_FILLERS = 4;
const MAX_NAME_WORDS = 4;
const UPPERCASE = /\p{Lu}/u;
// Punctuation that ends a clause; a hyphen or slash does not ("a joke-free zone").
const CLAUSE_PUNCTUATION = /[.,;:!?…)"”—–(]/;

/** Finds who a judgement is about, within its sentence; knows each token's sentence and capitalization. */
class SubjectFinder {
  private readonly sentenceOf: Int32Array;
  /** 1 where the token starts with a capital letter in the original text. */
  private readonly capitalized: Uint8Array;

  constructor(private readonly doc: PostDocument, private readonly g: Grammar) {
    const { tokens, folded, raw } = doc;
    this.sentenceOf = tokenSentences(doc);
    this.capitalized = new Uint8Array(tokens.length);
    for (let i = 0; i < tokens.length; i++) if (UPPERCASE.test(raw[folded.start[tokens.from(i)]!] ?? '')) this.capitalized[i] = 1;
  }

  /**
   * Target phrases are looked for only next to a judgement, so the cost follows the number of judgements,
   * not the length of the post. Returns the longest target in the window that touches `at`.
   */
  private targetAt(at: number, side: 'ending' | 'starting'): Subject | undefined {
    const from = side === 'ending' ? Math.max(0, at - this.g.targetWords) : at;
    const to = side === 'ending' ? at : Math.min(this.doc.tokens.length, at + this.g.targetWords);
    let best: Subject | undefined;
    for (const m of this.g.targets.match(this.doc.tokens, from, to)) {
      const first = m.firstToken;
      const end = m.endToken;
      if ((side === 'ending' ? end !== at : first !== at) || (best && best.end - best.first >= end - first)) continue;
      best = { first, end, kind: 'city' };
    }
    return best;
  }

  /** The first token of a copula ("is", "looks like") ending just before `end`. */
  private copulaEndingAt(end: number): number | undefined {
    if (end >= 1 && this.g.copulas.has(this.word(end - 1))) return end - 1;
    if (end >= 2 && this.g.copulas.has(`${this.word(end - 2)} ${this.word(end - 1)}`)) return end - 2;
    return undefined;
  }

  private word(i: number): string {
    return this.doc.tokens.word(i);
  }

  private together(a: number, b: number): boolean {
    return a >= 0 && b < this.doc.tokens.length && this.sentenceOf[a] === this.sentenceOf[b];
  }

  /** Moves `end` back over filler words ("a", "total", "really") within the sentence. */
  private skipFillersBack(end: number): number {
    let k = end;
    while (k > 0 && end - k < MAX_FILLERS && this.together(k - 1, end - 1) && this.g.fillers.has(this.word(k - 1))) k--;
    return k;
  }

  private skipFillersForward(start: number): number {
    let k = start;
    while (k < this.doc.tokens.length && k - start < MAX_FILLERS && this.together(start, k) && this.g.fillers.has(this.word(k))) k++;
    return k;
  }

  private isNameWord(i: number): boolean {
    return this.capitalized[i] === 1 && !this.g.notNames.has(this.word(i));
  }

  /** A capitalized name ending just before `end`: "Jane Smith", "Councilmember Ruiz", "… said Ruiz". */
  private nameEndingAt(end: number): Subject | undefined {
    let first = end;
    while (first > 0 && end - first < MAX_NAME_WORDS && this.together(first - 1, end - 1) && this.isNameWord(first - 1)) first--;
    if (first === end || this.g.placeWords.has(this.word(end - 1))) return undefined;
    const before = first - 1;
    const startsSentence = !this.together(before, first);
    if (!startsSentence && this.g.titles.has(this.word(before))) return { first: before, end, kind: 'person' };
    if (!startsSentence && this.g.notNames.has(this.word(before))) return undefined; // "the Parking Lot"
    const lone = end - first === 1;
    // A lone capitalized word opening a sentence is just a capitalized word, unless it is a title.
    if (lone && startsSentence && !this.g.titles.has(this.word(first))) return undefined;
    return { first, end, kind: 'person' };
  }

  private nameStartingAt(start: number): Subject | undefined {
    let end = start;
    while (end < this.doc.tokens.length && end - start < MAX_NAME_WORDS && this.together(start, end) && this.isNameWord(end)) end++;
    const named = end - start >= 2 || (end - start === 1 && this.g.titles.has(this.word(start)));
    if (!named || this.g.placeWords.has(this.word(end - 1))) return undefined;
    return { first: start, end, kind: 'person' };
  }

  subjectEndingAt(end: number, sentenceToken: number): Subject | undefined {
    if (end <= 0 || !this.together(end - 1, sentenceToken)) return undefined;
    return this.targetAt(end, 'ending') ?? this.nameEndingAt(end);
  }

  subjectStartingAt(start: number, sentenceToken: number): Subject | undefined {
    if (start >= this.doc.tokens.length || !this.together(sentenceToken, start)) return undefined;
    return this.targetAt(start, 'starting') ?? this.nameStartingAt(start);
  }

  /** "<subject> is (a total) <judgement>": the subject before the copula before the judgement at token p. */
  subjectOfComplement(p: number): Subject | undefined {
    const afterCopula = this.skipFillersBack(p);
    const copula = this.copulaEndingAt(afterCopula);
    if (copula === undefined || !this.together(copula, p)) return undefined;
    return this.subjectEndingAt(this.skipFillersBack(copula), p);
  }

  /** A label ends its clause: nothing, punctuation or a clause word follows ("a joke." yes, "a joke writer" no). */
  endsClause(end: number): boolean {
    const { tokens, folded } = this.doc;
    if (end >= tokens.length || !this.together(end - 1, end)) return true;
    if (CLAUSE_PUNCTUATION.test(folded.text.slice(tokens.to(end - 1), tokens.from(end)))) return true;
    return this.g.labelFollowers.has(this.word(end));
  }

  subjectOfVerb(p: number): Subject | undefined {
    return this.subjectEndingAt(this.skipFillersBack(p), p);
  }

  subjectAfter(end: number, skipFillers: boolean): Subject | undefined {
    return this.subjectStartingAt(skipFillers ? this.skipFillersForward(end) : end, end - 1);
  }
}

/** The subject a judgement is about, and the token range from one to the other. */
function judged(view: SubjectFinder, m: LexiconMatch): { subject: Subject; first: number; end: number } | undefined {
  const position = m.entry.position as Position;
  const before = (s: Subject | undefined) => (s ? { subject: s, first: s.first, end: m.endToken } : undefined);
  const after = (s: Subject | undefined) => (s ? { subject: s, first: m.firstToken, end: s.end } : undefined);
  switch (position) {
    case 'complement':
      return before(view.subjectOfComplement(m.firstToken));
    case 'label':
      return view.endsClause(m.endToken) ? before(view.subjectOfComplement(m.firstToken)) : undefined;
    case 'modifier':
      return after(view.subjectAfter(m.endToken, false));
    case 'complement-or-modifier':
      return before(view.subjectOfComplement(m.firstToken)) ?? after(view.subjectAfter(m.endToken, false));
    case 'verb':
      return before(view.subjectOfVerb(m.firstToken));
    case 'before':
      return after(view.subjectAfter(m.endToken, true));
    default:
      throw new Error(`lexicons/links.json: entry ${m.entry.id} has unknown position "${String(position)}"`);
  }
}

function disparagementHits(doc: PostDocument): Hit[] {
  const matches = matchLexicon(doc, lexicon('links'));
  if (matches.length === 0) return [];
  const rules = data().disparagement;
  const view = new SubjectFinder(doc, loadGrammar());
  const hits: Hit[] = [];
  for (const m of matches) {
    const found = judged(view, m);
    if (!found) continue;
    const rule = found.subject.kind === 'city' ? rules.city : rules.person;
    const span = tokenSpan(doc, found.first, found.end);
    const message = `${m.entry.note} ${rule.note}`;
    hits.push({ offset: span.offset, length: span.length, ruleId: rule.id, clause: '6.1.11', severity: rule.severity, message, suggestion: rule.suggestion });
  }
  return outermostHits(hits);
}

export const links: Screener = {
  meta: {
    id: 'links',
    clauses: ['6.1.11'],
    description: 'Links to sites that are neither government (.gov, .mil) nor on the approved list (config approvedDomains), shortened links, and statements disparaging the City or a named person: these need the Department Manager\'s approval.',
    defaultSeverity: 'warning',
    // Links are found in any language; only the disparagement check is English/Spanish.
    languageDependent: false,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    return [...linkHits(doc, config), ...disparagementHits(doc)];
  },
};
