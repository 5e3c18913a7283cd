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

export function mergeJudgements(findings: Finding[]): Finding[] {
  const judged = findings.filter((f) => f.screener === JUDGEMENT_SCREENER);
  if (judged.length === 0) return findings;
  const merged = new Set<Finding>();
  const out = findings.map((finding) => {
    if (finding.screener === JUDGEMENT_SCREENER) return finding;
    const head = judged.find((j) => j.clause === finding.clause && inside(finding, j));
    if (!head) return finding;
    merged.add(head);
    return { ...finding, score: head.score, message: `${finding.message} The ${finding.clause} model agrees.` };
  });
  return out.filter((f) => !merged.has(f));
}
