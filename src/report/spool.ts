import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Write } from './types';

/**
 * Text kept for the end of a report (a JUnit suite whose counts come first, SARIF results listed
 * after the rules): in memory while small, in a temporary file once it passes MEMORY_LIMIT, so a
 * report of 100,000 posts does not have to fit in memory.
 *
 * The file holds excerpts of the posts (passwords among them), so it must not outlive the run. It is
 * unlinked as soon as it is open (the data stays reachable through the descriptor and is freed when
 * the process ends, however it ends, even by SIGKILL). Until then, and where an open file cannot be
 * unlinked, its folder is removed on exit and on SIGINT, SIGTERM and SIGHUP.
 */

const MEMORY_LIMIT = 4 * 1024 * 1024;
const COPY_CHUNK = 1024 * 1024;

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
  private held = 0;
  private file: { fd: number; dir?: string } | undefined;
  /** Characters written so far. */
  length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.held += text.length;
    this.length += text.length;
    if (this.held >= MEMORY_LIMIT) this.spill();
  }

  private spill(): void {
    this.file ??= openTemporary();
    writeSync(this.file.fd, this.parts.join(''));
    this.parts = [];
    this.held = 0;
  }

  /** Writes everything out, in order, and empties the spool for reuse. */
  drainTo(write: Write): void {
    if (this.file) {
      this.spill();
      const buffer = Buffer.alloc(COPY_CHUNK);
      const decoder = new StringDecoder('utf8');
      let position = 0;
      for (let n = readSync(this.file.fd, buffer, 0, COPY_CHUNK, position); n > 0; n = readSync(this.file.fd, buffer, 0, COPY_CHUNK, position)) {
        write(decoder.write(buffer.subarray(0, n)));
        position += n;
      }
      write(decoder.end());
      this.close();
    } else if (this.parts.length) {
      write(this.parts.join(''));
    }
    this.parts = [];
    this.held = 0;
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
