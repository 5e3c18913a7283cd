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
