import type {
  ApprovalRecord,
  Clause,
  ClauseResult,
  Finding,
  Hit,
  InputError,
  PostDocument,
  PostField,
  PostInput,
  PostReport,
  ScreenConfig,
  Screener,
  ScreenerError,
  Span,
  Summary,
  Verdict,
} from '../types';
import { postContentHash } from '../approvals/hash';
import { bindApprovals } from '../approvals/match';
import { mergeJudgements } from './merge';
import { DEFAULT_APPROVABLE, sortApprovals } from '../approvals/rules';
import { clauses as allClauses } from '../policy/catalog';
import { screeners as registeredScreeners } from '../screeners';
import { SEVERITY_RANK } from '../screeners/shared';
import { buildDocument } from '../text/document';
import { maskSpans } from '../text/mask';
import { lineColumn, lineStarts } from '../text/tokens';
import { postFails, type FailOn } from './fail-on';

export interface CheckOptions {
  config?: ScreenConfig;
  /** Restrict screening and the report to these clause ids. */
  clauses?: string[];
  /** Screeners to run instead of the registered ones (tests, plugins). */
  screeners?: Screener[];
  /** Recorded approvals and exceptions; those bound to a post's exact text stop its findings from blocking. */
  approvals?: ApprovalRecord[];
  /** Clauses a manager may approve (default 6.1.11, 6.1.6): approvals of any other clause are ignored. */
  approvable?: string[];
}


function selectedClauses(only: string[] | undefined): Clause[] {
  const all = allClauses();
  return only?.length ? all.filter((c) => only.includes(c.id)) : all;
}

/** Ids of the registered screeners: a bare key of `rules` that is one of them names a screener, not a rule. */
const SCREENER_IDS = new Set(registeredScreeners.map((s) => s.meta.id));

function selectedScreeners(options: CheckOptions, clauseIds: Set<string>): Screener[] {
  return (options.screeners ?? registeredScreeners).filter((s) => s.meta.clauses.some((c) => clauseIds.has(c)));
}

/** Applies the config's per-rule overrides: keys are "screener/rule", a rule id, or a screener id. */
function applyOverrides(hits: Hit[], screener: string, config: ScreenConfig): Hit[] {
  const rules = config.rules;
  if (!rules) return hits;
  const out: Hit[] = [];
  for (const hit of hits) {
    const override = rules[`${screener}/${hit.ruleId}`] ?? rules[hit.ruleId] ?? rules[screener];
    if (override === 'off') continue;
    out.push(override ? { ...hit, severity: override } : hit);
  }
  return out;
}

/**
 * A screener the config switches off as a whole (`rules: { judgement: off }`) need not run: every hit
 * would be dropped. Unless some other rule key could turn one of its rules back on — a
 * "screener/rule" key of it, or a bare rule id — that is not "off".
 */
function switchedOff(screener: string, config: ScreenConfig): boolean {
  const rules = config.rules;
  if (!rules || rules[screener] !== 'off') return false;
  return Object.entries(rules).every(([key, level]) => level === 'off' || (key.includes('/') ? !key.startsWith(`${screener}/`) : SCREENER_IDS.has(key)));
}

/**
 * A hit nested inside another of the same screener and clause says nothing new ("confidential" in
 * "strictly confidential"); of two with the same span the first is kept. One sort and one sweep, so a
 * megabyte post with tens of thousands of hits stays fast.
 */
function dropNested(findings: Finding[]): Finding[] {
  // Screener and clause as one small number, so the sort compares numbers, not strings.
  const groups = new Map<string, Map<string, number>>();
  let groupCount = 0;
  const groupOf = (f: Finding): number => {
    let byClause = groups.get(f.screener);
    if (!byClause) groups.set(f.screener, (byClause = new Map()));
    let id = byClause.get(f.clause);
    if (id === undefined) byClause.set(f.clause, (id = groupCount++));
    return id;
  };
  const group = Int32Array.from(findings, groupOf);
  const order = Array.from(findings.keys());
  order.sort((a, b) => group[a]! - group[b]! || findings[a]!.offset - findings[b]!.offset || findings[b]!.length - findings[a]!.length || a - b);
  const nested = new Uint8Array(findings.length);
  let current = -1;
  let reach = -1;
  for (const index of order) {
    const f = findings[index]!;
    if (group[index] !== current) {
      current = group[index]!;
      reach = -1;
    }
    const end = f.offset + f.length;
    // Every earlier finding of the group starts at or before this one: if one reaches as far, it contains it.
    if (end <= reach) nested[index] = 1;
    reach = Math.max(reach, end);
  }
  return findings.filter((_, index) => nested[index] === 0);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.offset - b.offset || b.length - a.length || a.clause.localeCompare(b.clause) || a.ruleId.localeCompare(b.ruleId);
}

