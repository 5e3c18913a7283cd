import type { Finding, PostReport, RunTotals } from '../types';
import type { FormatOptions, ReportSink, Write } from './types';
import { visibleLine } from './escape';
import { fileRegion, positionLabel } from './location';
import { postTitle } from './render';
import { artifactLocation } from './sarif';
import { summaryParts } from './verdicts';

/**
 * GitHub Actions workflow commands: one annotation per finding (`::error file=…,line=…::…`), shown
 * on the pull request's changed files without code scanning. Paths are relative to the repository
 * root; values are escaped as the runner expects, and control characters of post text shown visibly.
 */

const LEVEL = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** Escapes a message: %, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value: also ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function annotation(post: PostReport, f: Finding, file: string | undefined): string {
  const region = fileRegion(post, f);
  const props = [
    ...(file ? [`file=${escapeProperty(file)}`, `line=${region.startLine}`] : []),
    ...(file && region.startColumn !== undefined ? [`col=${region.startColumn}`] : []),
    ...(file && region.endLine !== undefined && region.endLine !== region.startLine ? [`endLine=${region.endLine}`] : []),
    ...(file && region.endColumn !== undefined && region.endLine === region.startLine ? [`endColumn=${region.endColumn}`] : []),
    `title=${escapeProperty(`P5050 ${f.clause} ${f.screener}/${f.ruleId}`)}`,
  ];
  const approved = f.approval ? ` (approved by ${f.approval.by}: ${f.approval.reason})` : '';
  const where = file ? `${positionLabel(post, f)}: ` : `${postTitle(post)} ${positionLabel(post, f)}: `;
  const message = `${where}${f.message}${approved} → ${f.suggestion} ("${f.excerpt}")`;
  const level = f.approval ? 'notice' : LEVEL[f.severity];
  return `::${level} ${props.join(',')}::${escapeData(visibleLine(message))}\n`;
}

export function githubSink(write: Write, options: FormatOptions): ReportSink {
  return {
    post(post) {
      const { uri, uriBaseId } = artifactLocation(post.source, options.root);
      const file = uri === 'stdin' ? undefined : uriBaseId ? decodeURIComponent(uri) : post.source;
      for (const f of post.findings) write(annotation(post, f, file));
      for (const e of post.errors) write(`::error ${file ? `file=${escapeProperty(file)},` : ''}title=p5050 screener failed::${escapeData(visibleLine(`screener ${e.screener} failed on ${postTitle(post)}: ${e.message}`))}\n`);
    },
    inputError(e) {
      write(`::error title=p5050 input error::${escapeData(visibleLine(`${e.source}: ${e.message}`))}\n`);
    },
    end(totals: RunTotals) {
      const s = totals.summary;
      write(`p5050: ${s.posts} posts screened, ${summaryParts(s).map((p) => p.text).join(', ')}${s.inputErrors ? `, ${s.inputErrors} input errors` : ''}\n`);
    },
  };
}
