/** Shared shapes. Every layer imports from here; nothing here imports a layer. */

export type Severity = 'error' | 'warning' | 'info';

/** How a clause is handled: checked by a screener, checked but any hit needs a manager's approval, or a person's checklist item. */
export type ClauseKind = 'screened' | 'needs-approval' | 'manual';

export interface Clause {
  id: string;
  title: string;
  /** The policy's own words. */
  text: string;
  kind: ClauseKind;
  /** What p5050 checks for this clause, in a sentence (screened / needs-approval clauses). */
  screens?: string;
  /** For `p5050 explain`: a draft that fails and one that passes. */
  example?: { fails: string; passes: string };
  note?: string;
}

/** A span of the ORIGINAL text, in UTF-16 code units as JavaScript strings index them. */
export interface Span {
  offset: number;
  length: number;
}

/** What a screener reports: the rule that fired and where, before the pipeline adds line, column and excerpt. */
export interface Hit extends Span {
  ruleId: string;
  clause: string;
  severity: Severity;
  message: string;
  suggestion: string;
  /** Model score or similar evidence, when the hit is a judgement rather than a match. */
  score?: number;
  /**
   * The part of the hit that is a secret value (a password, key, access code or identity number), in
   * original offsets: every report shows it masked (first and last characters only).
   */
  secret?: Span;
}

export interface Finding extends Hit {
  screener: string;
  /** The published field of the post the finding is in (a batch record's "Message", "Image Alt Text"…), when the post has several. */
  field?: string;
  /** Line and column within the field when `field` is set, else within the post's text. */
  line: number;
  column: number;
  /** The original text of the hit, with its `secret` (if any) masked. */
  excerpt: string;
  /** Set when an approval or 4.1 exception recorded for this exact content covers the finding. */
  approval?: ApprovalRecord;
  /** Set when an approval exists for this post and clause but the text changed since: it no longer counts. */
  staleApproval?: ApprovalRecord;
}

/** A manager's approval (or a 4.1 exception) of one clause (optionally one rule) for one exact text. */
export interface ApprovalRecord {
  kind: 'approval' | 'exception';
  /** sha256 of the post's normalized text (see src/approvals/hash.ts). */
  contentHash: string;
  /** Where the post was when approved (informational, and used to detect stale approvals). */
  source: string;
  postId?: string;
  clause: string;
  rule?: string;
  by: string;
  reason: string;
  /** ISO 8601 time of the approval. */
  at: string;
}

/**
 * The text after folding (case, NFKC, look-alikes, leetspeak, split letters, repeats) with, for each
 * folded UTF-16 unit, the ORIGINAL span it came from, so matches on `text` map back exactly.
 */
export interface FoldedText {
  text: string;
  /** start[i]: original offset where folded unit i came from. */
  start: Uint32Array;
  /** end(i): original offset just after what folded unit i came from (stored as a one-byte span after start[i]). */
  end(i: number): number;
}

/**
 * The words of a post in order, read through accessors by index: a table of typed arrays (offsets and a
 * word id per token) rather than one object per word, since a megabyte post has half a million words.
 */
export interface Tokens {
  readonly length: number;
  /** The folded word of token i. */
  word(i: number): string;
  /** English (Porter) stem of the folded word. */
  stem(i: number): string;
  /** Spanish (Porter) stem: posts are often bilingual, so both are kept. */
  stemEs(i: number): string;
  /** Start of token i in the folded text. */
  from(i: number): number;
  /** End of token i in the folded text. */
  to(i: number): number;
}

export interface LanguageInfo {
  /** ISO 639-3 code ('eng', 'spa', …) or 'und'. */
  code: string;
  /** True when the post is in a language the lexicons cover. */
  supported: boolean;
  /** How the answer was reached, for the report. */
  reason: string;
}

export interface PostDocument {
  /** The original text, exactly as read. */
  raw: string;
  folded: FoldedText;
  tokens: Tokens;
  /** Sentence spans in the original text. */
  sentences: Span[];
  language: LanguageInfo;
}

/** Settings from the config file that screeners read. All optional: screeners have defaults. */
export interface ScreenSettings {
  /** 6.1.14: candidates, parties and ballot measures whose names make a stance word political. */
  candidates?: string[];
  parties?: string[];
  ballotMeasures?: string[];
  /** 6.1.8: internal project codenames that must not appear in a post. */
  codenames?: string[];
  /** 6.1.11: domains links may point to without the manager's approval. */
  approvedDomains?: string[];
  /** Contact details that are the City's own and may be posted. */
  allowlist?: { phones?: string[]; emails?: string[]; addresses?: string[] };
  /** Per-rule overrides: a severity or 'off'; keys are "screener/rule", a rule id, or a screener id. */
  rules?: Record<string, Severity | 'off'>;
  /** Judgement heads per clause: 'off', or thresholds replacing the trained ones (src/screeners/judgement.ts). */
  heads?: Record<string, 'off' | { error?: number; review?: number }>;
  /** Accessibility notes (an image without alt text, WCAG 2.1 1.1.1) beside the P5050 clauses; default on. */
  accessibilityNotes?: 'on' | 'off';
}

