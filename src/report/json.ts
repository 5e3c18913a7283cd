import type { PostReport, RunReport, RunTotals } from '../types';
import type { FormatOptions, ReportSink, RunHead, Write } from './types';
import { indentedJson, renderRun } from './render';

/**
 * JSON report, schema version 1 (documented in docs/json-schema.md). Stable key order and no
 * timestamps: the same input gives byte-identical output. The sink streams the same bytes post by
 * post, so a large batch never has to be held in memory.
 */
export const JSON_SCHEMA_VERSION = 1;

/** A post as the JSON (and JSON Lines) report shows it. */
export function postJson(p: PostReport, options: FormatOptions): Record<string, unknown> {
  return {
    source: p.source,
    id: p.id,
    ...(p.meta ? { meta: p.meta } : {}),
    verdict: p.verdict,
    language: p.language,
    clauses: options.quiet ? p.clauses.filter((c) => c.status !== 'passed' && c.status !== 'manual') : p.clauses,
    findings: p.findings,
    ...(p.omittedFindings ? { omittedFindings: p.omittedFindings } : {}),
    errors: p.errors,
    ...(p.notes ? { notes: p.notes } : {}),
  };
}

export function shownPost(p: PostReport, options: FormatOptions): boolean {
  return !options.quiet || p.verdict !== 'clean';
}

export function jsonSink(write: Write, head: RunHead, options: FormatOptions): ReportSink {
  let count = 0;
  const start = (): void => write(`{\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n  "tool": ${indentedJson(head.tool, '  ')},\n  "policy": ${indentedJson(head.policy, '  ')},\n  "posts": [`);
  return {
    post(report) {
      if (!shownPost(report, options)) return;
      if (count === 0) start();
      write(`${count === 0 ? '' : ','}\n    ${indentedJson(postJson(report, options), '    ')}`);
      count += 1;
    },
    end(totals: RunTotals) {
      if (count === 0) start();
      write(`${count === 0 ? ']' : '\n  ]'},\n  "inputErrors": ${indentedJson(totals.inputErrors, '  ')},\n  "summary": ${indentedJson(totals.summary, '  ')}\n}\n`);
    },
  };
}

export function formatJson(run: RunReport, options: FormatOptions): string {
  return renderRun((write) => jsonSink(write, run, options), run);
}
