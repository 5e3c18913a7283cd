import type { Hit, PostDocument, ScreenConfig, Screener, Severity } from '../types';
import { heads, judge } from '../model/heads';
import { loadLexiconData } from '../text/lexicon';
import { SEVERITY_RANK } from './shared';

/**
 * The learned judgement heads (src/model/heads.ts), one per clause, as findings: where a head's score
 * for the post (the highest of the whole post and its sentences) reaches its review threshold, a
 * finding points at the sentence that scored highest, says it is a model judgement with its score,
 * and gives the clause's suggestion (lexicons/judgement.json). An error from the error threshold on,
 * a warning below it, never above the clause's `maxSeverity`. Where a word-list screener flagged the
 * same clause in the same sentence, the pipeline merges the two into one finding.
 */

interface ClauseWords {
  message: string;
  suggestion: string;
  maxSeverity: Severity;
}

interface JudgementLexicon {
  clauses: Record<string, ClauseWords>;
}

let words: JudgementLexicon | undefined;

function clauseWords(clause: string): ClauseWords {
  words ??= loadLexiconData<JudgementLexicon>('judgement');
  const found = words.clauses[clause];
  if (!found) throw new Error(`lexicons/judgement.json has no words for clause ${clause}`);
  return found;
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
    const settings = config.heads ?? {};
    const result = judge(doc);
    const hits: Hit[] = [];
    heads().cards.forEach((card, h) => {
      const setting = settings[card.clause];
      if (setting === 'off') return;
      const clause = clauseWords(card.clause);
      const score = result.score(h);
      const severity = severityAt(score, { ...card.thresholds, ...setting }, clause.maxSeverity);
      if (!severity) return;
      const { span } = result.worst(h);
      hits.push({
        ...span,
        ruleId: `head-${card.clause}`,
        clause: card.clause,
        severity,
        score: Math.round(score * 1000) / 1000,
        message: `Model judgement (score ${score.toFixed(2)}): this ${doc.sentences.length > 1 ? 'sentence' : 'post'} ${clause.message}.`,
        suggestion: clause.suggestion,
      });
    });
    return hits;
  },
};
