import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { PostInput, PostReport } from '../types';
import { runsScreener, type CheckOptions } from './index';
import { sharedModel, type SharedModel } from '../model/heads';
import type { ChunkRequest, ChunkResponse, WorkerSetup } from './worker';

/**
 * A fixed pool of screening worker threads. Chunks go to the least busy worker. Answers come back on
 * a port of their own that the main thread can also read synchronously (`poll`), so a thread busy
 * screening a chunk of its own picks up finished chunks and hands out new ones at once, without
 * waiting for its event loop.
 */

/**
 * Small heaps: screening a post allocates little that lives, and a small young generation keeps each
 * worker's resident memory down, so a 100,000-post batch stays within the 200 MB budget. A larger
 * young generation (16 or 32 MB) used no less CPU here and peaked higher.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

export interface ChunkCallbacks {
  done: (reports: PostReport[]) => void;
  failed: (err: Error) => void;
}

class ScreenWorker {
  readonly pending = new Map<number, ChunkCallbacks>();
  private readonly worker: Worker;
  private readonly answers: MessagePort;
  private failure: Error | undefined;

  constructor(script: string, setup: WorkerSetup, private readonly onAnswer: () => void) {
    const { port1, port2 } = new MessageChannel();
    this.answers = port1;
    this.worker = new Worker(script, { workerData: { ...setup, answers: port2 }, transferList: [port2], resourceLimits: WORKER_LIMITS });
    this.answers.on('message', (response: ChunkResponse) => this.handle(response));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`screening worker stopped (exit code ${code})`)));
  }

  private handle(response: ChunkResponse): void {
    const pending = this.pending.get(response.id);
    this.pending.delete(response.id);
    if (pending) {
      if ('error' in response) pending.failed(new Error(`screening worker failed: ${response.error}`));
      else pending.done(response.reports);
    }
    this.onAnswer();
  }

  /** Takes every answer already sent, synchronously. */
  poll(): void {
    for (let m = receiveMessageOnPort(this.answers); m; m = receiveMessageOnPort(this.answers)) this.handle(m.message as ChunkResponse);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.values()) p.failed(err);
    this.pending.clear();
    this.onAnswer();
  }

  screen(request: ChunkRequest, callbacks: ChunkCallbacks): void {
    if (this.failure) {
      callbacks.failed(this.failure);
      return;
    }
    this.pending.set(request.id, callbacks);
    this.worker.postMessage(request);
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.answers.close();
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
  private waiters: Array<() => void> = [];

  constructor(size: number, options: CheckOptions) {
    const script = workerScript();
    // Everything but custom screeners is plain data and crosses to the thread as it is; the model's
    // buffers are shared memory, which the threads use as they are instead of reading their own.
    const { screeners: _inThisThreadOnly, ...data } = options;
    const model: SharedModel | undefined = runsScreener(options, 'judgement') ? sharedModel() : undefined;
    const setup: WorkerSetup = { options: data, model };
    this.workers = Array.from({ length: size }, () => new ScreenWorker(script, setup, () => this.wake()));
  }

  /** Chunks handed out and not answered yet. */
  get inFlight(): number {
    return this.workers.reduce((n, w) => n + w.pending.size, 0);
  }

  screen(posts: PostInput[], callbacks: ChunkCallbacks): void {
    const worker = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    worker.screen({ id: this.nextId++, posts }, callbacks);
  }

  /** Takes every answer already sent, synchronously: their callbacks run before this returns. */
  poll(): void {
    for (const w of this.workers) w.poll();
  }

  /** Resolves once some answer (or failure) has come in. */
  answered(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
