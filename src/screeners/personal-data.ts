import type { Hit, PostDocument, ScreenConfig, Screener, Severity, Span } from '../types';
import { loadLexiconData } from '../text/lexicon';
import { ContactOwners, type OwnerData, type OwnerIndex } from './contact-owner';
import {
  compileRule,
  escapeRegex,
  expandMacros,
  groupSpan,
  ibanChecksumValid,
  keywordIndex,
  keywordsIn,
  luhnValid,
  plainShapes,
  ruleSpans,
  withoutOverlaps,
  type CompiledPattern,
  type KeywordIndex,
  type PatternRuleData,
} from './patterns';

/**
 * 6.1.8: personal data of private people. Identity and financial numbers (SSN, payment card, IBAN,
 * bank account, licence/passport, date of birth) are errors wherever they are; a case number tied to
 * a name is a warning. A contact detail (phone, e-mail, street address) is a warning only when the post
 * ties it to a private individual ("his cell", "lives at", "the homeowner, Ms. R."), not when it
 * belongs to an office, agency, business or public place: see contact-owner.ts and the lexicon's
 * `owner` section. The config's allowlist and approvedDomains name the City's own. Patterns live in
 * lexicons/personal-data.json; each names a `check` below that validates a match (checksums, shape,
 * context, allowlists) and may narrow its span. Numbers are matched on `plainShapes(raw)`, so
 * full-width or other-script digits and odd dashes or spaces do not hide them.
 */

type CheckName = 'none' | 'ssn' | 'ssnWithName' | 'itin' | 'aba' | 'dlShape' | 'ipv6' | 'card' | 'iban' | 'idNumber' | 'personName' | 'phone' | 'email' | 'address';

interface PiiRule extends PatternRuleData {
  check: CheckName;
  severity: Severity;
  /** The number is masked in reports (the `secretGroup`, else the finding's span). */
  mask?: boolean;
}

interface PersonalDataLexicon {
  clause: string;
  macros: Record<string, string>;
  rules: PiiRule[];
  ssn: { neverIssued: string[]; notNear: string[] };
  card: { prefix: string; contextWords: string[] };
  ibanLengths: Record<string, number>;
  phone: { contextWords: string[]; labelsAfter: string[]; referenceWords: string[]; tollFree: string[] };
  email: { roleMailboxes: string[]; exampleDomains: string[]; fileExtensions: string[] };
  address: { yearWordsBefore: string[]; abbreviations: Record<string, string> };
  nameStopwords: string[];
  owner: OwnerData;
}

interface Compiled {
  lexicon: PersonalDataLexicon;
  rules: Array<CompiledPattern<PiiRule>>;
  keywords: KeywordIndex;
  cardPrefix: RegExp;
  cardContext: RegExp;
  phoneContext: RegExp;
  phoneLabelAfter: RegExp;
  roleMailboxes: Set<string>;
  nameStopwords: Set<string>;
  ssnNotNear: RegExp;
  owners: ContactOwners;
}

/** What a check sees: the match, the text it ran on, and the config. */
interface Candidate {
  span: Span & { text: string };
  match: RegExpExecArray;
  text: string;
  lower: string;
  config: ScreenConfig;
  /** Who-owns-it cues of the whole post, found when the first contact detail needs them. */
  owners: () => OwnerIndex;
}

let cache: Compiled | undefined;

const wordList = (words: string[]): string => words.map(escapeRegex).join('|');

function compiled(): Compiled {
  if (cache) return cache;
  const lexicon = loadLexiconData<PersonalDataLexicon>('personal-data');
  const { phone } = lexicon;
  cache = {
    lexicon,
    rules: lexicon.rules.map((rule) => compileRule(rule, (pattern) => expandMacros(pattern, lexicon.macros))),
    keywords: keywordIndex(lexicon.rules),
    cardPrefix: new RegExp(lexicon.card.prefix),
    cardContext: new RegExp(`(?:${wordList(lexicon.card.contextWords)})`, 'i'),
    // The nearest keyword before a number decides: group 1 = a phone word, group 2 = a reference word.
    phoneContext: new RegExp(`(?<![\\p{L}\\d])(?:(${wordList(phone.contextWords)})|(${wordList(phone.referenceWords)}))(?![\\p{L}])`, 'gu'),
    phoneLabelAfter: new RegExp(`^[\\s,(–-]{0,3}(?:${wordList(phone.labelsAfter)})\\b`, 'i'),
    roleMailboxes: new Set(lexicon.email.roleMailboxes),
    nameStopwords: new Set(lexicon.nameStopwords),
    ssnNotNear: new RegExp(`(?<![\\p{L}])(?:${wordList(lexicon.ssn.notNear)})(?![\\p{L}])`, 'iu'),
    owners: new ContactOwners(lexicon.owner, { macro: (m) => expandMacros(m, lexicon.macros), stopwords: new Set(lexicon.nameStopwords) }, lexicon.email.roleMailboxes),
  };
  return cache;
}