/** Where findings are placed: the field a finding is in, and its line and column in the field or the whole text. */
interface Placer {
  fieldAt(offset: number): string | undefined;
  place(offset: number): { line: number; column: number };
}

function placer(raw: string, fields: PostField[] | undefined): Placer {
  const starts = lineStarts(raw);
  if (!fields?.length) return { fieldAt: () => undefined, place: (offset) => lineColumn(starts, offset) };
  const fieldStarts = fields.map((f) => lineStarts(raw.slice(f.offset, f.offset + f.length)));
  const fieldIndex = (offset: number): number => {
    let i = fields.length - 1;
    while (i > 0 && fields[i]!.offset > offset) i -= 1;
    return i;
  };
  return {
    fieldAt: (offset) => fields[fieldIndex(offset)]!.name,
    place(offset) {
      const i = fieldIndex(offset);
      return lineColumn(fieldStarts[i]!, Math.max(0, offset - fields[i]!.offset));
    },
  };
}

/**
 * A finding with its line, column and excerpt still to come (placeFindings, for the findings a report
 * shows: a megabyte post's ninety thousand others need none), their keys already in report order.
 */
function toFinding(where: Placer, screener: string, hit: Hit): Finding {
  const field = where.fieldAt(hit.offset);
  // Field by field, not `{ ...hit, … }`: V8 gives each object cloned from a spread a hidden class of its own,
  // and a megabyte post can have a hundred thousand findings (30 MB of hidden classes, megamorphic reads).
  const finding = { offset: hit.offset, length: hit.length, ruleId: hit.ruleId, clause: hit.clause, severity: hit.severity, message: hit.message, suggestion: hit.suggestion } as Finding;
  if (hit.score !== undefined) finding.score = hit.score;
  if (hit.secret !== undefined) finding.secret = hit.secret;
  finding.screener = screener;
  if (field !== undefined) finding.field = field;
  finding.line = 0;
  finding.column = 0;
  finding.excerpt = '';
  return finding;
}

/** Fills in line, column and excerpt of the findings shown, masking the secrets any finding of the post holds. */
function placeFindings(raw: string, where: Placer, shown: Finding[], all: Finding[]): Finding[] {
  for (const f of shown) {
    const { line, column } = where.place(f.offset);
    f.line = line;
    f.column = column;
    f.excerpt = raw.slice(f.offset, f.offset + f.length);
  }
  return withSecretsMasked(shown, all);
}

/**
 * Secrets are masked here, once, so no formatter ever sees them (the post's text given to the report is
 * masked by report/render's secretsMasked the same way) — in every excerpt that contains one, not only
 * the secret's own finding: a judgement head's finding spans the whole sentence around a password.
 */
function withSecretsMasked(findings: Finding[], all: Finding[]): Finding[] {
  const secrets = all.flatMap((f) => (f.secret ? [f.secret] : [])).sort((a, b) => a.offset - b.offset);
  if (secrets.length === 0) return findings;
  // Each excerpt is masked with the secrets that overlap it only, found by binary search: a post with
  // thousands of codes and thousands of findings would otherwise cost their product.
  const longest = Math.max(...secrets.map((s) => s.length));
  for (const f of findings) {
    let lo = 0;
    let hi = secrets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (secrets[mid]!.offset + longest <= f.offset) lo = mid + 1;
      else hi = mid;
    }
    const overlapping: Span[] = [];
    for (let k = lo; k < secrets.length && secrets[k]!.offset < f.offset + f.length; k++) {
      if (secrets[k]!.offset + secrets[k]!.length > f.offset) overlapping.push(secrets[k]!);
    }
    if (overlapping.length > 0) f.excerpt = maskSpans(f.excerpt, overlapping, f.offset);
  }
  return findings;
}

interface ScreenResult {
  findings: Finding[];
  errors: ScreenerError[];
}

/** The findings of each clause, grouped once rather than filtered once per clause. */
const NO_FINDINGS: Finding[] = [];

