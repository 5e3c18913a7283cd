import type { ApprovalRecord, ClauseCount, ClauseResult, ClauseStatus, Finding, PostNote, PostReport, RunReport, RunTotals, Summary } from '../types';
import type { FormatOptions, ReportSink, Write } from './types';
import { visibleLine, visibleUnit } from './escape';
import { positionLabel } from './location';
import { postTitle, renderRun } from './render';
import { VERDICTS, isPassing, summaryParts } from './verdicts';
import { DEFAULT_WIDTH, displayWidth, wrap } from './width';

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

/** Where finding lines start, and their continuation lines (excerpt, fix, approval). */
const FINDING_INDENT = '  ';
const DETAIL_INDENT = '      ';

interface Style {
  paint: Paint;
  width: number;
}

/**
 * The source line around a finding, cut to fit `room` columns, with the match underlined by carets.
 * Controls and bidi characters are shown escaped (a post cannot drive the terminal); the window is
 * measured in what is shown, so the carets sit under the match and are never cut off.
 */
function markedExcerpt(raw: string, f: Finding, room: number): [string, string] {
  const lineStart = raw.lastIndexOf('\n', f.offset - 1) + 1;
  const lineEndIndex = raw.indexOf('\n', f.offset);
  const lineEnd = lineEndIndex === -1 ? raw.length : lineEndIndex;
  const matchEnd = Math.max(f.offset + 1, Math.min(f.offset + f.length, lineEnd));
  const shown = (i: number): string => (raw[i] === '\t' || raw[i] === '\r' ? ' ' : visibleUnit(raw[i]!));
  const cells: number[] = [];
  for (let i = lineStart; i < lineEnd; i += 1) cells.push(displayWidth(shown(i)));
  const widthOf = (from: number, to: number): number => {
    let w = 0;
    for (let i = from; i < to; i += 1) w += cells[i - lineStart] ?? 1;
    return w;
  };
  // Room for the text between the two ellipses; the match (or as much as fits) is kept, with context before it.
  const inner = Math.max(4, room - 2);
  let from = f.offset;
  let to = f.offset;
  while (to < Math.min(matchEnd, lineEnd) && widthOf(from, to + 1) <= inner) to += 1;
  if (to === from) to = Math.min(from + 1, Math.max(lineEnd, from + 1));
  // Up to 30 columns of context before the match, then fill the rest after it, then before again.
  while (from > lineStart && widthOf(from - 1, to) <= inner && widthOf(from - 1, f.offset) <= 30) from -= 1;
  while (to < lineEnd && widthOf(from, to + 1) <= inner) to += 1;
  while (from > lineStart && widthOf(from - 1, to) <= inner) from -= 1;
  let text = '';
  for (let i = from; i < to; i += 1) text += shown(i);
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  const pad = ' '.repeat(prefix.length + widthOf(from, f.offset));
  const carets = '^'.repeat(Math.max(1, widthOf(f.offset, Math.min(matchEnd, to))));
  return [`${prefix}${text}${suffix}`, `${pad}${carets}`];
}

function severityLabel(f: Finding, clause: ClauseResult | undefined, paint: Paint): string {
  if (!f.approval && clause?.status === 'needs-approval') return paint.yellow('approval');
  return f.severity === 'error' ? paint.red('error') : f.severity === 'warning' ? paint.yellow('warning') : paint.dim('info');
}

function approvalLine(a: ApprovalRecord, paint: Paint): string {
  const when = a.at.slice(0, 10);
  return a.kind === 'exception'
    ? paint.yellow(`⚠ 4.1 exception granted by ${visibleLine(a.by)} on ${when}: ${visibleLine(a.reason)}`)
    : paint.green(`✔ approved by ${visibleLine(a.by)} on ${when}: ${visibleLine(a.reason)}`);
}

