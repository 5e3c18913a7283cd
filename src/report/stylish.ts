import type { ApprovalRecord, ClauseCount, ClauseResult, ClauseStatus, Finding, PostReport, RunReport, RunTotals, Summary, Verdict } from '../types';
import type { FormatOptions, ReportSink, Write } from './types';
import { postTitle, renderRun } from './render';

/** The colours the terminal report uses; the CLI passes chalk's (or plain identity functions). */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const identity = (s: string): string => s;
export const NO_PAINT: Paint = { red: identity, green: identity, yellow: identity, cyan: identity, dim: identity, bold: identity, underline: identity };

const EXCERPT_WIDTH = 100;

const MARKS: Record<ClauseStatus, { mark: string; colour: keyof Paint; label: string }> = {
  passed: { mark: '✔', colour: 'green', label: 'passed' },
  failed: { mark: '✖', colour: 'red', label: 'failed' },
  'needs-approval': { mark: '⚠', colour: 'yellow', label: "needs the Department Manager's approval" },
  warning: { mark: '⚠', colour: 'yellow', label: 'review' },
  approved: { mark: '✔', colour: 'green', label: 'approved' },
  exception: { mark: '⚠', colour: 'yellow', label: 'passed under a 4.1 exception' },
  manual: { mark: '☐', colour: 'cyan', label: 'manual check' },
  'not-screened': { mark: '?', colour: 'yellow', label: 'not screened' },
  error: { mark: '✖', colour: 'red', label: 'screener error' },
};

/** The source line around a finding, with the matched part underlined by carets. */
function markedExcerpt(raw: string, f: Finding): string[] {
  const lineStart = raw.lastIndexOf('\n', f.offset - 1) + 1;
  const lineEndIndex = raw.indexOf('\n', f.offset);
  const lineEnd = lineEndIndex === -1 ? raw.length : lineEndIndex;
  const matchEnd = Math.min(f.offset + f.length, lineEnd);
  // Window of at most EXCERPT_WIDTH characters that keeps the match visible.
  const from = Math.max(lineStart, Math.min(f.offset - 30, lineEnd - EXCERPT_WIDTH));
  const to = Math.min(lineEnd, Math.max(from + EXCERPT_WIDTH, matchEnd));
  const text = raw.slice(from, to).replace(/[\t\r]/g, ' ');
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  const pad = ' '.repeat(prefix.length + f.offset - from);
  return [`${prefix}${text}${suffix}`, `${pad}${'^'.repeat(Math.max(1, matchEnd - f.offset))}`];
}

function findingLines(raw: string | undefined, f: Finding, paint: Paint): string[] {
  const severity = f.severity === 'error' ? paint.red('error') : f.severity === 'warning' ? paint.yellow('warning') : paint.dim('info');
  const score = f.score !== undefined ? ` (score ${f.score.toFixed(2)})` : '';
  const lines = [`      ${paint.dim(`${f.line}:${f.column}`)}  ${severity}  ${f.message}${score}  ${paint.dim(`${f.screener}/${f.ruleId}`)}`];
  const excerpt = raw === undefined ? [`"${f.excerpt}"`] : markedExcerpt(raw, f);
  lines.push(`           ${paint.dim('│')} ${excerpt[0]}`);
  if (excerpt[1]) lines.push(`           ${paint.dim('│')} ${paint.red(excerpt[1])}`);
  lines.push(`           ${paint.cyan('→')} ${f.suggestion}`);
  if (f.approval) lines.push(`           ${approvalLine(f.approval, paint)}`);
  if (f.staleApproval) {
    const a = f.staleApproval;
    lines.push(`           ${paint.red('✖')} ${a.kind} by ${a.by} on ${a.at.slice(0, 10)} no longer matches the content (the text changed since): it blocks again`);
  }
  return lines;
}

const TITLE_WIDTH = 58;

function approvalLine(a: ApprovalRecord, paint: Paint): string {
  const when = a.at.slice(0, 10);
  return a.kind === 'exception'
    ? paint.yellow(`⚠ 4.1 exception granted by ${a.by} on ${when}: ${a.reason}`)
    : paint.green(`✔ approved by ${a.by} on ${when}: ${a.reason}`);
}

function clauseLine(c: ClauseResult, paint: Paint): string {
  const m = MARKS[c.status];
  const detail = c.detail ? `  (${c.detail})` : c.status === 'passed' ? '' : `  ${m.label}`;
  return `  ${paint[m.colour](m.mark)} ${c.id.padEnd(7)} ${c.title.padEnd(detail ? TITLE_WIDTH : 0)}${paint.dim(detail)}`.trimEnd();
}

