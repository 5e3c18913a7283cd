import type { RunReport } from '../types';
import type { FormatOptions } from './types';

/**
 * JSON report, schema version 1 (documented in docs/json-schema.md). Stable key order and no
 * timestamps: the same input gives byte-identical output.
 */
export const JSON_SCHEMA_VERSION = 1;

export function formatJson(run: RunReport, options: FormatOptions): string {
  const posts = options.quiet ? run.posts.filter((p) => p.verdict !== 'clean') : run.posts;
  const body = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: run.tool,
    policy: run.policy,
    posts: posts.map((p) => ({
      source: p.source,
      id: p.id,
      ...(p.meta ? { meta: p.meta } : {}),
      verdict: p.verdict,
      language: p.language,
      clauses: options.quiet ? p.clauses.filter((c) => c.status !== 'passed' && c.status !== 'manual') : p.clauses,
      findings: p.findings,
      errors: p.errors,
    })),
    inputErrors: run.inputErrors,
    summary: run.summary,
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
