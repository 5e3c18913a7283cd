import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { readApprovals } from '../approvals/store';
import type { ApprovalRecord, InputError } from '../types';
import { approvalRoot, approvalsPath } from './approve';

/**
 * Approvals name posts relative to the folder holding `.p5050/`; the CLI names them as typed.
 * Rewriting each approval's source relative to the working directory lets stale approvals be found.
 */
export function loadApprovals(explicit: string | undefined, errors: InputError[]): { file: string; records: ApprovalRecord[] } {
  const file = approvalsPath(explicit);
  const shown = relative(process.cwd(), file) || file;
  if (explicit && !existsSync(file)) {
    errors.push({ source: explicit, message: 'no such approvals file' });
    return { file: shown, records: [] };
  }
  try {
    const root = approvalRoot(file);
    return { file: shown, records: readApprovals(file).map((a) => ({ ...a, source: relative(process.cwd(), resolve(root, a.source)) })) };
  } catch (err) {
    errors.push({ source: file, message: (err as Error).message });
    return { file: shown, records: [] };
  }
}