const digitsOf = (s: string): string => s.replace(/\D/g, '');

// ---- identity and financial numbers ----

/** One separator (or none) throughout: "078-05-1123", "078 05 1123", "078051123"; not "693-09.4444". */
const sameSeparators = (text: string): boolean => new Set(text.replace(/\d/g, '')).size <= 1;

function ssnCheck(c: Candidate): Span | null {
  const digits = digitsOf(c.span.text);
  const area = digits.slice(0, 3);
  const neverIssued = area === '000' || area === '666' || area[0] === '9' || digits.slice(3, 5) === '00' || digits.slice(5) === '0000';
  return neverIssued || !sameSeparators(c.span.text) || compiled().lexicon.ssn.neverIssued.includes(digits) ? null : c.span;
}

/** A number after a person's name is an SSN only in the SSN's ranges, and not when a record or phone word comes first. */
function ssnWithNameCheck(c: Candidate): Span | null {
  const before = c.text.slice(Math.max(0, c.match.index - 40), c.span.offset);
  if (compiled().ssnNotNear.test(before)) return null;
  return personNameCheck(c) && ssnCheck(c);
}

/** ITIN: area 9, group 50–65, 70–88, 90–92 or 94–99 (IRS), one separator throughout. */
function itinCheck(c: Candidate): Span | null {
  const digits = digitsOf(c.span.text);
  const group = Number(digits.slice(3, 5));
  const valid = (group >= 50 && group <= 65) || (group >= 70 && group <= 88) || (group >= 90 && group <= 92) || group >= 94;
  return valid && sameSeparators(c.span.text) ? c.span : null;
}

/**
 * ABA routing number: the 3-7-1 weighted checksum, and a first pair the Federal Reserve assigns
 * (00–12 banks, 21–32 thrifts, 61–72 electronic, 80 traveler's checks).
 */
function abaCheck(c: Candidate): Span | null {
  const digits = digitsOf(c.span.text);
  const weights = [3, 7, 1];
  const sum = [...digits].reduce((total, d, i) => total + Number(d) * weights[i % 3]!, 0);
  const prefix = Number(digits.slice(0, 2));
  const assigned = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  return digits.length === 9 && sum % 10 === 0 && assigned ? c.span : null;
}

/** A driver's licence number as states issue them: letters then digits, with at least five digits. */
function dlShapeCheck(c: Candidate): Span | null {
  return /^[A-Z]{1,2}\d{5,12}$/i.test(c.span.text) ? c.span : null;
}

/** A real IPv6 address (net.isIPv6), not the unspecified or loopback address, nor a time or MAC address. */
function ipv6Check(c: Candidate): Span | null {
  const address = c.span.text;
  // node:net is loaded on first use (about 2 ms): most posts have no address-like text.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { isIPv6 } = require('node:net') as typeof import('node:net');
  if (!isIPv6(address) || /^::1?$/.test(address)) return null;
  return address.includes('::') || address.split(':').length === 8 || /\d\.\d/.test(address) ? c.span : null;
}

function cardCheck(c: Candidate): Span | null {
  const { cardPrefix, cardContext } = compiled();
  const digits = digitsOf(c.span.text);
  const groups = c.span.text.split(/[ -]/);
  // Card numbers are printed whole or in blocks of 4 (Amex 4-6-5): not in ones and twos like dates.
  if (groups.length > 1 && groups.some((g) => g.length < 3 || g.length > 6)) return null;
  if (!luhnValid(digits) || !cardPrefix.test(digits)) return null;
  const before = c.lower.slice(Math.max(0, c.span.offset - 40), c.span.offset);
  return digits.length > 12 || cardContext.test(before) ? c.span : null;
}

