import type { Hit, PostDocument, ScreenConfig, Screener, Severity, Span, Token } from '../types';
import { foldTerm, originalSpan } from '../text/fold';
import { loadLexiconData } from '../text/lexicon';
import { words as wordsOf } from '../text/tokens';
import {
  compilePattern,
  compileRule,
  groupSpan,
  keywordIndex,
  keywordsIn,
  MAX_FINDINGS_PER_RULE,
  plainShapes,
  ruleSpans,
  shannonEntropy,
  withoutOverlaps,
  type CompiledPattern,
  type KeywordIndex,
  type PatternRuleData,
} from './patterns';

/**
 * 6.1.2: login credentials, passwords, API keys, tokens and private keys. The rules are data in
 * lexicons/credentials.json (gitleaks style); this file only applies them:
 *   1. known token shapes (AWS, GitHub, Slack, …) on the raw text, prefiltered by keywords;
 *   2. labelled values ("password: …", "login: user / pass", "PIN: …"), the label found on the folded
 *      text so evasive spellings count, the value read from the original text right after it;
 *   3. generic high-entropy values assigned to key/token/secret words.
 * Of overlapping findings the more specific rule wins.
 */

interface TokenRule extends PatternRuleData {
  service: string;
  entropy?: number;
  mixedClasses?: boolean;
  skipWordLike?: boolean;
  allowlist?: string[];
}

interface LabelledRule {
  id: string;
  labels: string[];
  after: string;
  value: 'password' | 'digits';
  valueGroup: number;
  userGroup?: number;
  note: string;
  publicContext: boolean;
}

interface PublicContext {
  id: string;
  pattern: string;
  severity: Severity;
  note: string;
  suggestion: string;
}

interface CredentialsLexicon {
  clause: string;
  severity: Severity;
  suggestion: string;
  placeholders: string[];
  tokenRules: TokenRule[];
  assignments: TokenRule[];
  urlParameter: { id: string; severity: Severity; note: string; suggestion: string };
  labelledValues: LabelledRule[];
  notSecretValues: string[];
  weakPasswords: string[];
  placeholderUsers: string[];
  publicContexts: PublicContext[];
  privateContext: string;
}

interface CompiledRule extends CompiledPattern<TokenRule> {
  allowlist: RegExp[];
}

interface Compiled {
  lexicon: CredentialsLexicon;
  tokenRules: CompiledRule[];
  assignments: CompiledRule[];
  keywords: KeywordIndex;
  placeholders: RegExp[];
  labels: LabelFinder;
  after: Map<LabelledRule, RegExp>;
  notSecretValues: RegExp[];
  weakPasswords: Set<string>;
  placeholderUsers: Set<string>;
  /** Rules whose findings are re-read in a public context (meeting passcodes, guest Wi-Fi, meeting links). */
  publicCodeRules: Set<string>;
  publicContexts: Array<{ context: PublicContext; regex: RegExp }>;
  privateContext: RegExp;
}

/**
 * Label phrases ("password", "door code", "contraseña") matched as exact folded words: one map lookup
 * per token. Labels are folded and split exactly as post text is, so "P4SSW0RD", "P A S S W O R D" or a
 * look-alike or invisible character still reads "password".
 */
class LabelFinder {
  private readonly byFirstWord = new Map<string, Array<{ words: string[]; rule: LabelledRule }>>();

  add(label: string, rule: LabelledRule): void {
    const words = wordsOf(foldTerm(label));
    if (words.length === 0) throw new Error(`credentials label "${label}" has no words`);
    const list = this.byFirstWord.get(words[0]!) ?? [];
    list.push({ words, rule });
    this.byFirstWord.set(words[0]!, list);
  }

  /** Each label found, as its rule and token range [first, end). */
  find(tokens: Token[]): Array<{ rule: LabelledRule; first: number; end: number }> {
    const found: Array<{ rule: LabelledRule; first: number; end: number }> = [];
    tokens.forEach((token, first) => {
      for (const { words, rule } of this.byFirstWord.get(token.word) ?? []) {
        if (words.every((w, k) => tokens[first + k]?.word === w)) found.push({ rule, first, end: first + words.length });
      }
    });
    return found;
  }
}

let cache: Compiled | undefined;

function anchored(patterns: string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'i'));
}

function compileRules(rules: TokenRule[]): CompiledRule[] {
  return rules.map((rule) => ({ ...compileRule(rule), allowlist: anchored(rule.allowlist ?? []) }));
}

