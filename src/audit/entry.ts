import type { PostReport } from '../types';

/** What the audit log keeps about one screened post: enough to show what was decided and on which words. */
export function auditFields(report: PostReport, contentHash: string, tool: string, time: string): Record<string, unknown> {
  const active = report.findings.filter((f) => !f.approval);
  const failedClauses = [...new Set(active.filter((f) => f.severity === 'error').map((f) => f.clause))];
  const used = report.findings.filter((f) => f.approval).map((f) => f.approval!);
  return {
    time,
    tool,
    source: report.source,
    ...(report.id !== report.source ? { postId: report.id } : {}),
    contentHash,
    decision: report.verdict,
    findings: {
      errors: active.filter((f) => f.severity === 'error').length,
      warnings: active.filter((f) => f.severity === 'warning').length,
      failedClauses,
    },
    approvalsUsed: [...new Map(used.map((a) => [`${a.kind}|${a.clause}|${a.rule ?? ''}|${a.by}|${a.at}`, a])).values()].map((a) => ({
      kind: a.kind,
      clause: a.clause,
      ...(a.rule ? { rule: a.rule } : {}),
      by: a.by,
      at: a.at,
    })),
  };
}
