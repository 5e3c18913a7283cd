import type { Hit, PostDocument, ScreenConfig, Screener, Severity } from '../types';
import { heads, isJudged, isShortPost, judge } from '../model/heads';
import { loadLexiconData } from '../text/lexicon';
import { SEVERITY_RANK } from './shared';

/**
 * The learned judgement heads (src/model/heads.ts), one per clause (two for 6.1.10), as findings: where a head's score
 * for the post (the highest of the whole post and its sentences) reaches its review threshold, a
 * finding points at the sentence that scored highest, says it is a model judgement with its score,
 * and gives the clause's suggestion (lexicons/judgement.json). An error from the error threshold on,
 * a warning below it, never above the clause's `maxSeverity`. Where a word-list screener flagged the
 * same clause in the same sentence, the pipeline merges the two into one finding.
 */

interface HeadWords {
  id: string;
  head: string;
  message: string;
  suggestion: string;
  maxSeverity: Severity;
}

interface JudgementLexicon {
  heads: HeadWords[];
}

let words: JudgementLexicon | undefined;

function headWords(head: string): HeadWords {
  words ??= loadLexiconData<JudgementLexicon>('judgement');
  const found = words.heads.find((w) => w.head === head);
  if (!found) throw new Error(`lexicons/judgement.json has no words for head ${head}`);
  return found;
}

/** Two heads judging one clause (toxicity and 6.1.10) report it once: the more severe, then the higher score. */
function oneFindingPerClause(hits: Hit[]): Hit[] {
  const best = new Map<string, Hit>();
  for (const hit of hits) {
    const kept = best.get(hit.clause);
    const better = !kept || SEVERITY_RANK[hit.severity] > SEVERITY_RANK[kept.severity] || (hit.severity === kept.severity && (hit.score ?? 0) > (kept.score ?? 0));
    if (better) best.set(hit.clause, hit);
  }
  return hits.filter((hit) => best.get(hit.clause) === hit);
}

function severityAt(score: number, thresholds: { error: number; review: number }, cap: Severity): Severity | undefined {
  const level: Severity | undefined = score >= thresholds.error ? 'error' : score >= thresholds.review ? 'warning' : undefined;
  return level && SEVERITY_RANK[level] > SEVERITY_RANK[cap] ? cap : level;
}

export const judgement: Screener = {
  meta: {
    id: 'judgement',
    clauses: ['5.3.b', '6.1.5', '6.1.6', '6.1.8', '6.1.10', '6.1.11', '6.1.12', '6.1.13', '6.1.14'],
    description: 'Learned classifiers, one per clause, over word and character n-grams and word vectors: paraphrases no word list anticipates (English and Spanish).',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    if (!isJudged(doc)) return [];
    const settings = config.heads ?? {};
    const result = judge(doc);
    const hits: Hit[] = [];
    heads().cards.forEach((card, h) => {
      const setting = settings[card.id];
      if (setting === 'off') return;
      const clause = headWords(card.id);
      const score = result.score(h);
      const trained = isShortPost(doc) ? card.shortThresholds : card.thresholds;
      const severity = severityAt(score, { ...trained, ...setting }, clause.maxSeverity);
      if (!severity) return;
      const { span } = result.worst(h);
      hits.push({
        ...span,
        ruleId: clause.id,
        clause: card.clause,
        severity,
        score: Math.round(score * 1000) / 1000,
        message: `Model judgement: this ${doc.sentences.length > 1 ? 'sentence' : 'post'} ${clause.message}.`,
        suggestion: clause.suggestion,
      });
    });
    return oneFindingPerClause(hits);
  },
};
