import { normalize } from 'node:path';
import type { ApprovalRecord, Finding } from '../types';

/**
 * Binding approvals to findings. An approval covers a finding when it was given for the same
 * content hash and clause (and rule, when it names one). An approval for the same post and clause
 * whose hash differs is stale: the words changed after the manager saw them.
 */

function coversFinding(a: ApprovalRecord, f: Finding): boolean {
  return a.clause === f.clause && (a.rule === undefined || a.rule === f.ruleId);
}

export interface PostIdentity {
  source: string;
  id: string;
  contentHash: string;
}

function samePost(a: ApprovalRecord, post: PostIdentity): boolean {
  return normalize(a.source) === normalize(post.source) && (a.postId === undefined || a.postId === post.id);
}

/** Latest record first, so a newer approval wins over an older one. */
function newestFirst(approvals: ApprovalRecord[]): ApprovalRecord[] {
  return [...approvals].sort((a, b) => b.at.localeCompare(a.at));
}

export function bindApprovals(findings: Finding[], approvals: ApprovalRecord[], post: PostIdentity): Finding[] {
  if (approvals.length === 0) return findings;
  const ordered = newestFirst(approvals);
  return findings.map((f) => {
    const approval = ordered.find((a) => a.contentHash === post.contentHash && coversFinding(a, f));
    if (approval) return { ...f, approval };
    const stale = ordered.find((a) => a.contentHash !== post.contentHash && samePost(a, post) && coversFinding(a, f));
    return stale ? { ...f, staleApproval: stale } : f;
  });
}