function byClause(findings: Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(f.clause);
    if (list) list.push(f);
    else groups.set(f.clause, [f]);
  }
  return groups;
}

function runScreeners(doc: PostDocument, where: Placer, screeners: Screener[], clauseIds: Set<string>, config: ScreenConfig): ScreenResult {
  const findings: Finding[] = [];
  const errors: ScreenerError[] = [];
  for (const screener of screeners) {
    if (switchedOff(screener.meta.id, config)) continue;
    try {
      const hits = applyOverrides(screener.check(doc, config), screener.meta.id, config);
      for (const hit of hits) if (clauseIds.has(hit.clause)) findings.push(toFinding(where, screener.meta.id, hit));
    } catch (err) {
      errors.push({ screener: screener.meta.id, clauses: screener.meta.clauses, message: (err as Error).message ?? String(err) });
    }
  }
  return { findings: mergeJudgements(dropNested(findings)).sort(compareFindings), errors };
}

/** A finding still counts unless an approval or exception for this exact content covers it. */
const isActive = (f: Finding): boolean => f.approval === undefined;

/**
 * What a run screens, worked out once per options object rather than per post: the clauses, the
 * screeners, which of them cover each clause, and the results that never vary (manual clauses, and
 * each clause's "passed"), shared by every report (reports are never modified once made).
 */
interface Plan {
  clauses: Clause[];
  clauseIds: Set<string>;
  screeners: Screener[];
  covering: Map<string, Screener[]>;
  /** "passed" and "manual" results without detail, per clause id. */
  passed: Map<string, ClauseResult>;
  /** What the plan was made from, to notice options changed in place since. */
  madeFrom: string;
}

const plans = new WeakMap<CheckOptions, Plan>();

function planKey(options: CheckOptions): string {
  return `${options.clauses?.join(',') ?? '*'}|${options.screeners?.map((s) => s.meta.id).join(',') ?? '*'}`;
}

function planOf(options: CheckOptions): Plan {
  let plan = plans.get(options);
  const key = planKey(options);
  if (!plan || plan.madeFrom !== key) {
    const clauses = selectedClauses(options.clauses);
    const clauseIds = new Set(clauses.map((c) => c.id));
    const screeners = selectedScreeners(options, clauseIds);
    const covering = new Map(clauses.map((c) => [c.id, screeners.filter((s) => s.meta.clauses.includes(c.id))]));
    const passed = new Map(clauses.map((c): [string, ClauseResult] => [c.id, { id: c.id, title: c.title, kind: c.kind, status: c.kind === 'manual' ? 'manual' : 'passed' }]));
    plan = { clauses, clauseIds, screeners, covering, passed, madeFrom: key };
    plans.set(options, plan);
  }
  return plan;
}

/** Whether screening with these options runs the screener `id` (selected by the clauses, not switched off). */
export function runsScreener(options: CheckOptions, id: string): boolean {
  return planOf(options).screeners.some((s) => s.meta.id === id) && !switchedOff(id, options.config ?? {});
}

function clauseStatus(clause: Clause, doc: PostDocument, plan: Plan, result: ScreenResult, findingsOf: Map<string, Finding[]>): ClauseResult {
  const passed = plan.passed.get(clause.id)!;
  if (clause.kind === 'manual') return passed;
  const base = { id: clause.id, title: clause.title, kind: clause.kind };
  const failedScreener = result.errors.find((e) => e.clauses.includes(clause.id));
  if (failedScreener) return { ...base, status: 'error', detail: `not screened: screener ${failedScreener.screener} failed: ${failedScreener.message}` };
  const covering = plan.covering.get(clause.id)!;
  if (covering.length === 0) return { ...base, status: 'not-screened', detail: 'not screened: no screener for this clause yet' };
  const all = findingsOf.get(clause.id) ?? NO_FINDINGS;
  const unsupported = !doc.language.supported && covering.every((s) => s.meta.languageDependent);
  if (all.length === 0 && !unsupported) return passed;
  const found = all.filter(isActive);
  const worst = found.reduce((rank, f) => Math.max(rank, SEVERITY_RANK[f.severity]), 0);
  // An info-level finding (a rule turned down to info in the config) informs; it does not wait for approval.
  if (worst >= SEVERITY_RANK.warning && clause.kind === 'needs-approval') return { ...base, status: 'needs-approval', ...staleDetail(found) };
  if (worst === SEVERITY_RANK.error) return { ...base, status: 'failed' };
  if (unsupported) return { ...base, status: 'not-screened', detail: `not screened: language ${doc.language.code} (${doc.language.reason})` };
  if (worst === SEVERITY_RANK.warning) return { ...base, status: 'warning' };
  if (all.some((f) => f.approval?.kind === 'exception')) return { ...base, status: 'exception' };
  // Info-level findings alone leave the clause passed; "approved" means an approval was used.
  if (all.some((f) => f.approval)) return { ...base, status: 'approved' };
  return passed;
}

