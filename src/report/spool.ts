import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Write } from './types';

/**
 * Text kept for the end of a report (a JUnit suite whose counts come first, SARIF results listed
 * after the rules): in memory while small, in a temporary file once it passes MEMORY_LIMIT, so a
 * report of 100,000 posts does not have to fit in memory. The limit is small on purpose: text held
 * longer than a couple of young-generation collections is promoted to the old generation, where it
 * stays as garbage until a full collection, so a larger limit costs several times its size in memory.
 *
 * The file holds excerpts of the posts (passwords among them), so it must not outlive the run. It is
 * unlinked as soon as it is open (the data stays reachable through the descriptor and is freed when
 * the process ends, however it ends, even by SIGKILL). Until then, and where an open file cannot be
 * unlinked, its folder is removed on exit and on SIGINT, SIGTERM and SIGHUP.
 */

const MEMORY_LIMIT = 256 * 1024;
const COPY_CHUNK = 1024 * 1024;

/** Text written into a drained spool at a position: `at` is a value `position()` returned. */
export interface Insert {
  at: number;
  text: string;
}

/** Spool folders that still exist, removed when the process exits or is stopped by a signal. */
const leftover = new Set<string>();
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let cleanupInstalled = false;

function removeLeftovers(): void {
  for (const dir of leftover) rmSync(dir, { recursive: true, force: true });
  leftover.clear();
}

function onStopSignal(signal: NodeJS.Signals): void {
  removeLeftovers();
  // Die of the same signal, as the default handler would (exit status 128 + n for the parent).
  for (const s of STOP_SIGNALS) process.removeListener(s, onStopSignal);
  process.kill(process.pid, signal);
}

function removeOnExit(dir: string): void {
  leftover.add(dir);
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', removeLeftovers);
  for (const s of STOP_SIGNALS) process.on(s, onStopSignal);
}

/** A temporary file open for reading and writing, already unlinked where the system allows it. */
function openTemporary(): { fd: number; dir?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'p5050-report-'));
  // Registered before the file exists, so a signal between opening and unlinking still removes it.
  removeOnExit(dir);
  const path = join(dir, 'spool');
  const fd = openSync(path, 'w+');
  try {
    unlinkSync(path);
    rmSync(dir, { recursive: true, force: true });
    leftover.delete(dir);
    return { fd };
  } catch {
    return { fd, dir };
  }
}

export class Spool {
  private parts: string[] = [];
  private heldBytes = 0;
  private spilledBytes = 0;
  private file: { fd: number; dir?: string } | undefined;
  /** Characters written so far. */
  length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.heldBytes += Buffer.byteLength(text);
    this.length += text.length;
    if (this.heldBytes >= MEMORY_LIMIT) this.spill();
  }

  /** Where the next write starts, in bytes: a mark for `drainTo`'s inserts. */
  position(): number {
    return this.spilledBytes + this.heldBytes;
  }

  private spill(): void {
    this.file ??= openTemporary();
    const bytes = Buffer.from(this.parts.join(''));
    writeSync(this.file.fd, bytes);
    this.spilledBytes += bytes.length;
    this.parts = [];
    this.heldBytes = 0;
  }

  /** Writes everything out, in order, with `inserts` (in position order) where their marks are, and empties the spool for reuse. */
  drainTo(write: Write, inserts: Insert[] = []): void {
    let next = 0;
    let at = 0;
    const emit = (bytes: Buffer, decoder: StringDecoder): void => {
      let from = 0;
      while (next < inserts.length && inserts[next]!.at <= at + bytes.length) {
        const cut = inserts[next]!.at - at;
        if (cut > from) write(decoder.write(bytes.subarray(from, cut)));
        write(decoder.end());
        write(inserts[next]!.text);
        from = Math.max(from, cut);
        next++;
      }
      if (from < bytes.length) write(decoder.write(bytes.subarray(from)));
      at += bytes.length;
    };
    const decoder = new StringDecoder('utf8');
    if (this.file) {
      this.spill();
      const buffer = Buffer.alloc(COPY_CHUNK);
      let position = 0;
      for (let n = readSync(this.file.fd, buffer, 0, COPY_CHUNK, position); n > 0; n = readSync(this.file.fd, buffer, 0, COPY_CHUNK, position)) {
        emit(buffer.subarray(0, n), decoder);
        position += n;
      }
      this.close();
    } else if (this.parts.length) {
      if (inserts.length === 0) write(this.parts.join(''));
      else emit(Buffer.from(this.parts.join('')), decoder);
    }
    write(decoder.end());
    for (; next < inserts.length; next++) write(inserts[next]!.text);
    this.parts = [];
    this.heldBytes = 0;
    this.spilledBytes = 0;
    this.length = 0;
  }

  close(): void {
    if (!this.file) return;
    closeSync(this.file.fd);
    if (this.file.dir !== undefined) {
      rmSync(this.file.dir, { recursive: true, force: true });
      leftover.delete(this.file.dir);
    }
    this.file = undefined;
  }
}
