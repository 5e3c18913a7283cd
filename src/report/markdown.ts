import type { ClauseCount, ClauseStatus, RunTotals, Verdict } from '../types';
import type { FormatOptions, ReportSink, RunHead, Write } from './types';
import { visibleLine } from './escape';
import { positionLabel } from './location';
import { postTitle } from './render';
import { VERDICTS, isPassing, summaryParts } from './verdicts';

/**
 * Markdown for a pull-request comment: the summary, a per-clause table, a table of the posts that did
 * not pass and one of their findings, and the input errors. Cells are escaped so post text cannot
 * break the table or inject HTML, and show control characters visibly.
 */

const MAX_CELL = 160;

export function cell(text: string): string {
  const flat = visibleLine(text).trim();
  const short = flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
  return short.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`/g, '\\`');
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], align: string[], rows: string[][]): string[] {
  return [row(header), row(align), ...rows.map(row)];
}

const verdictCell = (v: Verdict): string => `${VERDICTS[v].emoji} ${VERDICTS[v].short}`;

/** GitHub refuses comments over 65,536 characters: the report stays below this, with a note of what was left out. */
export const MARKDOWN_LIMIT = 60_000;
/** Room kept for the note of what was left out and the input errors' heading. */
const NOTE_ROOM = 600;

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

/**
 * Only posts that did not pass are listed, and the whole comment stays under MARKDOWN_LIMIT: rows
 * are kept (at most the limit's worth) until the end, where the summary comes first, then as many
 * post and finding rows as fit, then a note of how many were left out.
 */
export function markdownSink(write: Write, head: RunHead, _options: FormatOptions, limit = MARKDOWN_LIMIT): ReportSink {
  // The title goes out at once: a closed output is noticed before any screening.
  const title = `### p5050: Social Media Policy ${head.policy.policy} (revision ${head.policy.revision})`;
  write(`${title}\n`);
  const posts: string[] = [];
  const findings: string[] = [];
  let held = 0;
  let droppedPosts = 0;
  let droppedFindings = 0;
  const keep = (rows: string[], row: string): boolean => {
    if (held + row.length > limit) return false;
    rows.push(row);
    held += row.length;
    return true;
  };
  return {
    filler: '\n',
    post(post) {
      if (isPassing(post)) return;
      const count = (severity: string): string => String(post.findings.filter((f) => f.severity === severity).length);
      if (!keep(posts, `${row([cell(postTitle(post)), cell(String(post.meta?.date ?? '')), cell(String(post.meta?.network ?? '')), verdictCell(post.verdict), count('error'), count('warning')])}\n`)) droppedPosts += 1;
      for (const f of post.findings) {
        const line = `${row([cell(postTitle(post)), cell(positionLabel(post, f)), f.clause, f.severity, cell(f.message), `“${cell(f.excerpt)}”`, cell(f.suggestion), `\`${f.screener}/${f.ruleId}\``])}\n`;
        if (!keep(findings, line)) droppedFindings += 1;
      }
    },
    end(totals: RunTotals) {
      const s = totals.summary;
      const parts = summaryParts(s).map(({ verdict, text }) => `${VERDICTS[verdict].emoji} ${text}`);
      if (s.inputErrors) parts.push(`🚫 ${s.inputErrors} input error${s.inputErrors === 1 ? '' : 's'}`);
      const head1 = ['', `**${s.posts} post${s.posts === 1 ? '' : 's'} screened:** ${parts.join(' · ')}`, ...clauseRows(totals.clauseCounts)].join('\n');
      const errors = totals.inputErrors.length ? `\n${['#### Input errors', '', ...table(['Source', 'Problem'], ['---', '---'], totals.inputErrors.slice(0, 50).map((e) => [cell(e.source), cell(e.message)]))].join('\n')}\n` : '';
      let budget = limit - title.length - 1 - head1.length - errors.length - NOTE_ROOM;
      const out: string[] = [`${head1}\n`];
      const section = (title: string, header: string[], align: string[], rows: string[]): number => {
        if (rows.length === 0) return 0;
        const top = `\n#### ${title}\n\n${table(header, align, []).join('\n')}\n`;
        budget -= top.length;
        let shown = 0;
        const body: string[] = [];
        for (const r of rows) {
          if (r.length > budget) break;
          body.push(r);
          budget -= r.length;
          shown += 1;
        }
        if (shown) out.push(top, ...body);
        return rows.length - shown;
      };
      droppedPosts += section('Posts that did not pass', ['Post', 'Scheduled', 'Network', 'Verdict', 'Errors', 'Warnings'], ['---', '---', '---', '---', '--:', '--:'], posts);
      droppedFindings += section('Findings', ['Post', 'Where', 'Clause', 'Severity', 'Finding', 'Excerpt', 'Suggestion', 'Rule'], Array(8).fill('---'), findings);
      if (droppedPosts || droppedFindings) {
        out.push(`\n_Left out to stay under GitHub's comment limit: ${droppedPosts} post row${droppedPosts === 1 ? '' : 's'} and ${droppedFindings} finding${droppedFindings === 1 ? '' : 's'}. Run \`p5050 check --format html -o report.html\` for the whole review._\n`);
      }
      if (totals.inputErrors.length > 50) out.push(`\n_${totals.inputErrors.length - 50} more input errors not listed._\n`);
      out.push(errors);
      write(out.join(''));
    },
  };
}