const VERDICT_TEXT: Record<Verdict, (p: Paint) => string> = {
  blocked: (p) => p.red('blocked'),
  'needs-approval': (p) => p.yellow("needs the Department Manager's approval"),
  review: (p) => p.yellow('needs review'),
  clean: (p) => p.green('clean'),
  'not-screened': (p) => p.yellow('not fully screened'),
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function postBlock(post: PostReport, raw: string | undefined, options: FormatOptions, paint: Paint): string[] {
  const meta = post.meta ? paint.dim(`  ${Object.entries(post.meta).map(([k, v]) => `${k}: ${v}`).join(', ')}`) : '';
  const lines = [paint.underline(postTitle(post)) + meta];
  // Screened clauses first, then the person's checklist: the order a reviewer works in.
  const ordered = [...post.clauses.filter((c) => c.kind !== 'manual'), ...post.clauses.filter((c) => c.kind === 'manual')];
  for (const clause of ordered) {
    if (options.quiet && (clause.status === 'passed' || clause.status === 'manual')) continue;
    lines.push(clauseLine(clause, paint));
    for (const f of post.findings.filter((x) => x.clause === clause.id)) lines.push(...findingLines(raw, f, paint));
  }
  if (post.omittedFindings) lines.push(`  ${paint.yellow('…')} ${post.omittedFindings} more findings not shown (the first ${post.findings.length} by position are)`);
  for (const e of post.errors) lines.push(`  ${paint.red('✖')} screener ${e.screener} failed: ${e.message}`);
  const active = post.findings.filter((f) => !f.approval);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.filter((f) => f.severity === 'warning').length;
  const approved = post.findings.length - active.length;
  const language = `language ${post.language.code}${post.language.reason === 'detected' ? '' : ` (${post.language.reason})`}`;
  const approvedText = approved ? `, ${approved} approved or excepted` : '';
  lines.push(`  ${VERDICT_TEXT[post.verdict](paint)}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${approvedText} ${paint.dim(`· ${language}`)}`, '');
  return lines;
}

const CLAUSE_COLUMNS: Array<[ClauseStatus, string]> = [
  ['failed', 'failed'],
  ['needs-approval', 'approval'],
  ['warning', 'review'],
  ['not-screened', 'not screened'],
  ['error', 'screener error'],
];

/** Per clause, how many posts failed it, need approval or review, or could not be screened for it. */
export function clauseTable(counts: ClauseCount[], paint: Paint): string[] {
  const rows = counts.filter((c) => c.kind !== 'manual');
  if (rows.length === 0) return [];
  const titleWidth = Math.min(48, Math.max(...rows.map((c) => c.title.length)));
  const cell = (text: string, width: number): string => text.padStart(width);
  const header = `  ${'clause'.padEnd(7)} ${'title'.padEnd(titleWidth)}  ${CLAUSE_COLUMNS.map(([, label]) => label).join('  ')}`;
  const lines = [paint.bold('Per clause (number of posts):'), paint.dim(header)];
  for (const c of rows) {
    const title = c.title.length > titleWidth ? `${c.title.slice(0, titleWidth - 1)}…` : c.title.padEnd(titleWidth);
    const cells = CLAUSE_COLUMNS.map(([status, label]) => {
      const n = c.counts[status];
      const text = cell(String(n), label.length);
      return n === 0 ? paint.dim(text) : status === 'failed' || status === 'error' ? paint.red(text) : paint.yellow(text);
    });
    lines.push(`  ${c.id.padEnd(7)} ${title}  ${cells.join('  ')}`);
  }
  return lines;
}

function summaryLine(s: Summary, paint: Paint): string {
  const parts = [`${plural(s.posts, 'post')} screened`, paint.red(`${s.blocked} blocked`)];
  if (s.needsApproval) parts.push(paint.yellow(`${s.needsApproval} need approval`));
  parts.push(paint.yellow(`${s.review} need review`), paint.green(`${s.clean} clean`));
  if (s.notScreened) parts.push(paint.yellow(`${s.notScreened} not fully screened`));
  if (s.inputErrors) parts.push(paint.red(plural(s.inputErrors, 'input error')));
  return parts.join(', ');
}

/**
 * Terminal report, streamed: per post, the clause checklist with findings under the clause they
 * break; at the end the input errors, for a batch a per-clause table, and a one-line summary.
 */
export function stylishSink(write: Write, options: FormatOptions, paint: Paint = NO_PAINT): ReportSink {
  return {
    post(post, text) {
      if (options.quiet && post.verdict === 'clean') return;
      write(`${postBlock(post, text, options, paint).join('\n')}\n`);
    },
    end(totals: RunTotals) {
      const lines: string[] = [];
      for (const e of totals.inputErrors) lines.push(`${paint.red('✖')} ${e.source}: ${e.message}`);
      if (totals.inputErrors.length) lines.push('');
      if (totals.summary.posts > 1 && totals.clauseCounts.length) lines.push(...clauseTable(totals.clauseCounts, paint), '');
      lines.push(summaryLine(totals.summary, paint));
      write(`${lines.join('\n')}\n`);
    },
  };
}

/** `texts` maps a post to its text so the excerpt can show the whole line around a match. */
export function formatStylish(run: RunReport, options: FormatOptions, paint: Paint = NO_PAINT, texts?: Map<PostReport, string>): string {
  return renderRun((write) => stylishSink(write, options, paint), run, texts);
}