function compiled(): Compiled {
  if (cache) return cache;
  const lexicon = loadLexiconData<CredentialsLexicon>('credentials');
  const labels = new LabelFinder();
  const after = new Map<LabelledRule, RegExp>();
  for (const rule of lexicon.labelledValues) {
    for (const label of rule.labels) labels.add(label, rule);
    after.set(rule, compilePattern(rule.after, 'yi', true));
  }
  cache = {
    lexicon,
    tokenRules: compileRules(lexicon.tokenRules),
    assignments: compileRules(lexicon.assignments),
    keywords: keywordIndex([...lexicon.tokenRules, ...lexicon.assignments]),
    placeholders: anchored(lexicon.placeholders),
    labels,
    after,
    notSecretValues: anchored(lexicon.notSecretValues),
    weakPasswords: new Set(lexicon.weakPasswords),
    placeholderUsers: new Set(lexicon.placeholderUsers),
    publicCodeRules: new Set([lexicon.urlParameter.id, ...lexicon.labelledValues.filter((r) => r.publicContext).map((r) => r.id)]),
    publicContexts: lexicon.publicContexts.map((context) => ({ context, regex: new RegExp(context.pattern, 'iu') })),
    privateContext: new RegExp(lexicon.privateContext, 'iu'),
  };
  return cache;
}

function isPlaceholder(secret: string, extra: RegExp[] = []): boolean {
  return compiled().placeholders.some((re) => re.test(secret)) || extra.some((re) => re.test(secret));
}

function hasLetterAndDigit(s: string): boolean {
  return /[A-Za-z]/.test(s) && /\d/.test(s);
}

/** Sentence punctuation that closes a prose sentence is not part of a key. */
function trimTrailingDots(span: Span & { text: string }): Span & { text: string } {
  const text = span.text.replace(/\.+$/, '');
  return { offset: span.offset, length: text.length, text };
}

/**
 * Words and at most one short number ("CottonwoodHousing2024", "Jane_Doe_1985"): a name a person made
 * up. Generated keys mix digits in several places and have letter runs that are not words.
 */
function isWordLike(value: string): boolean {
  const digitRuns = value.match(/\d+/g) ?? [];
  if (digitRuns.length > 1 || digitRuns.some((run) => run.length > 4)) return false;
  const words = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  return words.length > 0 && words.every((w) => w.length >= 3 && /[aeiouy]/i.test(w));
}

function acceptsSecret(cr: CompiledRule, secret: string): boolean {
  const { rule } = cr;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (rule.mixedClasses && !hasLetterAndDigit(secret)) return false;
  if (rule.skipWordLike && isWordLike(secret)) return false;
  return !isPlaceholder(secret, cr.allowlist);
}

function ruleHits(rules: CompiledRule[], text: string, present: Set<string>): Hit[] {
  const { lexicon } = compiled();
  return rules.flatMap((cr) =>
    ruleSpans(cr, text, present, (match) => {
      const secret = trimTrailingDots(groupSpan(match, cr.rule.group));
      return acceptsSecret(cr, secret.text) ? secret : null;
    }).map((secret) => ({
      offset: secret.offset,
      length: secret.length,
      ruleId: cr.rule.id,
      clause: lexicon.clause,
      severity: lexicon.severity,
      message: cr.rule.note,
      suggestion: cr.rule.suggestion ?? lexicon.suggestion,
    })),
  );
}

