import type { Hit, PostDocument, ScreenConfig, Screener, Severity, Span, Tokens } from '../types';
import { foldTerm, originalSpan } from '../text/fold';
import { loadLexiconData } from '../text/lexicon';
import { words as wordsOf } from '../text/tokens';
import {
  compileRule,
  expandMacros,
  groupSpan,
  keywordIndex,
  keywordsIn,
  MAX_FINDINGS_PER_RULE,
  plainShapes,
  rulesWithKeywords,
  ruleSpans,
  shannonEntropy,
  withoutOverlaps,
  type CompiledPattern,
  type KeywordIndex,
  type PatternRuleData,
} from './patterns';

/**
 * 6.1.2: login credentials, passwords, PINs, one-time codes, API keys, tokens and private keys. The
 * rules are data in lexicons/credentials.json (gitleaks style); this file only applies them:
 *   1. known token shapes (AWS, GitHub, Slack, …) on the raw text, prefiltered by keywords;
 *   2. service keys: a value of a service's shape assigned to a name mentioning the service;
 *   3. prose: a credential word ("password", "PIN", "clave", "verification code") found on the folded
 *      text, so evasive spellings count, tied to a value after it by a connector (":", "is", "was reset
 *      to", a line break …), the value judged by its shape;
 *   4. generic high-entropy values assigned to, or written next to, key/token/secret words.
 * Of overlapping findings the more specific rule wins. Every hit marks its secret, which reports mask.
 */

interface TokenRule extends PatternRuleData {
  service: string;
  entropy?: number;
  minLength?: number;
  mixedClasses?: boolean;
  skipWordLike?: boolean;
  /** The value must look machine-generated (mixed case and digits, or long hex), not a slug of words. */
  generated?: boolean;
  allowlist?: string[];
  severity?: Severity;
  /** `password`: the secret must also read as a password (a login pair "user@x.gov / Sycamore!2026"). */
  check?: 'password';
  /** Capture group of the service name in a service key: it must start a word ("rookTable" is not Okta). */
  nameGroup?: number;
}

interface ServiceKey {
  id: string;
  service: string;
  note: string;
  names: string[];
  value: string;
  keywords: string[];
  entropy?: number;
  mixedClasses?: boolean;
  allowlist?: string[];
}

type ValueKind = 'password' | 'digits' | 'code' | 'login-pair';

interface LabelledRule {
  id: string;
  labels: string[];
  value: ValueKind;
  /** The value may follow the label with only a space between, when its shape is strong. */
  juxtaposed?: boolean;
  /** The label counts only when this occurs in the 60 characters before it. */
  requiresBefore?: string;
  rejectDigitsOnly?: boolean;
  note: string;
  publicContext: boolean;
}

interface ProseSettings {
  window: number;
  maxWords: number;
  connector: string;
  changeConnector: string;
  changeVerbs: string;
  juxtaposed: string;
  sentenceEnd: string;
  values: Record<ValueKind, string>;
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
  macros: Record<string, string>;
  severity: Severity;
  suggestion: string;
  placeholders: string[];
  tokenRules: TokenRule[];
  serviceKeyTemplate: string;
  serviceKeyEntropy: number;
  serviceKeys: ServiceKey[];
  assignments: TokenRule[];
  urlParameter: { id: string; severity: Severity; note: string; suggestion: string };
  prose: ProseSettings;
  /** Generic rules that say nothing when the key names a service with a rule of its own. */
  deferToServiceKeys: string[];
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

interface CompiledProse {
  connector: RegExp;
  changeConnector: RegExp;
  changeVerbs: RegExp;
  juxtaposed: RegExp;
  sentenceEnd: RegExp;
  /** Sticky value shapes, tried at a candidate's start. */
  values: Record<ValueKind, RegExp>;
}

interface Compiled {
  lexicon: CredentialsLexicon;
  tokenRules: CompiledRule[];
  serviceKeys: CompiledRule[];
  assignments: CompiledRule[];
  keywords: KeywordIndex;
  placeholders: RegExp[];
  /** Any service name of a service key, for telling a named service's key from a generic one. */
  serviceName: RegExp;
  /** Prefixes of known tokens ("ghp_", "glpat-", "hvs."): a value with one is judged by its token rule alone. */
  tokenPrefixes: string[];
  deferring: Set<string>;
  labels: LabelFinder;
  prose: CompiledProse;
  requiresBefore: Map<LabelledRule, RegExp>;
  notSecretValues: RegExp[];
  weakPasswords: Set<string>;
  placeholderUsers: Set<string>;
  /** Rules whose findings are re-read in a public context (meeting passcodes, guest Wi-Fi, meeting links). */
  publicCodeRules: Set<string>;
  publicContexts: Array<{ context: PublicContext; regex: RegExp }>;
  privateContext: RegExp;
}

/**
 * Label phrases ("password", "verification code", "contraseña") matched as exact folded words: one map
 * lookup per token. Labels are folded and split exactly as post text is, so "P4SSW0RD", "P A S S W O R D"
 * or a look-alike or invisible character still reads "password".
 */
class LabelFinder {
  private readonly byFirstWord = new Map<string, Array<{ words: string[]; rule: LabelledRule }>>();

