import type { RunTotals } from '../types';
import type { FormatOptions, ReportSink, RunHead, Write } from './types';
import { JSON_SCHEMA_VERSION, postJson, shownPost } from './json';

/**
 * JSON Lines report, streamed: one line per post ({"type":"post", …the JSON report's post fields}),
 * a line per input error ({"type":"inputError", source, message}) where it occurred, and a last
 * line with the totals ({"type":"summary", schemaVersion, tool, policy, summary, clauses}).
 */
export function jsonlSink(write: Write, head: RunHead, options: FormatOptions): ReportSink {
  return {
    post(report) {
      if (shownPost(report, options)) write(`${JSON.stringify({ type: 'post', ...postJson(report, options) })}\n`);
    },
    inputError(error) {
      write(`${JSON.stringify({ type: 'inputError', ...error })}\n`);
    },
    end(totals: RunTotals) {
      const { summary, clauseCounts } = totals;
      write(`${JSON.stringify({ type: 'summary', schemaVersion: JSON_SCHEMA_VERSION, tool: head.tool, policy: head.policy, summary, clauses: clauseCounts })}\n`);
    },
  };
}