/** Whether the key a value is assigned to is a link's query parameter (`?token=…`, `&api_key=…`). */
function keyIsLinkParameter(text: string, valueOffset: number): boolean {
  const before = text.slice(Math.max(0, valueOffset - 40), valueOffset).replace(/[=:\s'"`>]+$/, '');
  return /[?&][\w.-]+$/.test(before);
}

function assignmentHits(text: string, present: Set<string>): Hit[] {
  const { lexicon, assignments } = compiled();
  const link = lexicon.urlParameter;
  return ruleHits(assignments, text, present).map((hit) =>
    keyIsLinkParameter(text, hit.offset) ? { ...hit, ruleId: link.id, severity: link.severity, message: link.note, suggestion: link.suggestion } : hit,
  );
}

/** Whether a value after a password label is a secret rather than ordinary words ("is required"). */
function looksLikePassword(value: string): boolean {
  const { notSecretValues, weakPasswords } = compiled();
  const quoted = /^["'“‘`].*["'”’`]$/.test(value) && value.length > 2;
  const bare = value.replace(/^["'“‘`]+|["'”’`]+$/g, '').replace(/[.,;:)]+$/, '');
  if (bare.length < 3 || notSecretValues.some((re) => re.test(bare)) || isPlaceholder(bare)) return false;
  if (quoted || weakPasswords.has(bare.toLowerCase())) return true;
  const hasSymbol = /[^A-Za-z0-9'’-]/.test(bare) && /[A-Za-z0-9]/.test(bare);
  return bare.length >= 4 && (/\d/.test(bare) || hasSymbol);
}

function acceptsValue(rule: LabelledRule, value: string): boolean {
  return rule.value === 'digits' ? /^\d{4,10}$/.test(value) : looksLikePassword(value);
}

/** The span from a label to the end of its value, when a real value follows the label. */
function labelledValueSpan(doc: PostDocument, text: string, rule: LabelledRule, first: number, end: number): Span | null {
  const { after, placeholderUsers } = compiled();
  const label = originalSpan(doc.folded, doc.tokens[first]!.from, doc.tokens[end - 1]!.to);
  const regex = after.get(rule)!;
  regex.lastIndex = label.offset + label.length;
  const found = regex.exec(text);
  if (!found) return null;
  const value = groupSpan(found, rule.valueGroup);
  const user = rule.userGroup === undefined ? undefined : found[rule.userGroup];
  if (user !== undefined && (isPlaceholder(user) || placeholderUsers.has(user.toLowerCase()))) return null;
  if (!acceptsValue(rule, value.text)) return null;
  const valueEnd = value.offset + value.text.replace(/[.,;:)]+$/, '').length;
  return { offset: label.offset, length: valueEnd - label.offset };
}

function labelledHits(doc: PostDocument, text: string): Hit[] {
  const { lexicon, labels } = compiled();
  const perRule = new Map<string, number>();
  const hits: Hit[] = [];
  for (const { rule, first, end } of labels.find(doc.tokens)) {
    const count = perRule.get(rule.id) ?? 0;
    if (count >= MAX_FINDINGS_PER_RULE) continue;
    const span = labelledValueSpan(doc, text, rule, first, end);
    if (!span) continue;
    perRule.set(rule.id, count + 1);
    hits.push({ ...span, ruleId: rule.id, clause: lexicon.clause, severity: lexicon.severity, message: rule.note, suggestion: lexicon.suggestion });
  }
  return hits;
}

const CONTEXT_REACH = 200;

/** Index of the sentence holding an offset (sentences are in order), or -1. */
function sentenceAt(sentences: Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.offset) hi = mid - 1;
    else if (offset >= s.offset + s.length) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Where a code's context is read: its sentence and the one before, at most CONTEXT_REACH characters each way. */
function surroundingText(doc: PostDocument, hit: Span): string {
  const index = sentenceAt(doc.sentences, hit.offset);
  const first = doc.sentences[Math.max(0, index - 1)];
  const current = doc.sentences[index];
  const from = Math.max(first && index >= 0 ? first.offset : 0, hit.offset - CONTEXT_REACH);
  const to = Math.min(current ? current.offset + current.length : doc.raw.length, hit.offset + hit.length + CONTEXT_REACH);
  return doc.raw.slice(from, to);
}

/** Codes meant for the public (a public meeting's passcode, guest Wi-Fi) become information, unless the text is about an account. */
function publicCodeHit(doc: PostDocument, hit: Hit): Hit {
  const { publicContexts, privateContext } = compiled();
  const words = surroundingText(doc, hit);
  if (privateContext.test(words)) return hit;
  const context = publicContexts.find((c) => c.regex.test(words))?.context;
  return context ? { ...hit, ruleId: context.id, severity: context.severity, message: context.note, suggestion: context.suggestion } : hit;
}

export const credentials: Screener = {
  meta: {
    id: 'credentials',
    clauses: ['6.1.2'],
    description: 'Passwords and login details, API keys and access tokens (AWS, GitHub, Slack, Stripe, Google, JWT, private keys, …) and other secrets in the draft.',
    defaultSeverity: 'error',
    languageDependent: false,
  },
  check(doc: PostDocument, _config: ScreenConfig): Hit[] {
    const { keywords, tokenRules, publicCodeRules } = compiled();
    const text = plainShapes(doc.raw);
    const present = keywordsIn(keywords, text.toLowerCase());
    // Listed most specific first: known token shapes, then labelled values, then generic assignments.
    const found = [...ruleHits(tokenRules, text, present), ...labelledHits(doc, text), ...assignmentHits(text, present)];
    return withoutOverlaps(found).map((hit) => (publicCodeRules.has(hit.ruleId) ? publicCodeHit(doc, hit) : hit));
  },
};