  add(label: string, rule: LabelledRule): void {
    const words = wordsOf(foldTerm(label));
    if (words.length === 0) throw new Error(`credentials label "${label}" has no words`);
    const list = this.byFirstWord.get(words[0]!) ?? [];
    list.push({ words, rule });
    // Longer labels first, so "pin code" is tried before "pin".
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirstWord.set(words[0]!, list);
  }

  /** Each label found, as its rule and token range [first, end); of labels starting at one token, the longest. */
  find(tokens: Tokens): Array<{ rule: LabelledRule; first: number; end: number }> {
    const found: Array<{ rule: LabelledRule; first: number; end: number }> = [];
    // Past the end of the last label found: a label starting inside it is not looked for.
    for (let first = 0; first < tokens.length; ) {
      let next = first + 1;
      for (const { words, rule } of this.byFirstWord.get(tokens.word(first)) ?? []) {
        if (first + words.length > tokens.length || !words.every((w, k) => tokens.word(first + k) === w)) continue;
        found.push({ rule, first, end: first + words.length });
        next = first + words.length;
        break;
      }
      first = next;
    }
    return found;
  }
}

let cache: Compiled | undefined;

function anchored(patterns: string[]): RegExp[] {
  return patterns.map((p) => new RegExp(p, 'i'));
}

function compileRules(rules: TokenRule[], macros: Record<string, string>): CompiledRule[] {
  return rules.map((rule) => ({ ...compileRule(rule, (p) => expandMacros(p, macros)), allowlist: anchored(rule.allowlist ?? []) }));
}

/** A service key as a token rule: its names and value put into the lexicon's template. */
function serviceKeyRule(key: ServiceKey, template: string, entropy: number): TokenRule {
  const pattern = template.replace('{NAMES}', key.names.join('|')).replace('{VALUE}', key.value);
  return {
    id: key.id,
    service: key.service,
    pattern,
    flags: 'i',
    keywords: key.keywords,
    group: 2,
    nameGroup: 1,
    entropy: key.entropy ?? entropy,
    ...(key.mixedClasses ? { mixedClasses: true } : {}),
    ...(key.allowlist ? { allowlist: key.allowlist } : {}),
    note: key.note,
  };
}

function compileProse(prose: ProseSettings): CompiledProse {
  const sticky = (pattern: string): RegExp => new RegExp(pattern, 'yu');
  return {
    connector: new RegExp(prose.connector, 'iu'),
    changeConnector: new RegExp(prose.changeConnector, 'iu'),
    changeVerbs: new RegExp(prose.changeVerbs, 'iu'),
    juxtaposed: new RegExp(prose.juxtaposed, 'u'),
    sentenceEnd: new RegExp(prose.sentenceEnd, 'iu'),
    values: {
      password: sticky(prose.values.password),
      digits: sticky(prose.values.digits),
      code: sticky(prose.values.code),
      'login-pair': sticky(prose.values['login-pair']),
    },
  };
}

function compiled(): Compiled {
  if (cache) return cache;
  const lexicon = loadLexiconData<CredentialsLexicon>('credentials');
  const labels = new LabelFinder();
  const requiresBefore = new Map<LabelledRule, RegExp>();
  for (const rule of lexicon.labelledValues) {
    for (const label of rule.labels) labels.add(label, rule);
    if (rule.requiresBefore) requiresBefore.set(rule, new RegExp(rule.requiresBefore, 'iu'));
  }
  const serviceRules = lexicon.serviceKeys.map((key) => serviceKeyRule(key, lexicon.serviceKeyTemplate, lexicon.serviceKeyEntropy));
  cache = {
    lexicon,
    tokenRules: compileRules(lexicon.tokenRules, lexicon.macros),
    serviceKeys: compileRules(serviceRules, lexicon.macros),
    assignments: compileRules(lexicon.assignments, lexicon.macros),
    keywords: keywordIndex([...lexicon.tokenRules, ...serviceRules, ...lexicon.assignments]),
    placeholders: anchored(lexicon.placeholders),
    serviceName: new RegExp(`(?:${lexicon.serviceKeys.flatMap((k) => k.names).join('|')})`, 'gi'),
    tokenPrefixes: [...new Set(lexicon.tokenRules.flatMap((r) => r.keywords ?? []).filter((k) => k.length >= 3 && /[_.~-]$/.test(k)))],
    deferring: new Set(lexicon.deferToServiceKeys),
    labels,
    prose: compileProse(lexicon.prose),
    requiresBefore,
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

/** Machine-made: long hex, or upper and lower case letters and digits together (a slug of words is neither). */
function looksGenerated(value: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(value)) return true;
  return /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value);
}

function acceptsSecret(cr: CompiledRule, secret: string): boolean {
  const { rule } = cr;
  if (rule.minLength !== undefined && secret.replace(/\s/g, '').length < rule.minLength) return false;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (rule.mixedClasses && !hasLetterAndDigit(secret)) return false;
  if (rule.skipWordLike && isWordLike(secret)) return false;
  if (rule.generated && !looksGenerated(secret)) return false;
  if (rule.check === 'password' && !strongPassword(secret)) return false;
  return !isPlaceholder(secret, cr.allowlist);
}

/**
 * Whether a name found case-insensitively starts a word: after a non-letter, or a capital after a small
 * letter (camelCase "myOktaToken"). "rookTable" does not contain the service Okta.
 */
function startsWord(text: string, at: number): boolean {
  const before = text[at - 1];
  if (before === undefined || !/\p{L}/u.test(before)) return true;
  return /\p{Ll}/u.test(before) && /\p{Lu}/u.test(text[at] ?? '');
}

/**
 * Whether a generic hit belongs to a service whose own rule knows that service's format, so that rule
 * decides, as in gitleaks: the value carries a known token prefix ("ghp_" with the wrong length), or
 * its key names a service (`meraki_token = …` that is not a Meraki key's shape).
 */
function defersToService(text: string, hit: Hit): boolean {
  const { serviceName, tokenPrefixes, deferring } = compiled();
  if (!deferring.has(hit.ruleId)) return false;
  const secret = hit.secret ? text.slice(hit.secret.offset, hit.secret.offset + hit.secret.length).toLowerCase() : '';
  if (tokenPrefixes.some((prefix) => secret.startsWith(prefix))) return true;
  const valueAt = hit.secret?.offset ?? hit.offset;
  // The key is on the value's line, within 60 characters (a bounded look back, so a long line costs no more).
  const window = text.slice(Math.max(0, valueAt - 60), valueAt);
  const key = window.slice(window.lastIndexOf('\n') + 1);
  const base = valueAt - key.length;
  serviceName.lastIndex = 0;
  for (const m of key.matchAll(serviceName)) if (startsWord(text, base + m.index!)) return true;
  return false;
}

function ruleHits(rules: CompiledRule[], text: string, present: Set<string>): Hit[] {
  const { lexicon } = compiled();
  return rulesWithKeywords(rules, present).flatMap((cr) =>
    ruleSpans(cr, text, present, (match) => {
      if (cr.rule.nameGroup !== undefined && !startsWord(text, groupSpan(match, cr.rule.nameGroup).offset)) return null;
      const span = trimTrailingDots(groupSpan(match, cr.rule.group));
      const secret = cr.rule.secretGroup === undefined ? span : trimTrailingDots(groupSpan(match, cr.rule.secretGroup));
      return acceptsSecret(cr, secret.text) ? { ...span, secret: { offset: secret.offset, length: secret.length } } : null;
    }).map(
      (found): Hit => ({
        offset: found.offset,
        length: found.length,
        ruleId: cr.rule.id,
        clause: lexicon.clause,
        severity: cr.rule.severity ?? lexicon.severity,
        message: cr.rule.note,
        suggestion: cr.rule.suggestion ?? lexicon.suggestion,
        secret: found.secret,
      }),
    ),
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
  return ruleHits(assignments, text, present).filter((hit) => !defersToService(text, hit)).map((hit) =>
    keyIsLinkParameter(text, hit.offset) ? { ...hit, ruleId: link.id, severity: link.severity, message: link.note, suggestion: link.suggestion } : hit,
  );
}

// ---- prose: a credential word, a connector, a value ----

/** The value without surrounding quotes and the punctuation that closes a sentence. */
function bareValue(value: string): string {
  return value.replace(/^["'“‘`(]+/, '').replace(/["'”’`.,;:)\]]+$/, '');
}

/** A constant's or environment variable's name (ACCESS_TOKEN, DB_PASSWORD) stands for a value; it is not one. */
const CONSTANT_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** Whether a value after a password label is a secret rather than ordinary words ("is required"). */
function looksLikePassword(value: string): boolean {
  const { notSecretValues, weakPasswords } = compiled();
  const quoted = /^["'“‘`].*["'”’`]$/.test(value) && value.length > 2;
  const bare = bareValue(value);
  if (bare.length < 3 || notSecretValues.some((re) => re.test(bare)) || isPlaceholder(bare) || CONSTANT_NAME.test(bare)) return false;
  if (quoted || weakPasswords.has(bare.toLowerCase())) return true;
  const hasSymbol = /[^A-Za-z0-9'’-]/.test(bare) && /[A-Za-z0-9]/.test(bare);
  return bare.length >= 4 && (/\d/.test(bare) || hasSymbol);
}

/** A value that reads as a password even with no connector before it ("clave Lynx#5521"). */
function strongPassword(value: string): boolean {
  const bare = bareValue(value);
  return bare.length >= 6 && /\p{L}/u.test(bare) && (/\d/.test(bare) || /[^\p{L}\p{N}'’-]/u.test(bare)) && looksLikePassword(bare);
}

const isYear = (digits: string): boolean => /^(?:19|20)\d\d$/.test(digits);

interface ValueMatch {
  /** End of the value in the original text. */
  end: number;
  secret: Span;
}

/** The value of a `kind` at `at`, if its shape is right. */
function valueAt(rule: LabelledRule, text: string, at: number, joined: 'connector' | 'juxtaposed'): ValueMatch | null {
  const { prose, placeholderUsers } = compiled();
  const regex = prose.values[rule.value];
  regex.lastIndex = at;
  const found = regex.exec(text);
  if (!found) return null;
  if (rule.value === 'login-pair') {
    const user = found[1]!;
    const password = found[2]!;
    if (isPlaceholder(user) || placeholderUsers.has(user.toLowerCase()) || !looksLikePassword(password)) return null;
    const start = at + found[0].length - password.length;
    const length = bareValue(password).length + (password.match(/^["'“‘`]+/)?.[0].length ?? 0);
    return { end: start + length, secret: { offset: start, length } };
  }
  const value = found[0];
  if (rule.value === 'password') {
    const ok = joined === 'juxtaposed' ? strongPassword(value) : looksLikePassword(value);
    if (!ok || (rule.rejectDigitsOnly && /^\d+$/.test(bareValue(value)))) return null;
    const lead = value.match(/^["'“‘`]+/)?.[0].length ?? 0;
    const bare = bareValue(value);
    const end = at + lead + bare.length + (value.length > lead + bare.length && /^["'”’`]/.test(value.slice(lead + bare.length)) ? 1 : 0);
    return { end, secret: { offset: at + lead, length: bare.length } };
  }
  const digits = value.replace(/\D/g, '');
  if (joined === 'juxtaposed' && isYear(digits)) return null;
  if (rule.value === 'code' && !/\d/.test(value)) return null;
  return { end: at + value.length, secret: { offset: at, length: value.length } };
}

/** How the text between a label and a candidate value ties them, or null when it does not. */
function joinOf(between: string, before: string): 'connector' | 'juxtaposed' | null {
  const { prose } = compiled();
  if (prose.connector.test(between)) return 'connector';
  // "changed the password Friday to …", "la contraseña la cambié a …": a change verb before the label or between.
  if (prose.changeConnector.test(between) && (prose.changeVerbs.test(before) || prose.changeVerbs.test(between))) return 'connector';
  return prose.juxtaposed.test(between) ? 'juxtaposed' : null;
}

/** Where a value may start: after a space or a connector sign ("password:hunter2", "pwd=Xy7!kq9"). */
const CANDIDATE_START = /(?:^|[\s:=>—–])(?=[^\s:=>—–])/g;

/** The span from a label to the end of its value, with the value as the secret, when a real value follows. */
function labelledValueSpan(doc: PostDocument, text: string, rule: LabelledRule, first: number, end: number): Hit | null {
  const { lexicon, requiresBefore } = compiled();
  const { window, maxWords } = lexicon.prose;
  const label = originalSpan(doc.folded, doc.tokens.from(first), doc.tokens.to(end - 1));
  const labelEnd = label.offset + label.length;
  const before = text.slice(Math.max(0, label.offset - 60), label.offset);
  const required = requiresBefore.get(rule);
  if (required && !required.test(before)) return null;
  const inWindow = text.slice(labelEnd, labelEnd + window);
  // The value is in the label's sentence (a line break may come between them, "Password:\nSummer2024!").
  const sentenceEnd = inWindow.search(compiled().prose.sentenceEnd);
  const after = sentenceEnd === -1 ? inWindow : inWindow.slice(0, sentenceEnd);
  let tried = 0;
  for (const candidate of after.matchAll(CANDIDATE_START)) {
    if (tried++ >= maxWords) break;
    const at = candidate.index! + candidate[0].length;
    const between = after.slice(0, at);
    const joined = joinOf(between, before);
    if (joined === null) continue;
    if (joined === 'juxtaposed' && !rule.juxtaposed) continue;
    const value = valueAt(rule, text, labelEnd + at, joined);
    if (!value) continue;
    return {
      offset: label.offset,
      length: value.end - label.offset,
      ruleId: rule.id,
      clause: lexicon.clause,
      severity: lexicon.severity,
      message: rule.note,
      suggestion: lexicon.suggestion,
      secret: value.secret,
    };
  }
  return null;
}

/** A labelled value inside a link's query (`?access_token=…`): reported as the link parameter it is. */
function asLinkParameter(text: string, hit: Hit): Hit {
  if (!hit.secret || !/[?&][\w.-]*$/.test(text.slice(Math.max(0, hit.offset - 40), hit.offset))) return hit;
  const link = compiled().lexicon.urlParameter;
  return { ...hit, ...hit.secret, ruleId: link.id, severity: link.severity, message: link.note, suggestion: link.suggestion };
}

function labelledHits(doc: PostDocument, text: string): Hit[] {
  const { labels } = compiled();
  const perRule = new Map<string, number>();
  const hits: Hit[] = [];
  for (const { rule, first, end } of labels.find(doc.tokens)) {
    const count = perRule.get(rule.id) ?? 0;
    if (count >= MAX_FINDINGS_PER_RULE) continue;
    const hit = labelledValueSpan(doc, text, rule, first, end);
    if (!hit || defersToService(text, hit)) continue;
    perRule.set(rule.id, count + 1);
    hits.push(asLinkParameter(text, hit));
  }
  return hits;
}

// ---- public codes ----

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
    description:
      'Passwords and login details, PINs and one-time codes, API keys and access tokens (AWS, GitHub, Slack, Stripe, Google, JWT, private keys and the other services gitleaks knows) and other secrets in the draft.',
    defaultSeverity: 'error',
    languageDependent: false,
  },
  check(doc: PostDocument, _config: ScreenConfig): Hit[] {
    const { keywords, tokenRules, serviceKeys, publicCodeRules } = compiled();
    const text = plainShapes(doc.raw);
    const present = keywordsIn(keywords, text.toLowerCase());
    // Listed most specific first: known token shapes, service keys, prose values, then generic assignments.
    const found = [...ruleHits(tokenRules, text, present), ...ruleHits(serviceKeys, text, present), ...labelledHits(doc, text), ...assignmentHits(text, present)];
    return withoutOverlaps(found).map((hit) => (publicCodeRules.has(hit.ruleId) ? publicCodeHit(doc, hit) : hit));
  },
};
