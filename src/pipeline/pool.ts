import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PostInput, PostReport } from '../types';
import type { CheckOptions } from './index';
import type { ChunkRequest, ChunkResponse } from './worker';

/** A fixed pool of screening worker threads. Chunks go to the least busy worker; answers keep their order. */

/**
 * Small heaps: screening a post allocates little that lives, and a small young generation keeps each
 * worker's resident memory down, so a 100,000-post batch stays within the 200 MB budget. The price
 * is more frequent scavenges (about a fifth of a worker's time in a profile); an 8 MB young
 * generation was faster but peaked just over 200 MB in the same run.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

interface Pending {
  resolve: (reports: PostReport[]) => void;
  reject: (err: Error) => void;
}

class ScreenWorker {
  readonly pending = new Map<number, Pending>();
  private readonly worker: Worker;
  private failure: Error | undefined;

  constructor(script: string, options: CheckOptions) {
    // Everything but custom screeners is plain data and crosses to the thread as it is.
    const { screeners: _inThisThreadOnly, ...data } = options;
    this.worker = new Worker(script, { workerData: data, resourceLimits: WORKER_LIMITS });
    this.worker.on('message', (response: ChunkResponse) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      if (!pending) return;
      if ('error' in response) pending.reject(new Error(`screening worker failed: ${response.error}`));
      else pending.resolve(response.reports);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`screening worker stopped (exit code ${code})`)));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  screen(request: ChunkRequest): Promise<PostReport[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

export function workerScript(): string {
  const script = join(__dirname, 'worker.js');
  if (!existsSync(script)) throw new Error(`screening worker not found at ${script} (build with: npx tsc -p .)`);
  return script;
}

export class ScreenPool {
  private readonly workers: ScreenWorker[];
  private nextId = 0;

  constructor(size: number, options: CheckOptions) {
    const script = workerScript();
    this.workers = Array.from({ length: size }, () => new ScreenWorker(script, options));
  }

  screen(posts: PostInput[]): Promise<PostReport[]> {
    const worker = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return worker.screen({ id: this.nextId++, posts });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
