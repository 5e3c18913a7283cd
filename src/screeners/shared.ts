import type { Hit, PostDocument, Span } from '../types';
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
  return originalSpan(doc.folded, doc.tokens[first]!.from, doc.tokens[end - 1]!.to);
}
