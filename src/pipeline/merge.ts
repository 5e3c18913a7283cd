import type { Finding } from '../types';

/**
 * A judgement head and a word-list screener that flag the same clause in the same sentence say one
 * thing: the report shows one finding. The word-list finding stays — its span is the exact words and
 * its level the finer judgement ("any idiot can see the sign" is an untargeted insult, a warning) — with
 * the head's score and a note that the model agrees; the head's sentence-wide finding goes. A head finding with no word-list finding of its clause in its sentence
 * stands on its own.
 */

export const JUDGEMENT_SCREENER = 'judgement';

const inside = (inner: Finding, outer: Finding): boolean => inner.offset < outer.offset + outer.length && outer.offset < inner.offset + inner.length;

/**
 * Merges in place: the findings are the pipeline's own, just made, and a megabyte of insults in one
 * sentence has ninety thousand to merge (a copy and a new message string each doubled the post's memory).
 */
export function mergeJudgements(findings: Finding[]): Finding[] {
  const judged = findings.filter((f) => f.screener === JUDGEMENT_SCREENER);
  if (judged.length === 0) return findings;
  const merged = new Set<Finding>();
  const agreeing = new Map<string, string>();
  for (const finding of findings) {
    if (finding.screener === JUDGEMENT_SCREENER) continue;
    const head = judged.find((j) => j.clause === finding.clause && inside(finding, j));
    if (!head) continue;
    merged.add(head);
    const key = `${finding.clause}\n${finding.message}`;
    let message = agreeing.get(key);
    if (message === undefined) agreeing.set(key, (message = `${finding.message} The ${finding.clause} model agrees.`));
    // Set in this order, a score the finding lacks comes last, as `{ ...finding, score, message }` put it.
    finding.score = head.score;
    finding.message = message;
  }
  return merged.size ? findings.filter((f) => !merged.has(f)) : findings;
}
