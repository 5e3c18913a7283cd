import { availableParallelism } from 'node:os';
import type { InputError, PostInput, PostReport } from '../types';
import { checkPost, type CheckOptions } from './index';

/**
 * Screens a stream of inputs in order, in bounded memory. Small batches are screened in this thread;
 * once a batch passes WORKER_THRESHOLD posts, chunks go to a pool of worker threads with a bounded
 * number in flight, and results still come out in input order.
 */

export type StreamInput = { post: PostInput } | { error: InputError };
export type ScreenedItem = { post: PostInput; report: PostReport } | { error: InputError };

export const WORKER_THRESHOLD = 500;
const CHUNK = 100;
const IN_FLIGHT_PER_WORKER = 3;

export interface StreamOptions extends CheckOptions {
  /** Worker threads for large batches; 0 screens everything in this thread. Default: the CPU count. */
  jobs?: number;
  /** Posts after which workers are used (default WORKER_THRESHOLD). */
  workerThreshold?: number;
}

export function defaultJobs(): number {
  return availableParallelism();
}

function screenInline(item: StreamInput, options: CheckOptions): ScreenedItem {
  return 'post' in item ? { post: item.post, report: checkPost(item.post, options) } : item;
}

async function* concat<T>(head: T[], rest: AsyncIterator<T>): AsyncGenerator<T> {
  yield* head;
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield r.value;
}

interface Chunk {
  items: StreamInput[];
  reports: Promise<PostReport[]>;
}

async function* screenWithPool(items: AsyncIterable<StreamInput>, jobs: number, options: CheckOptions): AsyncGenerator<ScreenedItem> {
  const { ScreenPool } = await import('./pool');
  const pool = new ScreenPool(jobs, options);
  const inFlight: Chunk[] = [];
  let chunk: StreamInput[] = [];
  const send = (): void => {
    const posts = chunk.flatMap((item) => ('post' in item ? [item.post] : []));
    const reports = posts.length ? pool.screen(posts) : Promise.resolve([]);
    reports.catch(() => undefined); // handled when the chunk is awaited, in order
    inFlight.push({ items: chunk, reports });
    chunk = [];
  };
  async function* oldest(): AsyncGenerator<ScreenedItem> {
    const { items: done, reports } = inFlight.shift()!;
    const results = await reports;
    let k = 0;
    for (const item of done) yield 'post' in item ? { post: item.post, report: results[k++]! } : item;
  }
  try {
    for await (const item of items) {
      chunk.push(item);
      if (chunk.length >= CHUNK) send();
      while (inFlight.length >= jobs * IN_FLIGHT_PER_WORKER) yield* oldest();
    }
    if (chunk.length) send();
    while (inFlight.length) yield* oldest();
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