/** Narrows the match to the country's IBAN length (the pattern may have run on into following words) and checks mod 97. */
function ibanCheck(c: Candidate): Span | null {
  const length = compiled().lexicon.ibanLengths[c.span.text.slice(0, 2).toUpperCase()];
  if (!length) return null;
  let compact = '';
  let end = 0;
  while (end < c.span.text.length && compact.length < length) {
    const ch = c.span.text[end]!;
    if (ch !== ' ') compact += ch;
    end++;
  }
  const next = c.text[c.span.offset + end];
  if (compact.length < length || (next !== undefined && /[A-Za-z0-9]/.test(next))) return null;
  return ibanChecksumValid(compact) ? { offset: c.span.offset, length: end } : null;
}

function idNumberCheck(c: Candidate): Span | null {
  return digitsOf(c.span.text).length >= 5 ? c.span : null;
}

/** The match's `person` group must read as a person's name, not an office, a place or a date. */
function personNameCheck(c: Candidate): Span | null {
  const words = (c.match.groups?.['person'] ?? '').toLowerCase().split(/[\s.]+/).filter(Boolean);
  return words.some((w) => compiled().nameStopwords.has(w)) ? null : c.span;
}

// ---- contact details: who they belong to ----

/** A contact detail is reported only when the post ties it to a private person; `inherent`: private when nothing says whose. */
function privateContact(c: Candidate, span: Span | null, inherent = false): Span | null {
  if (!span) return null;
  return (compiled().owners.ownerOf(c.owners(), c.text, span) ?? (inherent ? 'private' : undefined)) === 'private' ? span : null;
}

// ---- contact details ----

function samePhone(a: string, b: string): boolean {
  return a.length >= 10 && b.length >= 10 ? a.slice(-10) === b.slice(-10) : a === b;
}

function isTollFree(digits: string): boolean {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return compiled().lexicon.phone.tollFree.some((prefix) => national.startsWith(prefix));
}

/** 'phone' or 'reference' when the nearest keyword in the 40 characters before the number says so. */
function phoneContextBefore(c: Candidate): 'phone' | 'reference' | undefined {
  const { phoneContext } = compiled();
  const window = c.lower.slice(Math.max(0, c.span.offset - 40), c.span.offset);
  let verdict: 'phone' | 'reference' | undefined;
  phoneContext.lastIndex = 0;
  for (const m of window.matchAll(phoneContext)) verdict = m[1] !== undefined ? 'phone' : 'reference';
  return verdict;
}

/** US grouping with separators: 555-123-4567, (555) 123-4567, 1-555-123-4567, 555.123.4567. */
function isUsShape(groups: string[]): boolean {
  const national = groups.length === 4 && groups[0] === '1' ? groups.slice(1) : groups;
  return national.length === 3 && national[0]!.length === 3 && national[1]!.length === 3 && national[2]!.length === 4;
}

/**
 * A phone needs a phone's shape (+ international, US grouping) or a phone word before it / a label after
 * it. The pattern may take in a following number ("555-123-4567 24 hours"), so the longest leading run of
 * digit groups that passes is the phone.
 */
function phoneCheck(c: Candidate): Span | null {
  const main = c.span.text.replace(/[ ]?(?:x|ext\.?|extension)[ ]?\d{1,5}$/i, '');
  const allDigits = digitsOf(main);
  if (allDigits.length < 7) return null;
  const allowlisted = (c.config.allowlist?.phones ?? []).some((p) => samePhone(digitsOf(p), allDigits));
  const context = phoneContextBefore(c);
  if (allowlisted || isTollFree(allDigits) || context === 'reference') return null;
  const groups = [...main.matchAll(/\d+/g)];
  for (let k = groups.length; k >= 1; k--) {
    const last = groups[k - 1]!;
    const end = last.index + last[0].length;
    const digits = digitsOf(main.slice(0, end));
    if (digits.length < 7 || digits.length > 15) continue;
    const labelled = context === 'phone' || compiled().phoneLabelAfter.test(c.text.slice(c.span.offset + end, c.span.offset + end + 20));
    const international = main.startsWith('+') && digits.length >= 8;
    if (international || labelled || (k > 1 && isUsShape(groups.slice(0, k).map((g) => g[0])))) {
      return { offset: c.span.offset, length: k === groups.length ? c.span.length : end };
    }
  }
  return null;
}

