import type { Hit, PostDocument, ScreenConfig, Screener } from '../types';
import { PhraseMatcher } from '../text/lexicon';
import { lexiconHits, tokenSpan } from './shared';

/** 6.1.8: confidentiality markers from lexicons/confidentiality.json, and internal codenames from config. */

const codenameMatchers = new WeakMap<string[], PhraseMatcher<string>>();

function codenameMatcher(codenames: string[]): PhraseMatcher<string> {
  let matcher = codenameMatchers.get(codenames);
  if (!matcher) {
    matcher = new PhraseMatcher<string>();
    for (const name of codenames) matcher.add(name.split(/\s+/).map((w) => `=${w}`).join(' '), 'en', name);
    codenameMatchers.set(codenames, matcher);
  }
  return matcher;
}

function codenameHits(doc: PostDocument, codenames: string[]): Hit[] {
  return codenameMatcher(codenames).match(doc.tokens).map((m) => ({
    ...tokenSpan(doc, m.firstToken, m.endToken),
    ruleId: 'internal-codename',
    clause: '6.1.8',
    severity: 'error',
    message: `"${m.payload}" is an internal project codename (from the config's codenames).`,
    suggestion: 'Use the public name of the project, or leave it out until it is announced.',
  }));
}

export const confidentiality: Screener = {
  meta: {
    id: 'confidentiality',
    clauses: ['6.1.8'],
    description: 'Confidentiality markers (CONFIDENTIAL, INTERNAL USE ONLY, DO NOT DISTRIBUTE, closed session, embargoed, …) and internal codenames.',
    defaultSeverity: 'error',
    languageDependent: true,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    const markers = lexiconHits(doc, 'confidentiality');
    return config.codenames?.length ? [...markers, ...codenameHits(doc, config.codenames)] : markers;
  },
};
