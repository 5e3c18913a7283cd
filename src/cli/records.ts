import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { contentHash } from '../approvals/hash';
import { readApprovals } from '../approvals/store';
import { appendAuditEntries } from '../audit/append';
import { auditFields } from '../audit/entry';
import type { ApprovalRecord, InputError, PostInput, RunReport } from '../types';
import { approvalRoot, approvalsPath } from './approve';

/**
 * Approvals name posts relative to the folder holding `.p5050/`; the CLI names them as typed.
 * Rewriting each approval's source relative to the working directory lets stale approvals be found.
 */
export function loadApprovals(explicit: string | undefined, errors: InputError[]): ApprovalRecord[] {
  const file = approvalsPath(explicit);
  if (explicit && !existsSync(file)) {
    errors.push({ source: explicit, message: 'no such approvals file' });
    return [];
  }
  try {
    const root = approvalRoot(file);
    return readApprovals(file).map((a) => ({ ...a, source: relative(process.cwd(), resolve(root, a.source)) }));
  } catch (err) {
    errors.push({ source: file, message: (err as Error).message });
    return [];
  }
}

export function recordAudit(file: string, run: RunReport, posts: PostInput[]): void {
  const time = new Date().toISOString();
  const tool = `${run.tool.name} ${run.tool.version}`;
  appendAuditEntries(
    file,
    run.posts.map((report, i) => auditFields(report, contentHash(posts[i]!.text), tool, time)),
  );
}