function emailCheck(c: Candidate): Span | null {
  const { lexicon, roleMailboxes } = compiled();
  const address = c.span.text.toLowerCase();
  const [local = '', domain = ''] = address.split('@');
  const approved = (c.config.approvedDomains ?? []).some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
  const allowlisted = (c.config.allowlist?.emails ?? []).some((e) => e.toLowerCase() === address);
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  const notPersonal =
    roleMailboxes.has(local) || lexicon.email.exampleDomains.includes(domain) || lexicon.email.fileExtensions.includes(tld) || lexicon.owner.institutionalDomains.includes(tld);
  if (approved || allowlisted || notPersonal) return null;
  const originalLocal = c.span.text.slice(0, c.span.text.indexOf('@'));
  return privateContact(c, c.span, lexicon.owner.freeMailDomains.includes(domain) || compiled().owners.isNameMailbox(originalLocal));
}

/** Lowercase words with punctuation dropped and street words shortened ("100 N. Main Street" → "100 n main st"). */
function normalizeAddress(address: string): string {
  const short = compiled().lexicon.address.abbreviations;
  return address
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => short[w] ?? w)
    .join(' ');
}

/** "the 2024 Main Street Festival": a year after an article or preposition is not a house number. */
function startsWithYear(c: Candidate): boolean {
  if (!/^(?:19|20)\d\d\b/.test(c.span.text)) return false;
  const wordBefore = /([\p{L}]+)\s+$/u.exec(c.lower.slice(Math.max(0, c.span.offset - 20), c.span.offset))?.[1];
  return wordBefore !== undefined && compiled().lexicon.address.yearWordsBefore.includes(wordBefore);
}

/** The period after "St." belongs to the address; after "Street." it ends the sentence. */
function withoutSentencePeriod(span: Span & { text: string }): Span {
  const lastWord = /([\p{L}]+)\.$/u.exec(span.text)?.[1]?.toLowerCase();
  const fullWord = lastWord !== undefined && lastWord in compiled().lexicon.address.abbreviations;
  return fullWord ? { offset: span.offset, length: span.length - 1 } : span;
}

function addressCheck(c: Candidate): Span | null {
  if (startsWithYear(c)) return null;
  const listed = c.config.allowlist?.addresses ?? [];
  const found = listed.length ? normalizeAddress(c.span.text) : '';
  const allowlisted = listed.some((a) => {
    const known = normalizeAddress(a);
    return known.length > 0 && (found.includes(known) || known.includes(found));
  });
  if (allowlisted) return null;
  // An apartment is a home: the address is a private person's whoever else the sentence names.
  if (compiled().owners.isDwelling(c.span.text)) return withoutSentencePeriod(c.span);
  return privateContact(c, withoutSentencePeriod(c.span));
}

const CHECKS: Record<CheckName, (c: Candidate) => Span | null> = {
  none: (c) => c.span,
  ssn: ssnCheck,
  ssnWithName: ssnWithNameCheck,
  itin: itinCheck,
  aba: abaCheck,
  dlShape: dlShapeCheck,
  ipv6: ipv6Check,
  card: cardCheck,
  iban: ibanCheck,
  idNumber: idNumberCheck,
  personName: personNameCheck,
  phone: (c) => privateContact(c, phoneCheck(c)),
  email: emailCheck,
  address: addressCheck,
};

export const personalData: Screener = {
  meta: {
    id: 'personal-data',
    clauses: ['6.1.8'],
    description:
      "Personal data of private people: SSNs, payment cards, IBANs and bank accounts, licence and passport numbers, dates of birth (errors); phone numbers, e-mail and street addresses the post ties to a private individual, case numbers tied to a name (warnings).",
    defaultSeverity: 'error',
    languageDependent: false,
  },
  check(doc: PostDocument, config: ScreenConfig): Hit[] {
    const { lexicon, rules, keywords } = compiled();
    const text = plainShapes(doc.raw);
    const lower = text.toLowerCase();
    const present = keywordsIn(keywords, lower);
    let index: OwnerIndex | undefined;
    const owners = (): OwnerIndex => (index ??= compiled().owners.index(doc, text));
    const hits = rules.flatMap((compiledRule) => {
      const { rule } = compiledRule;
      const check = CHECKS[rule.check];
      const spans = ruleSpans(compiledRule, text, present, (match) => {
        const span = check({ span: groupSpan(match, rule.group), match, text, lower, config, owners });
        if (!span || !rule.mask) return span;
        const secret = rule.secretGroup === undefined ? span : groupSpan(match, rule.secretGroup);
        return { offset: span.offset, length: span.length, secret: { offset: secret.offset, length: secret.length } };
      });
      return spans.map((span): Hit => ({ ...span, ruleId: rule.id, clause: lexicon.clause, severity: rule.severity, message: rule.note, suggestion: rule.suggestion ?? '' }));
    });
    return withoutOverlaps(hits);
  },
};
