import type { ClauseCount, ClauseStatus, PostReport, RunTotals } from '../types';
import type { FormatOptions, ReportSink, RunHead, Write } from './types';
import { positionLabel } from './location';
import { postTitle } from './render';
import { Spool } from './spool';

/**
 * Markdown for a pull-request comment: the summary, a per-clause table, a table of posts and one of
 * findings, and the input errors. Cells are escaped so post text cannot break the table or inject HTML.
 */

const MAX_CELL = 160;

export function cell(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').trim();
  const short = flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
  return short.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\\`');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], align: string[], rows: string[][]): string[] {
  return [row(header), row(align), ...rows.map(row)];
}

const VERDICT: Record<PostReport['verdict'], string> = {
  blocked: '❌ blocked',
  review: '⚠️ needs review',
  clean: '✅ clean',
  'not-screened': '❔ not fully screened',
};

const CLAUSE_COLUMNS: Array<[ClauseStatus, string]> = [
  ['failed', 'Failed'],
  ['needs-approval', 'Needs approval'],
  ['warning', 'Review'],
  ['not-screened', 'Not screened'],
  ['error', 'Screener error'],
];

function clauseRows(counts: ClauseCount[]): string[] {
  const rows = counts.filter((c) => c.kind !== 'manual').map((c) => [c.id, cell(c.title), ...CLAUSE_COLUMNS.map(([s]) => String(c.counts[s]))]);
  if (rows.length === 0) return [];
  return ['', '#### Per clause (number of posts)', '', ...table(['Clause', 'Title', ...CLAUSE_COLUMNS.map(([, l]) => l)], ['---', '---', ...CLAUSE_COLUMNS.map(() => '--:')], rows)];
}

/** Posts and findings rows wait in spools (temporary files when large): the summary comes first. */
export function markdownSink(write: Write, head: RunHead, options: FormatOptions): ReportSink {
  // The title goes out at once: a closed output is noticed before any screening.
  write(`### p5050: Social Media Policy ${head.policy.policy} (revision ${head.policy.revision})\n`);
  const posts = new Spool();
  const findings = new Spool();
  return {
    post(post) {
      if (options.quiet && post.verdict === 'clean') return;
      const count = (severity: string): string => String(post.findings.filter((f) => f.severity === severity).length);
      posts.write(`${row([cell(postTitle(post)), cell(String(post.meta?.date ?? '')), cell(String(post.meta?.network ?? '')), VERDICT[post.verdict], count('error'), count('warning')])}\n`);
      for (const f of post.findings) {
        findings.write(`${row([cell(postTitle(post)), positionLabel(post, f), f.clause, f.severity, cell(f.message), `“${cell(f.excerpt)}”`, cell(f.suggestion), `\`${f.screener}/${f.ruleId}\``])}\n`);
      }
    },
    end(totals: RunTotals) {
      const s = totals.summary;
      const parts = [`❌ ${s.blocked} blocked`, `⚠️ ${s.review} need review`, `✅ ${s.clean} clean`];
      if (s.notScreened) parts.push(`❔ ${s.notScreened} not fully screened`);
      if (s.inputErrors) parts.push(`🚫 ${s.inputErrors} input error${s.inputErrors === 1 ? '' : 's'}`);
      const lines = ['', `**${s.posts} post${s.posts === 1 ? '' : 's'} screened:** ${parts.join(' · ')}`, ...clauseRows(totals.clauseCounts)];
      write(`${lines.join('\n')}\n`);
      if (posts.length) {
        write(`\n#### Posts\n\n${table(['Post', 'Scheduled', 'Network', 'Verdict', 'Errors', 'Warnings'], ['---', '---', '---', '---', '--:', '--:'], []).join('\n')}\n`);
        posts.drainTo(write);
      }
      if (findings.length) {
        write(`\n#### Findings\n\n${table(['Post', 'Where', 'Clause', 'Severity', 'Finding', 'Excerpt', 'Suggestion', 'Rule'], Array(8).fill('---'), []).join('\n')}\n`);
        findings.drainTo(write);
      }
      if (totals.inputErrors.length) {
        write(`\n${['#### Input errors', '', ...table(['Source', 'Problem'], ['---', '---'], totals.inputErrors.map((e) => [cell(e.source), cell(e.message)]))].join('\n')}\n`);
      }
    },
  };
}
