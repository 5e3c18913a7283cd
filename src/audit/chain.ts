import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain of JSON lines: each line holds `prev`, the hash of the line before
 * (GENESIS for the first), and `hash`, the sha256 of its own JSON without `hash`. Editing a line
 * breaks its hash; removing or reordering lines breaks the next line's `prev`.
 */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  prev: string;
  hash: string;
  [field: string]: unknown;
}

export function hashEntry(withoutHash: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(withoutHash), 'utf8').digest('hex');
}

/** Serializes a new entry after `prev` (hash and seq of the previous line). */
export function chainLine(fields: Record<string, unknown>, prev: { hash: string; seq: number }): { line: string; hash: string } {
  const body = { seq: prev.seq + 1, ...fields, prev: prev.hash };
  const hash = hashEntry(body);
  return { line: JSON.stringify({ ...body, hash }), hash };
}

export type VerifyResult = { ok: true; lines: number } | { ok: false; line: number; problem: string };

export function verifyChain(text: string): VerifyResult {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let prev = GENESIS;
  for (let i = 0; i < lines.length; i++) {
    const problem = checkLine(lines[i]!, prev, i + 1);
    if (typeof problem === 'string') return { ok: false, line: i + 1, problem };
    prev = problem.hash;
  }
  return { ok: true, lines: lines.length };
}

function checkLine(line: string, prev: string, seq: number): string | AuditEntry {
  let entry: AuditEntry;
  try {
    entry = JSON.parse(line) as AuditEntry;
  } catch {
    return 'not valid JSON (altered or a torn write)';
  }
  const { hash, ...withoutHash } = entry;
  if (hashEntry(withoutHash) !== hash) return 'altered: its content does not match its hash';
  if (entry.prev !== prev) return 'chain broken: a line before it was removed, inserted or reordered';
  if (entry.seq !== seq) return `out of sequence: seq ${entry.seq} where ${seq} was expected (lines removed or reordered)`;
  return entry;
}
