import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Write } from './types';

/**
 * Text kept for the end of a report (a JUnit suite whose counts come first, SARIF results listed
 * after the rules): in memory while small, in a temporary file once it passes MEMORY_LIMIT, so a
 * report of 100,000 posts does not have to fit in memory.
 */

const MEMORY_LIMIT = 4 * 1024 * 1024;
const COPY_CHUNK = 1024 * 1024;

export class Spool {
  private parts: string[] = [];
  private held = 0;
  private file: { dir: string; fd: number } | undefined;
  /** Characters written so far. */
  length = 0;

  write(text: string): void {
    this.parts.push(text);
    this.held += text.length;
    this.length += text.length;
    if (this.held >= MEMORY_LIMIT) this.spill();
  }

  private spill(): void {
    if (!this.file) {
      const dir = mkdtempSync(join(tmpdir(), 'p5050-report-'));
      this.file = { dir, fd: openSync(join(dir, 'spool'), 'w+') };
    }
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
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = undefined;
  }
}
