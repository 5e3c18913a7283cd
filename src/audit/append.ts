import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { chainLine, GENESIS, type AuditEntry } from './chain';

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
      if (Date.now() > deadline) throw new Error(`audit log ${file} is locked by ${lockPath}; gave up after ${LOCK_TIMEOUT_MS / 1000} s`);
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

/** Reads backwards from the end until the last newline: the last complete line and any torn tail. */
function readTail(fd: number, size: number): { lastLine: string; completeSize: number } {
  const chunk = Buffer.alloc(65_536);
  let end = size;
  let tail = Buffer.alloc(0);
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const n = readSync(fd, chunk, 0, end - start, start);
    tail = Buffer.concat([chunk.subarray(0, n), tail]);
    end = start;
    const text = tail.toString('utf8');
    const lastNewline = text.lastIndexOf('\n');
    const previousNewline = text.lastIndexOf('\n', lastNewline - 1);
    if (lastNewline >= 0 && (previousNewline >= 0 || end === 0)) {
      const completeSize = size - Buffer.byteLength(text.slice(lastNewline + 1));
      return { lastLine: text.slice(previousNewline + 1, lastNewline), completeSize };
    }
  }
  return { lastLine: '', completeSize: 0 };
}

export function appendAuditEntries(file: string, entries: Array<Record<string, unknown>>): void {
  if (entries.length === 0) return;
  mkdirSync(dirname(file), { recursive: true });
  withLock(file, () => {
    const fd = openSync(file, 'a+');
    try {
      const size = fstatSync(fd).size;
      const { lastLine, completeSize } = readTail(fd, size);
      const recovered = size - completeSize;
      if (recovered > 0) ftruncateSync(fd, completeSize);
      const last = lastLine ? (JSON.parse(lastLine) as AuditEntry) : undefined;
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
  });
}