/** Says when the clause waits for approval because the one it had went stale (the text was edited since). */
function staleDetail(found: Finding[]): { detail?: string } {
  const stale = found.find((f) => f.staleApproval)?.staleApproval;
  if (!stale) return {};
  return { detail: `needs approval again: the ${stale.kind} by ${stale.by} on ${stale.at.slice(0, 10)} no longer matches the content (the text changed since)` };
}

/** Most severe first: a post that needs approval may not be posted yet, so it ranks above one that needs a look. */
function verdictOf(clauses: ClauseResult[], findings: Finding[], errors: ScreenerError[]): Verdict {
  const active = findings.filter(isActive);
  if (errors.length > 0 || active.some((f) => f.severity === 'error')) return 'blocked';
  if (clauses.some((c) => c.status === 'needs-approval')) return 'needs-approval';
  if (clauses.some((c) => c.status === 'not-screened')) return 'not-screened';
  // A 4.1 exception is a person's decision to let a finding stand: the post is not clean, it is one to look at.
  if (active.some((f) => f.severity === 'warning') || clauses.some((c) => c.status === 'exception')) return 'review';
  return 'clean';
}

/**
 * A post with more findings than this (a pasted document, an attack) reports the first ones by position
 * and the number left out: tens of thousands of identical lines help nobody and cost minutes to print.
 */
export const MAX_REPORTED_FINDINGS = 500;

/** Screens one post: every selected screener, then the per-clause checklist and the verdict. */
export function checkPost(input: PostInput, options: CheckOptions = {}): PostReport {
  const config = options.config ?? {};
  const plan = planOf(options);
  const doc = buildDocument(input.text);
  const where = placer(doc.raw, input.fields);
  const result = runScreeners(doc, where, plan.screeners, plan.clauseIds, config);
  const recorded = [...(options.approvals ?? []), ...(input.approvals ?? [])];
  const approvals = recorded.length ? sortApprovals(recorded, { approvable: options.approvable ?? DEFAULT_APPROVABLE }).honoured : recorded;
  if (approvals.length > 0) {
    result.findings = bindApprovals(result.findings, approvals, { source: input.source, id: input.id, contentHash: postContentHash(input) });
  }
  const findingsOf = byClause(result.findings);
  const clauseResults = plan.clauses.map((c) => clauseStatus(c, doc, plan, result, findingsOf));
  const omitted = result.findings.length - MAX_REPORTED_FINDINGS;
  return {
    source: input.source,
    id: input.id,
    ...(input.meta ? { meta: input.meta } : {}),
    language: doc.language,
    clauses: clauseResults,
    findings: placeFindings(doc.raw, where, omitted > 0 ? result.findings.slice(0, MAX_REPORTED_FINDINGS) : result.findings, result.findings),
    ...(omitted > 0 ? { omittedFindings: omitted } : {}),
    errors: result.errors,
    ...(input.notes?.length && config.accessibilityNotes !== 'off' ? { notes: input.notes } : {}),
    verdict: verdictOf(clauseResults, result.findings, result.errors),
  };
}

export { FAIL_ON_LEVELS, postFails, type FailOn } from './fail-on';

export function summarize(reports: PostReport[], inputErrors: InputError[]): Summary {
  const count = (v: Verdict): number => reports.filter((r) => r.verdict === v).length;
  const findings = reports.flatMap((r) => r.findings);
  return {
    posts: reports.length,
    blocked: count('blocked'),
    needsApproval: count('needs-approval'),
    review: count('review'),
    clean: count('clean'),
    notScreened: count('not-screened'),
    inputErrors: inputErrors.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
}

/** 2 for any input error, else 1 if any post fails at the threshold, else 0. */
export function exitCode(reports: PostReport[], inputErrors: InputError[], failOn: FailOn): number {
  if (inputErrors.length > 0) return 2;
  return reports.some((r) => postFails(r, failOn)) ? 1 : 0;
}
