import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { chainLine, GENESIS, isAuditEntry, type AuditEntry } from './chain';

/**
 * Appending to the audit log from several processes at once. An exclusive lock file serializes
 * writers, so the chain never forks; each run's lines are written with one write and fsync'd.
 * A line torn by a crash (no final newline) is cut off by the next writer, under the lock, and the
 * next entry records that it did so: earlier, complete lines are never touched.
 */

const LOCK_TIMEOUT_MS = 30_000;
const STALE_LOCK_MS = 15_000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock whose owner died, or that is older than any append takes, is removed. */
function removeIfStale(lockPath: string): void {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').split(' ')[0]);
    const age = Date.now() - statSync(lockPath).mtimeMs;
    if ((pid > 0 && !processAlive(pid)) || age > STALE_LOCK_MS) unlinkSync(lockPath);
  } catch {
    // The lock went away meanwhile: nothing to do.
  }
}

function withLock<T>(file: string, work: () => T): T {
  const lockPath = `${file}.lock`;
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid} ${new Date().toISOString()}`);
      closeSync(fd);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (Date.now() > deadline) throw new AuditLogError(`is locked by ${lockPath}; gave up after ${LOCK_TIMEOUT_MS / 1000} s`);
      removeIfStale(lockPath);
      sleep(5 + Math.floor(Math.random() * 20));
    }
  }
  try {
    return work();
  } finally {
    unlinkSync(lockPath);
  }
}

const NEWLINE = 0x0a;

/**
 * Reads backwards from the end until the last newline: the last complete line (as bytes) and the size
 * of the file up to and including it. Everything is measured in bytes: a torn line may end in the
 * middle of a character, and decoding it would change its length.
 */
export function readTail(fd: number, size: number): { lastLine: Buffer; completeSize: number } {
  const chunk = Buffer.alloc(65_536);
  let end = size;
  let tail = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    tail = Buffer.concat([chunk.subarray(0, n), tail]);
    end = start;
    const lastNewline = tail.lastIndexOf(NEWLINE);
    const previousNewline = lastNewline > 0 ? tail.lastIndexOf(NEWLINE, lastNewline - 1) : -1;
    if (lastNewline >= 0 && (previousNewline >= 0 || end === 0)) {
      return { lastLine: tail.subarray(previousNewline + 1, lastNewline), completeSize: end + lastNewline + 1 };
    }
  }
  return { lastLine: Buffer.alloc(0), completeSize: 0 };
}

/** A problem with the audit log itself (not JSON, a directory, locked): one line for the user. */
export class AuditLogError extends Error {}

/** The entry the new lines chain on to: the last complete line, which must be one p5050 wrote. */
function lastEntry(lastLine: Buffer): AuditEntry | undefined {
  if (lastLine.length === 0) return undefined;
  let entry: unknown;
  try {
    entry = JSON.parse(lastLine.toString('utf8'));
  } catch {
    throw new AuditLogError('its last complete line is not valid JSON, so the chain cannot be continued (see: p5050 audit verify)');
  }
  if (!isAuditEntry(entry)) throw new AuditLogError('its last complete line is not a p5050 audit entry (no seq, prev or hash), so the chain cannot be continued');
  return entry;
}

function describeFsError(err: unknown): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return new AuditLogError('is a directory, not an audit log file');
  if (code === 'EACCES' || code === 'EPERM') return new AuditLogError('permission denied');
  if (code === 'ENOTDIR') return new AuditLogError('a part of the path is not a directory');
  return err instanceof AuditLogError ? err : new AuditLogError((err as Error).message);
}

/**
 * Appends entries to the chain. Throws an AuditLogError (with a message fit for one line after the
 * file name) when the log cannot be appended to; nothing is written then.
 */
export function appendAuditEntries(file: string, entries: Array<Record<string, unknown>>): void {
  if (entries.length === 0) return;
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file) && statSync(file).isDirectory()) throw new AuditLogError('is a directory, not an audit log file');
    withLock(file, () => appendLocked(file, entries));
  } catch (err) {
    throw describeFsError(err);
  }
}

function appendLocked(file: string, entries: Array<Record<string, unknown>>): void {
  const fd = openSync(file, 'a+');
  try {
    const size = fstatSync(fd).size;
    const { lastLine, completeSize } = readTail(fd, size);
    const recovered = size - completeSize;
    const last = lastEntry(lastLine);
    if (recovered > 0) ftruncateSync(fd, completeSize);
    let prev = { hash: last?.hash ?? GENESIS, seq: last?.seq ?? 0 };
    const lines: string[] = [];
    entries.forEach((fields, i) => {
      const note = i === 0 && recovered > 0 ? { recovered: `removed ${recovered} bytes of a torn, incomplete line` } : {};
      const { line, hash } = chainLine({ ...fields, ...note }, prev);
      lines.push(line);
      prev = { hash, seq: prev.seq + 1 };
    });
    writeSync(fd, `${lines.join('\n')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