/** A finding: where, how bad, which clause, why; the excerpt with carets; the fix; any approval. */
function findingLines(post: PostReport, raw: string | undefined, f: Finding, style: Style): string[] {
  const { paint, width } = style;
  const clause = post.clauses.find((c) => c.id === f.clause);
  const score = f.score !== undefined ? ` (score ${f.score.toFixed(2)})` : '';
  const head = `${paint.dim(visibleLine(positionLabel(post, f)))}  ${severityLabel(f, clause, paint)}  ${paint.bold(f.clause)}  ${visibleLine(f.message)}${score}  ${paint.dim(`${f.screener}/${f.ruleId}`)}`;
  const lines = wrap(head, width, FINDING_INDENT, DETAIL_INDENT);
  const bar = `${DETAIL_INDENT}${paint.dim('│')} `;
  if (raw === undefined) {
    lines.push(...wrap(`"${visibleLine(f.excerpt)}"`, width, bar, `${DETAIL_INDENT}  `));
  } else {
    const [text, carets] = markedExcerpt(raw, f, width - DETAIL_INDENT.length - 2);
    lines.push(`${bar}${text}`, `${bar}${paint.red(carets)}`);
  }
  lines.push(...wrap(visibleLine(f.suggestion), width, `${DETAIL_INDENT}${paint.cyan('→')} `, `${DETAIL_INDENT}  `));
  if (f.approval) lines.push(...wrap(approvalLine(f.approval, paint), width, DETAIL_INDENT, `${DETAIL_INDENT}  `));
  if (f.staleApproval) {
    const a = f.staleApproval;
    const again = clause?.status === 'needs-approval' ? 'needs approval again' : 'blocks again';
    const text = `${paint.red('✖')} ${again}: the ${a.kind} by ${visibleLine(a.by)} on ${a.at.slice(0, 10)} no longer matches the content (the text changed since)`;
    lines.push(...wrap(text, width, DETAIL_INDENT, `${DETAIL_INDENT}  `));
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function verdictText(post: PostReport, paint: Paint): string {
  const v = VERDICTS[post.verdict];
  return paint[v.colour](v.label);
}

function metaText(post: PostReport): string {
  const { date, network } = post.meta ?? {};
  return [date, network].filter((v) => v !== undefined).map((v) => visibleLine(String(v))).join(' · ');
}

function header(post: PostReport, style: Style, withMeta: boolean): string[] {
  const { paint } = style;
  const meta = withMeta ? metaText(post) : '';
  return wrap(`${paint.underline(visibleLine(postTitle(post)))} ${verdictText(post, paint)}${meta ? ` ${paint.dim(`· ${meta}`)}` : ''}`, style.width, '', '  ');
}

/** A clause the findings do not already show: not screened, a screener error, or (checklist) any clause. */
function clauseLine(c: ClauseResult, style: Style, titleWidth: number): string[] {
  const { paint } = style;
  const m = MARKS[c.status];
  const detail = c.detail ? visibleLine(c.detail) : c.status === 'passed' ? '' : m.label;
  const title = detail ? c.title.padEnd(titleWidth) : c.title;
  return wrap(`${paint[m.colour](m.mark)} ${c.id.padEnd(6)} ${title}${detail ? ` ${paint.dim(detail)}` : ''}`, style.width, '  ', '           ');
}

/** "✔ passed: 5.3.b 6.1.2 …" or "☐ manual: 4.1 6.1.1 … — p5050 policy". */
function idsLine(mark: string, label: string, ids: string[], style: Style, tail = ''): string[] {
  if (ids.length === 0) return [];
  return wrap(`${mark} ${label}: ${ids.join(' ')}${tail}`, style.width, '  ', '    ');
}

const MANUAL_TAIL = ' — p5050 policy';

function manualIds(post: PostReport): string[] {
  return post.clauses.filter((c) => c.kind === 'manual').map((c) => c.id);
}

/** Findings grouped under nothing: in position order, each naming its clause. */
function findingsAndNotes(post: PostReport, raw: string | undefined, style: Style): string[] {
  const lines: string[] = [];
  for (const f of post.findings) lines.push(...findingLines(post, raw, f, style));
  const withFindings = new Set(post.findings.map((f) => f.clause));
  for (const c of post.clauses) {
    // A clause the findings do not show (not screened, a screener error), or one with something to add (an approval gone stale).
    const unshown = (c.status === 'not-screened' || c.status === 'error') && !withFindings.has(c.id);
    const stale = post.findings.some((f) => f.clause === c.id && f.staleApproval);
    if (unshown || (c.detail && !stale && c.status !== 'passed' && c.status !== 'manual')) lines.push(...clauseLine(c, style, 0));
  }
  if (post.omittedFindings) lines.push(`  ${style.paint.yellow('…')} ${post.omittedFindings} more findings not shown (the first ${post.findings.length} by position are)`);
  for (const e of post.errors) lines.push(...wrap(`${style.paint.red('✖')} screener ${e.screener} failed: ${visibleLine(e.message)}`, style.width, '  ', '    '));
  lines.push(...noteLines(post, style));
  return lines;
}

/** Notes outside the policy (an image without alt text): what, the fix, and the standard it rests on. */
function noteLines(post: PostReport, style: Style): string[] {
  const { paint } = style;
  return (post.notes ?? []).flatMap((n) => [
    ...wrap(`${paint.cyan('ⓘ')} ${n.message} ${paint.dim(`(not a P5050 clause: ${n.id})`)}`, style.width, FINDING_INDENT, DETAIL_INDENT),
    ...wrap(n.suggestion, style.width, `${DETAIL_INDENT}${paint.cyan('→')} `, `${DETAIL_INDENT}  `),
    ...(n.standard ? wrap(paint.dim(n.standard), style.width, DETAIL_INDENT, DETAIL_INDENT) : []),
  ]);
}

/** For a batch: the passing posts that carry a note, one line per kind of note. */
function passingNotes(noted: Map<string, { note: PostNote; where: string[] }>, style: Style): string[] {
  const lines: string[] = [];
  for (const { note, where } of noted.values()) {
    const shown = where.length > 12 ? [...where.slice(0, 12), `… ${where.length - 12} more`] : where;
    lines.push(...wrap(`${style.paint.cyan('ⓘ')} ${where.length} passing post${where.length === 1 ? '' : 's'}: ${note.message} ${style.paint.dim(`(${note.id})`)} ${shown.join(', ')}`, style.width, '  ', '    '));
  }
  return lines.length ? [...lines, ''] : [];
}

function countsLine(post: PostReport, style: Style): string {
  const { paint } = style;
  const active = post.findings.filter((f) => !f.approval);
  const errors = active.filter((f) => f.severity === 'error').length;
  const warnings = active.filter((f) => f.severity === 'warning').length;
  const approved = post.findings.length - active.length;
  const language = `language ${post.language.code}${post.language.reason === 'detected' ? '' : ` (${post.language.reason})`}`;
  const approvedText = approved ? `, ${approved} approved or excepted` : '';
  return wrap(`${verdictText(post, paint)}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${approvedText} ${paint.dim(`· ${language}`)}`, style.width, '  ', '    ').join('\n');
}

/** One post on its own: findings, then one line for the passed clauses and one for the checklist. */
function singlePost(post: PostReport, raw: string | undefined, options: FormatOptions, style: Style): string[] {
  const lines = [...header(post, style, true), ...findingsAndNotes(post, raw, style)];
  if (!options.quiet) {
    const passed = post.clauses.filter((c) => c.status === 'passed').map((c) => c.id);
    lines.push(...idsLine(style.paint.green('✔'), 'passed', passed, style), ...idsLine(style.paint.cyan('☐'), 'manual', manualIds(post), style, MANUAL_TAIL));
  }
  lines.push(countsLine(post, style), '');
  return lines;
}

/** A post of a batch that did not pass: the header (with verdict and schedule) and its findings. */
function batchPost(post: PostReport, raw: string | undefined, style: Style): string[] {
  return [...header(post, style, true), ...findingsAndNotes(post, raw, style), ''];
}

/** --checklist: every clause of the post, in the order a reviewer works (screened, then manual). */
function checklistPost(post: PostReport, raw: string | undefined, options: FormatOptions, style: Style): string[] {
  const lines = header(post, style, true);
  const ordered = [...post.clauses.filter((c) => c.kind !== 'manual'), ...post.clauses.filter((c) => c.kind === 'manual')];
  const titleWidth = Math.min(40, Math.max(0, style.width - 40));
  for (const clause of ordered) {
    if (options.quiet && (clause.status === 'passed' || clause.status === 'manual')) continue;
    lines.push(...clauseLine(clause, style, titleWidth));
    for (const f of post.findings.filter((x) => x.clause === clause.id)) lines.push(...findingLines(post, raw, f, style));
  }
  if (post.omittedFindings) lines.push(`  ${style.paint.yellow('…')} ${post.omittedFindings} more findings not shown (the first ${post.findings.length} by position are)`);
  for (const e of post.errors) lines.push(...wrap(`${style.paint.red('✖')} screener ${e.screener} failed: ${visibleLine(e.message)}`, style.width, '  ', '    '));
  lines.push(countsLine(post, style), '');
  return lines;
}

const CLAUSE_COLUMNS: Array<[ClauseStatus, string]> = [
  ['failed', 'failed'],
  ['needs-approval', 'approval'],
  ['warning', 'review'],
  ['not-screened', 'unscreened'],
  ['error', 'error'],
];

/**
 * Per clause, how many posts failed it, need approval or review, or could not be screened for it:
 * only the clauses where something happened (all of them with --checklist), fitted to the width.
 */
export function clauseTable(counts: ClauseCount[], paint: Paint, width: number = DEFAULT_WIDTH, all = false): string[] {
  const screened = counts.filter((c) => c.kind !== 'manual');
  const rows = all ? screened : screened.filter((c) => CLAUSE_COLUMNS.some(([status]) => c.counts[status] > 0));
  if (rows.length === 0) return [];
  const cellsWidth = CLAUSE_COLUMNS.reduce((sum, [, label]) => sum + label.length + 2, 0);
  // The title column takes what the width leaves; on a narrow terminal it is left out.
  const room = width - 2 - 8 - cellsWidth;
  const titleWidth = room < 10 ? 0 : Math.min(48, room, Math.max(...rows.map((c) => c.title.length)));
  const fit = (title: string): string => (titleWidth === 0 ? '' : title.length > titleWidth ? `${title.slice(0, titleWidth - 1)}…  ` : `${title.padEnd(titleWidth)}  `);
  const header = `  ${'clause'.padEnd(7)} ${titleWidth ? `${'title'.padEnd(titleWidth)}  ` : ''}${CLAUSE_COLUMNS.map(([, label]) => label).join('  ')}`;
  const lines = [paint.bold('Per clause (number of posts):'), paint.dim(header)];
  for (const c of rows) {
    const cells = CLAUSE_COLUMNS.map(([status, label]) => {
      const n = c.counts[status];
      const text = String(n).padStart(label.length);
      return n === 0 ? paint.dim(text) : status === 'failed' || status === 'error' ? paint.red(text) : paint.yellow(text);
    });
    lines.push(`  ${c.id.padEnd(7)} ${fit(c.title)}${cells.join('  ')}`);
  }
  return lines;
}

function summaryLine(s: Summary, paint: Paint, width: number): string {
  const parts = [`${plural(s.posts, 'post')} screened`];
  for (const { verdict, text } of summaryParts(s)) parts.push(paint[VERDICTS[verdict].colour](text));
  if (s.inputErrors) parts.push(paint.red(`${plural(s.inputErrors, 'input error')} (on stderr)`));
  return wrap(parts.join(', '), width, '').join('\n');
}

export interface StylishOptions extends FormatOptions {
  /** Columns to wrap to (default 80). */
  width?: number;
  /** The full per-clause list for every post instead of the compact form. */
  checklist?: boolean;
}

/**
 * Terminal report, streamed. One post: its findings (excerpt and fix), one line of passed clauses,
 * one of the manual checklist, the verdict. A batch: only the posts that did not pass, then the
 * per-clause table and a one-line summary. Input errors are printed on stderr as they occur, not
 * repeated here. The first post waits until the second arrives (or the end) to know which form.
 */
export function stylishSink(write: Write, options: StylishOptions, paint: Paint = NO_PAINT): ReportSink {
  const style: Style = { paint, width: options.width ?? DEFAULT_WIDTH };
  let first: { post: PostReport; text?: string } | undefined;
  let posts = 0;
  let manual: string[] = [];
  const noted = new Map<string, { note: PostNote; where: string[] }>();
  const emit = (lines: string[]): void => {
    if (lines.length) write(`${lines.join('\n')}\n`);
  };
  const batch = (post: PostReport, text: string | undefined): void => {
    if (options.checklist) {
      if (!(options.quiet && isPassing(post))) emit(checklistPost(post, text, options, style));
    } else if (!isPassing(post)) {
      emit(batchPost(post, text, style));
    } else {
      for (const note of post.notes ?? []) {
        const entry = noted.get(note.id) ?? { note, where: [] };
        entry.where.push(visibleLine(post.id === post.source ? post.source : post.id));
        noted.set(note.id, entry);
      }
    }
  };
  return {
    post(post, text) {
      posts += 1;
      if (manual.length === 0) manual = manualIds(post);
      if (posts === 1) {
        first = { post, text };
        return;
      }
      if (first) {
        batch(first.post, first.text);
        first = undefined;
      }
      batch(post, text);
    },
    end(totals: RunTotals) {
      if (first && posts === 1) {
        emit(options.checklist ? checklistPost(first.post, first.text, options, style) : singlePost(first.post, first.text, options, style));
      }
      const lines: string[] = [];
      if (posts > 1) {
        lines.push(...passingNotes(noted, style));
        const table = clauseTable(totals.clauseCounts, paint, style.width, options.checklist === true);
        if (table.length) lines.push(...table, '');
        if (!options.quiet && !options.checklist && manual.length) lines.push(...idsLine(paint.cyan('☐'), 'manual, for every post', manual, style, MANUAL_TAIL), '');
      }
      lines.push(summaryLine(totals.summary, paint, style.width));
      emit(lines);
    },
  };
}

/** `texts` maps a post to its text so the excerpt can show the whole line around a match. */
export function formatStylish(run: RunReport, options: StylishOptions, paint: Paint = NO_PAINT, texts?: Map<PostReport, string>): string {
  return renderRun((write) => stylishSink(write, options, paint), run, texts);
}
