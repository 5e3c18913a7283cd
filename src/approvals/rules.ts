import type { ApprovalRecord } from '../types';

/**
 * What may be approved. P5050 6.1.11 and 6.1.6 ask for the Department Manager's prior approval, so
 * their findings can be approved. Endorsement (6.1.14), credentials (6.1.2), and violence or threats
 * (6.1.12, 5.3.b) are never a manager's call: only a 4.1 exception, granted by DoIT with the Deputy
 * City Manager, can be recorded for them. Other clauses default to exception-only as well.
 */
export const DEFAULT_APPROVABLE = ['6.1.11', '6.1.6'];

export interface ApprovalPolicy {
  approvable: string[];
}

export type ApprovalDecision = { ok: true } | { ok: false; reason: string };

export function mayRecord(kind: 'approval' | 'exception', clause: string, policy: ApprovalPolicy): ApprovalDecision {
  if (kind === 'exception' || policy.approvable.includes(clause)) return { ok: true };
  return {
    ok: false,
    reason:
      `clause ${clause} cannot be approved by a manager (approvable: ${policy.approvable.join(', ') || 'none'}); ` +
      'a case-by-case exception under 4.1 (DoIT with the Deputy City Manager) can be recorded with --kind exception',
  };
}

export interface IgnoredApproval {
  record: ApprovalRecord;
  reason: string;
}

/**
 * What `check` may honour of the recorded approvals: the same rule as `approve`, so an approvals line or
 * front-matter entry written by hand for a clause no manager may approve (6.1.14, 6.1.2, …) counts for nothing.
 */
export function sortApprovals(records: ApprovalRecord[], policy: ApprovalPolicy): { honoured: ApprovalRecord[]; ignored: IgnoredApproval[] } {
  const honoured: ApprovalRecord[] = [];
  const ignored: IgnoredApproval[] = [];
  for (const record of records) {
    const decision = mayRecord(record.kind, record.clause, policy);
    if (decision.ok) honoured.push(record);
    else ignored.push({ record, reason: decision.reason });
  }
  return { honoured, ignored };
}

/** One line for stderr about an ignored approval: whose, of what, and why. */
export function ignoredApprovalWarning(where: string, ignored: IgnoredApproval): string {
  const { record } = ignored;
  const post = record.postId !== undefined ? `${record.source} ${record.postId}` : record.source;
  return `p5050: ${where}: warning: ignored the approval of ${record.clause} for ${post} by ${record.by}: ${ignored.reason}\n`;
}
