import type { PostDocument } from '../types';
import { foldText } from './fold';
import { detectLanguage } from './language';
import { splitSentences, tokenize } from './tokens';

/** Everything screeners read about a post, computed once. */
export function buildDocument(raw: string): PostDocument {
  const folded = foldText(raw);
  return {
    raw,
    folded,
    tokens: tokenize(folded.text),
    sentences: splitSentences(raw),
    language: detectLanguage(raw),
  };
}
