import type { PostReport, RunReport, RunTotals, Span } from '../types';
import type { ReportSink, Write } from './types';
import { maskSpans } from '../text/mask';

/**
 * A sink that is given each post's text with the findings' secrets masked: formatters that show the
 * source line around a finding (stylish) then never print a password, key or code. Every sink a
 * format builds is wrapped in this, in createSink and renderRun, so no formatter has to remember.
 */
export function secretsMasked(sink: ReportSink): ReportSink {
  // Everything else the sink has (inputError, end, filler) passes through as it is.
  return {
    ...sink,
    post(report, text) {
      const secrets = report.findings.map((f) => f.secret).filter((s): s is Span => s !== undefined);
      sink.post(report, text === undefined || secrets.length === 0 ? text : maskSpans(text, secrets));
    },
  };
}

/** A whole run's report as one string, through the same sink that streams it. */
export function renderRun(makeSink: (write: Write) => ReportSink, run: RunReport, texts?: Map<PostReport, string>): string {
  const chunks: string[] = [];
  feedRun(secretsMasked(makeSink((chunk) => chunks.push(chunk))), run, texts);
  return chunks.join('');
}

/** Gives a finished run to a sink, as a streamed run would. */
export function feedRun(sink: ReportSink, run: RunReport, texts?: Map<PostReport, string>): void {
  for (const post of run.posts) sink.post(post, texts?.get(post));
  for (const error of run.inputErrors) sink.inputError?.(error);
  sink.end(totalsOf(run));
}

export function totalsOf(run: RunReport): RunTotals {
  return { tool: run.tool, policy: run.policy, inputErrors: run.inputErrors, summary: run.summary, clauseCounts: run.clauseCounts ?? [] };
}

/** "posts.csv row 12" for batch posts, the file name alone for a whole-file post. */
export function postTitle(post: PostReport): string {
  return post.id === post.source ? post.source : `${post.source} ${post.id}`;
}

/** JSON.stringify(value, null, 2) for a value nested in a pretty-printed document at indentation `by`. */
export function indentedJson(value: unknown, by: string): string {
  return JSON.stringify(value, null, 2).split('\n').join(`\n${by}`);
}
