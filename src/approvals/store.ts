import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ApprovalRecord } from '../types';

/**
 * Approvals live in a JSON Lines file committed with the content, `.p5050/approvals.jsonl` by
 * default: found from the working directory upwards, or created in the working directory.
 */
export const APPROVALS_FILE = join('.p5050', 'approvals.jsonl');

export function findApprovalsFile(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, APPROVALS_FILE);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

const REQUIRED: Array<keyof ApprovalRecord> = ['kind', 'contentHash', 'source', 'clause', 'by', 'reason', 'at'];

/** Errors name the line only: whoever reports them names the file (once). */
function parseRecord(line: string, lineNo: number): ApprovalRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error(`line ${lineNo}: not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`line ${lineNo}: not an approval record (a JSON object)`);
  const record = value as Partial<ApprovalRecord>;
  const missing = REQUIRED.filter((k) => typeof record[k] !== 'string');
  if (missing.length) throw new Error(`line ${lineNo}: approval is missing ${missing.join(', ')}`);
  if (record.kind !== 'approval' && record.kind !== 'exception') throw new Error(`line ${lineNo}: kind must be "approval" or "exception"`);
  return record as ApprovalRecord;
}

/** The approvals of a file (none when it does not exist). Throws naming the line of a bad record. */
export function readApprovals(file: string): ApprovalRecord[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n|\r/)
    .map((line, i) => ({ line: line.trim(), lineNo: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, lineNo }) => parseRecord(line, lineNo));
}

export function appendApproval(file: string, record: ApprovalRecord): void {
  mkdirSync(dirname(file), { recursive: true });
  // Fixed key order keeps the committed file diff-friendly.
  const ordered: ApprovalRecord = {
    kind: record.kind,
    contentHash: record.contentHash,
    source: record.source,
    ...(record.postId !== undefined ? { postId: record.postId } : {}),
    clause: record.clause,
    ...(record.rule !== undefined ? { rule: record.rule } : {}),
    by: record.by,
    reason: record.reason,
    at: record.at,
  };
  appendFileSync(file, `${JSON.stringify(ordered)}\n`);
}
