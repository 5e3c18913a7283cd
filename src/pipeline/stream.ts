import { availableParallelism } from 'node:os';
import type { InputError, PostInput, PostReport } from '../types';
import { checkPost, type CheckOptions } from './index';

/**
 * Screens a stream of inputs in order, in bounded memory. Small batches are screened in this thread;
 * once a batch passes WORKER_THRESHOLD posts, chunks also go to worker threads: this thread keeps
 * every worker's queue filled and screens the next chunk itself while they work, so with one worker
 * on two cores both are busy screening (and this thread reads, and writes the report, in between).
 * Results come out in input order.
 */

export type StreamInput = { post: PostInput } | { error: InputError };
export type ScreenedItem = { post: PostInput; report: PostReport } | { error: InputError };

export const WORKER_THRESHOLD = 500;
const CHUNK = 100;
/** Chunks queued per worker: enough that it never waits while this thread screens a chunk of its own. */
const IN_FLIGHT_PER_WORKER = 2;

export interface StreamOptions extends CheckOptions {
  /** Worker threads for large batches, besides this thread; 0 screens everything in this thread. Default: defaultJobs(). */
  jobs?: number;
  /** Posts after which workers are used (default WORKER_THRESHOLD). */
  workerThreshold?: number;
}

/** One worker per CPU beyond the first: this thread screens too. */
export function defaultJobs(): number {
  return Math.max(0, availableParallelism() - 1);
}

function screenInline(item: StreamInput, options: CheckOptions): ScreenedItem {
  return 'post' in item ? { post: item.post, report: checkPost(item.post, options) } : item;
}

async function* concat<T>(head: T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

/** A chunk on its way: screened here (reports at once) or by a worker (reports when it answers). */
interface Chunk {
  items: StreamInput[];
  reports?: PostReport[];
  error?: Error;
}

async function* screenWithPool(items: AsyncIterable<StreamInput>, jobs: number, options: CheckOptions): AsyncGenerator<ScreenedItem> {
  const { ScreenPool } = await import('./pool');
  const pool = new ScreenPool(jobs, options);
  const queue: Chunk[] = [];
  let chunk: StreamInput[] = [];
  const send = (): void => {
    const posts = chunk.flatMap((item) => ('post' in item ? [item.post] : []));
    const entry: Chunk = { items: chunk };
    chunk = [];
    queue.push(entry);
    // Answers already in free their workers for more before this thread decides to screen a chunk itself.
    pool.poll();
    if (posts.length === 0) entry.reports = [];
    else if (pool.inFlight < jobs * IN_FLIGHT_PER_WORKER) pool.screen(posts, { done: (reports) => (entry.reports = reports), failed: (err) => (entry.error = err) });
    else entry.reports = posts.map((post) => checkPost(post, options));
  };
  /** Emits the chunks at the head of the queue that are done; with `wait`, waits for the oldest first. */
  async function* drain(wait: boolean): AsyncGenerator<ScreenedItem> {
    pool.poll();
    while (wait && queue.length && !queue[0]!.reports && !queue[0]!.error) await pool.answered();
    while (queue.length && (queue[0]!.reports || queue[0]!.error)) {
      const done = queue.shift()!;
      if (done.error) throw done.error;
      let k = 0;
      for (const item of done.items) yield 'post' in item ? { post: item.post, report: done.reports![k++]! } : item;
    }
  }
  try {
    for await (const item of items) {
      chunk.push(item);
      if (chunk.length < CHUNK) continue;
      send();
      yield* drain(false);
      // Bounded memory: never more than a few chunks beyond what the workers hold.
      while (queue.length > jobs * IN_FLIGHT_PER_WORKER + 2) yield* drain(true);
    }
    if (chunk.length) send();
    while (queue.length) yield* drain(true);
  } finally {
    await pool.close();
  }
}

export async function* screenStream(items: AsyncIterable<StreamInput>, options: StreamOptions = {}): AsyncGenerator<ScreenedItem> {
  const jobs = options.jobs ?? defaultJobs();
  const threshold = options.workerThreshold ?? WORKER_THRESHOLD;
  const iterator = items[Symbol.asyncIterator]();
  const head: StreamInput[] = [];
  let posts = 0;
  let ended = false;
  while (posts <= threshold) {
    const r = await iterator.next();
    if (r.done) {
      ended = true;
      break;
    }
    head.push(r.value);
    if ('post' in r.value) posts += 1;
  }
  const useWorkers = !ended && jobs > 0 && !options.screeners;
  if (useWorkers) {
    yield* screenWithPool(concat(head, iterator), jobs, options);
    return;
  }
  for await (const item of concat(head, iterator)) yield screenInline(item, options);
}