export interface ScreenConfig extends ScreenSettings {
  /** Extra settings a screener (e.g. a plugin) may read. */
  [key: string]: unknown;
}

export interface ScreenerMeta {
  id: string;
  clauses: string[];
  description: string;
  defaultSeverity: Severity;
  /** When true, the screener is meaningful only for languages the lexicons cover. */
  languageDependent: boolean;
}

export interface Screener {
  meta: ScreenerMeta;
  check(doc: PostDocument, config: ScreenConfig): Hit[];
}

export type ClauseStatus = 'passed' | 'failed' | 'needs-approval' | 'warning' | 'approved' | 'exception' | 'manual' | 'not-screened' | 'error';

export interface ClauseResult {
  id: string;
  title: string;
  kind: ClauseKind;
  status: ClauseStatus;
  /** Why the status is what it is when not obvious (e.g. "not screened: language fra"). */
  detail?: string;
}

export interface ScreenerError {
  screener: string;
  clauses: string[];
  message: string;
}

/** Where one published field of a post (message, title, link, image alt text, first comment…) sits in its text. */
export interface PostField {
  /** The field's name as the input calls it ("Message", "Image Alt Text", "first_comment"). */
  name: string;
  offset: number;
  length: number;
}

/** Something a reviewer should know that is not a P5050 clause (e.g. an image without alt text). */
export interface PostNote {
  id: string;
  message: string;
  suggestion: string;
  /** The standard the note rests on. */
  standard?: string;
}

export interface PostInput {
  /** File path, "<stdin>", or a batch file name. */
  source: string;
  /** Post id within its source (row number, JSON id); the source itself for single-file posts. */
  id: string;
  text: string;
  /** Extra facts from the input (scheduled date, network, line of the source where the post starts). */
  meta?: Record<string, string | number>;
  /** Approvals carried by the post itself (e.g. in Markdown front matter). */
  approvals?: ApprovalRecord[];
  /** The published fields `text` joins, in order, when a batch record has more than its message. */
  fields?: PostField[];
  /** Notes from the reader outside the policy's clauses (an image without alt text). */
  notes?: PostNote[];
  /**
   * The words approvals are bound to, when not `text` itself: a Markdown post's title, description and
   * body, so that editing the rest of its front matter (adding an approval, say) does not change them.
   */
  approvalText?: string;
}

export interface PostReport {
  source: string;
  id: string;
  meta?: Record<string, string | number>;
  language: LanguageInfo;
  clauses: ClauseResult[];
  findings: Finding[];
  /** Findings beyond the report's limit per post, left out of `findings` (the clause statuses count them all). */
  omittedFindings?: number;
  errors: ScreenerError[];
  /** Notes outside the policy's clauses (accessibility); they never change the verdict. */
  notes?: PostNote[];
  verdict: Verdict;
}

/**
 * A post's overall result, most severe first: 'blocked' (an error-level finding or a screener failure),
 * 'needs-approval' (a finding of a clause that needs the Department Manager's prior approval, with no
 * approval bound to the current text), 'not-screened' (a clause could not be screened, e.g. the
 * language), 'review' (warnings a person should look at), 'clean'.
 */
export type Verdict = 'blocked' | 'needs-approval' | 'not-screened' | 'review' | 'clean';

export interface InputError {
  source: string;
  message: string;
}

export interface Summary {
  posts: number;
  blocked: number;
  /** Posts waiting for the Department Manager's approval (their own verdict; not counted in `review`). */
  needsApproval: number;
  review: number;
  clean: number;
  notScreened: number;
  inputErrors: number;
  errors: number;
  warnings: number;
}

/** Everything one run produced; formatters turn it into text. */
export interface RunReport {
  tool: { name: string; version: string };
  policy: { policy: string; revision: string };
  posts: PostReport[];
  inputErrors: InputError[];
  summary: Summary;
  /** Per clause, how many posts ended in each status (the batch report's table). */
  clauseCounts?: ClauseCount[];
}

/** How many posts ended in each status for one clause: the batch report's per-clause table. */
export interface ClauseCount {
  id: string;
  title: string;
  kind: ClauseKind;
  counts: Record<ClauseStatus, number>;
}

/** What a report needs at its end, once every post has been screened. */
export interface RunTotals {
  tool: { name: string; version: string };
  policy: { policy: string; revision: string };
  inputErrors: InputError[];
  summary: Summary;
  clauseCounts: ClauseCount[];
}
