import type { PostReport, RunReport, RunTotals } from '../types';
import type { ReportSink, Write } from './types';

/** A whole run's report as one string, through the same sink that streams it. */
export function renderRun(makeSink: (write: Write) => ReportSink, run: RunReport, texts?: Map<PostReport, string>): string {
  const chunks: string[] = [];
  feedRun(makeSink((chunk) => chunks.push(chunk)), run, texts);
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
