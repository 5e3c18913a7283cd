import type { Hit, PostDocument, Severity, Span } from '../types';
import { originalSpan } from '../text/fold';
import { lexicon, matchLexicon } from '../text/lexicon';

/** Hits for every match of `lexicons/<name>.json`, each carrying its entry's clause, severity, note and suggestion. */
export function lexiconHits(doc: PostDocument, name: string): Hit[] {
  const compiled = lexicon(name);
  return matchLexicon(doc, compiled).map((m) => ({
    ...m.span,
    ruleId: m.entry.id,
    clause: m.entry.clause ?? compiled.lexicon.clause,
    severity: m.entry.severity,
    message: m.entry.note,
    suggestion: m.entry.suggestion,
  }));
}

/** Original-text span covered by tokens [first, end). */
export function tokenSpan(doc: PostDocument, first: number, end: number): Span {
  return originalSpan(doc.folded, doc.tokens.from(first), doc.tokens.to(end - 1));
}

/** The index of the sentence each token starts in (doc.sentences are in order, as the tokens are). */
export function tokenSentences(doc: PostDocument): Int32Array {
  const { tokens, folded, sentences } = doc;
  const sentenceOf = new Int32Array(tokens.length);
  let s = 0;
  for (let i = 0; i < tokens.length; i++) {
    const offset = folded.start[tokens.from(i)]!;
    while (s + 1 < sentences.length && sentences[s + 1]!.offset <= offset) s++;
    sentenceOf[i] = s;
  }
  return sentenceOf;
}

/** Severities in order, for keeping the more severe of overlapping hits (and as array indices 0–2). */
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * One hit per passage: drops a hit that lies inside the previous kept hit and is no more severe
 * ("promo code" inside "Use promo code CITY20", "Venmo" inside "Venmo me @jane"). Sorting makes it linear
 * after O(n log n); a more severe inner hit is kept so nothing is softened.
 */
export function outermostHits(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  const sorted = [...hits].sort((a, b) => a.offset - b.offset || b.length - a.length || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const kept: Hit[] = [];
  let outer: Hit | undefined;
  for (const hit of sorted) {
    const inside = outer !== undefined && hit.offset + hit.length <= outer.offset + outer.length;
    if (inside && SEVERITY_RANK[hit.severity] <= SEVERITY_RANK[outer!.severity]) continue;
    kept.push(hit);
    if (!inside) outer = hit;
  }
  return kept;
}
