import type { Hit, PostDocument, ScreenConfig, Screener, Severity, Span } from '../types';
import { foldTerm, originalSpan } from '../text/fold';
import { lexicon, loadLexiconData, matchLexicon, type Lexicon } from '../text/lexicon';
import { outermostHits } from './shared';
import { findUrls, hostIsUnder, normalizeDomain } from './urls';

/**
 * 6.1.6: promo codes, sales calls to action, paid promotion, endorsements of a private business,
 * affiliate links and personal fundraising. Rules marked civicExempt stay quiet when the post is about a
 * City program (pool passes, water bills, festival tickets): that is civic messaging, not private commerce.
 * Data: lexicons/commercial.json.
 */

interface RuleText {
  id: string;
  severity: Severity;
  note: string;
  suggestion: string;
  civicExempt?: boolean;
}

interface PatternRule extends RuleText {
  pattern: string;
  keywords: string[];
  caseSensitive?: boolean;
}

interface CommercialData extends Lexicon {
  civicContext: string[];
  patterns: PatternRule[];
  hashtags: RuleText & { tags: string[] };
  affiliate: AffiliateRule;
}

interface AffiliateRule extends RuleText {
  domains: string[];
  queryParams: string[];
}

/** A hit before the civic-context check, with the rule's exemption flag. */
interface Candidate {
  hit: Hit;
  civicExempt: boolean;
}

interface Compiled {
  data: CommercialData;
  civic: RegExp;
  patterns: Array<{ rule: PatternRule; regex: RegExp }>;
  hashtags: Set<string>;
  bareTlds: string[];
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (!compiled) {
    const data = loadLexiconData<CommercialData>('commercial');
    compiled = {
      data,
      civic: phraseRegex(data.civicContext),
      patterns: data.patterns.map((rule) => ({ rule, regex: new RegExp(rule.pattern, rule.caseSensitive ? 'gu' : 'giu') })),
      hashtags: new Set(data.hashtags.tags.map((tag) => foldTerm(tag))),
      // The links lexicon says which bare domains count as links, so both screeners see the same links.
      bareTlds: loadLexiconData<{ links: { bareDomainTlds: string[] } }>('links').links.bareDomainTlds,
    };
  }
  return compiled;
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whole-word phrases as one alternation over the folded text: a single pass, cheaper than a token trie
 * for a yes/no context check. Phrases are folded like post text, so "City Hall" matches "ϲity  hall".
 */
function phraseRegex(phrases: string[]): RegExp {
  const folded = phrases.map((p) => escapeRegex(foldTerm(p).trim()).replace(/\s+/g, '\\s+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${folded.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

function hitOf(span: Span, rule: RuleText, message = rule.note): Candidate {
  // Fields are copied one by one: object spread is several times slower, and 1 MB posts can have 100k hits.
  return {
    hit: { offset: span.offset, length: span.length, ruleId: rule.id, clause: '6.1.6', severity: rule.severity, message, suggestion: rule.suggestion },
    civicExempt: rule.civicExempt === true,
  };
}

function termHits(doc: PostDocument): Candidate[] {
  return matchLexicon(doc, lexicon('commercial')).map((m) => hitOf(m.span, m.entry as RuleText));
}

function patternHits(doc: PostDocument, c: Compiled): Candidate[] {
  const lower = doc.raw.toLowerCase();
  const hits: Candidate[] = [];
  for (const { rule, regex } of c.patterns) {
    if (!rule.keywords.some((k) => lower.includes(k))) continue;
    for (const m of doc.raw.matchAll(regex)) hits.push(hitOf({ offset: m.index ?? 0, length: m[0].length }, rule));
  }
  return hits;
}

// A hashtag in the folded text, so "#Sp0ns0red" reads as "#sponsored".
const HASHTAG = /#([\p{L}\p{N}_]+)/gu;

function hashtagHits(doc: PostDocument, c: Compiled): Candidate[] {
  const hits: Candidate[] = [];
  for (const m of doc.folded.text.matchAll(HASHTAG)) {
    if (!c.hashtags.has(m[1]!)) continue;
    const from = m.index ?? 0;
    hits.push(hitOf(originalSpan(doc.folded, from, from + m[0].length), c.data.hashtags));
  }
  return hits;
}

/** An affiliate shortener (amzn.to), an Amazon-style "/ref=" path, or a tracking parameter such as ?tag=. */
function isAffiliate(url: string, host: string, rule: AffiliateRule): boolean {
  if (hostIsUnder(host, rule.domains) || /\/ref=/i.test(url)) return true;
  const query = url.indexOf('?');
  if (query === -1) return false;
  const names = url.slice(query + 1).split(/[&#]/).map((pair) => (pair.split('=', 1)[0] ?? '').toLowerCase());
  return names.some((name) => rule.queryParams.includes(name));
}

/** Affiliate links, except to domains the config approves (the City's own site may carry ?ref= tracking). */
function affiliateHits(doc: PostDocument, config: ScreenConfig, c: Compiled): Candidate[] {
  const approved = (config.approvedDomains ?? []).map(normalizeDomain);
  const rule = c.data.affiliate;
  return findUrls(doc.raw, c.bareTlds)
    .filter((u) => !hostIsUnder(u.host, approved) && isAffiliate(u.url, u.host, rule))
    .map((u) => hitOf(u, rule, rule.note.replace('{url}', u.url)));
}

/** Original spans of the post's civic-context phrases ("City Hall", "pool passes", "festival"). */
function civicSpans(doc: PostDocument, c: Compiled): Span[] {
  const spans: Span[] = [];
  for (const m of doc.folded.text.matchAll(c.civic)) {
    const from = m.index ?? 0;
    spans.push(originalSpan(doc.folded, from, from + m[0].length));
  }
  return spans;
}

function overlaps(a: Span, b: Span): boolean {
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Exempt hits are dropped when the post has civic context outside the hit itself, so "the best pizza in
 * the city" is not excused by its own "the city". Civic matches are disjoint and in order, so `some` stops
 * after at most the few that lie inside the hit: linear overall.
 */
function dropCivic(candidates: Candidate[], doc: PostDocument, c: Compiled): Hit[] {
  if (!candidates.some((k) => k.civicExempt)) return candidates.map((k) => k.hit);
  const civic = civicSpans(doc, c);
  return candidates.filter((k) => !k.civicExempt || !civic.some((s) => !overlaps(s, k.hit))).map((k) => k.hit);
}

export const commercial: Screener = {
  meta: {
    id: 'commercial',
    clauses: ['6.1.6'],
    description: 'Promo codes, sales calls to action, paid promotion (#ad, sponsored by), endorsements of a private business, affiliate links and personal fundraising (GoFundMe, Venmo, "support my small business").',
    defaultSeverity: 'warning',
    languageDependent: true,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    const c = compile();
    const candidates = [...termHits(doc), ...patternHits(doc, c), ...hashtagHits(doc, c), ...affiliateHits(doc, config, c)];
    return candidates.length === 0 ? [] : outermostHits(dropCivic(candidates, doc, c));
  },
};
