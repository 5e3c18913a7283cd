import { createHash } from 'node:crypto';

/**
 * The audit log is a hash chain of JSON lines: each line holds `prev`, the hash of the line before
 * (GENESIS for the first), and, as its last member, `hash`: the sha256 of the line's exact bytes
 * without that member (the line up to `,"hash":"…"`, then `}`). Editing a line breaks its hash;
 * removing or reordering lines breaks the next line's `prev`.
 *
 * The chain is unkeyed: whoever can rewrite the file can recompute every hash. It shows that the log
 * is as its writer (or such a person) left it, and that nothing was cut from its end only when checked
 * against a head hash kept somewhere else (`p5050 audit verify --expect-head <hash>`).
 */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  prev: string;
  hash: string;
  [field: string]: unknown;
}

const HASH = /^[0-9a-f]{64}$/;
const HASH_MEMBER_LENGTH = ',"hash":"'.length + 64 + '"}'.length;

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Serializes a new entry after `prev` (hash and seq of the previous line). */
export function chainLine(fields: Record<string, unknown>, prev: { hash: string; seq: number }): { line: string; hash: string } {
  const body = JSON.stringify({ seq: prev.seq + 1, ...fields, prev: prev.hash });
  const hash = sha256(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

/** Whether a parsed line has what the chain needs: a whole seq, a prev and a hash of 64 hex digits. */
export function isAuditEntry(value: unknown): value is AuditEntry {
  const entry = value as Partial<AuditEntry> | null;
  return (
    typeof entry === 'object' && entry !== null && Number.isInteger(entry.seq) && typeof entry.prev === 'string' && HASH.test(entry.prev) &&
    typeof entry.hash === 'string' && HASH.test(entry.hash)
  );
}

/**
 * The first key repeated within one object of a JSON text, or undefined. JSON.parse keeps the last of
 * repeated keys, while another reader may show the first ("decision":"clean","decision":"blocked").
 */
export function repeatedKey(json: string): string | undefined {
  const objects: Array<Set<string> | undefined> = [];
  let expectKey = false;
  for (let i = 0; i < json.length; i++) {
    const ch = json[i];
    if (ch === '"') {
      let end = i + 1;
      while (end < json.length && json[end] !== '"') end += json[end] === '\\' ? 2 : 1;
      const keys = objects[objects.length - 1];
      if (expectKey && keys) {
        const key = JSON.parse(json.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
      }
      expectKey = false;
      i = end;
    } else if (ch === '{') {
      objects.push(new Set());
      expectKey = true;
    } else if (ch === '[') {
      objects.push(undefined);
    } else if (ch === '}' || ch === ']') {
      objects.pop();
    } else if (ch === ',') {
      expectKey = objects[objects.length - 1] !== undefined;
    }
  }
  return undefined;
}

export type VerifyResult =
  | { ok: true; lines: number; head: string }
  | { ok: false; line: number; problem: string };

export interface VerifyOptions {
  /** A head hash recorded earlier: the chain must still hold the line with this hash, or lines were cut off its end. */
  expectHead?: string;
}

/** The lines of a log's bytes, split at each newline byte; a last line without its newline is kept (and is torn). */
function splitLines(bytes: Buffer): { lines: Buffer[]; torn: boolean } {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, nl));
    start = nl + 1;
  }
  const torn = start < bytes.length;
  if (torn) lines.push(bytes.subarray(start));
  return { lines, torn };
}

export function verifyChain(log: Buffer | string, options: VerifyOptions = {}): VerifyResult {
  const { lines, torn } = splitLines(typeof log === 'string' ? Buffer.from(log, 'utf8') : log);
  let prev = GENESIS;
  let headLine = 0;
  for (let i = 0; i < lines.length; i++) {
    if (torn && i === lines.length - 1) return { ok: false, line: i + 1, problem: 'incomplete: the last line has no newline (a torn write; the next p5050 run cuts it off)' };
    const checked = checkLine(lines[i]!, prev, i + 1);
    if (typeof checked === 'string') return { ok: false, line: i + 1, problem: checked };
    prev = checked.hash;
    if (checked.hash === options.expectHead) headLine = i + 1;
  }
  if (options.expectHead !== undefined && headLine === 0) {
    return { ok: false, line: lines.length + 1, problem: `no line has the expected head hash ${options.expectHead}: lines were removed from the end, or the log was rewritten` };
  }
  return { ok: true, lines: lines.length, head: prev };
}

function checkLine(bytes: Buffer, prev: string, seq: number): string | AuditEntry {
  const text = bytes.toString('utf8');
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch {
    return 'not valid JSON (altered or a torn write)';
  }
  const repeated = repeatedKey(text);
  if (repeated !== undefined) return `altered: key "${repeated}" appears twice, so readers may disagree on its value`;
  if (!isAuditEntry(entry)) return 'not an audit entry: seq, prev or hash is missing or malformed';
  // Hash the bytes as they are, without the trailing hash member: a re-formatted line changes them.
  const suffix = `,"hash":"${entry.hash}"}`;
  if (bytes.length < HASH_MEMBER_LENGTH || bytes.subarray(bytes.length - suffix.length).toString('latin1') !== suffix) {
    return 'altered: "hash" is not the last member of the line as p5050 writes it';
  }
  const body = Buffer.concat([bytes.subarray(0, bytes.length - suffix.length), Buffer.from('}')]);
  if (sha256(body) !== entry.hash) return 'altered: its content does not match its hash';
  if (entry.prev !== prev) return 'chain broken: a line before it was removed, inserted or reordered';
  if (entry.seq !== seq) return `out of sequence: seq ${entry.seq} where ${seq} was expected (lines removed or reordered)`;
  return entry;
}
