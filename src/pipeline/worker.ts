import { parentPort, workerData } from 'node:worker_threads';
import type { PostInput } from '../types';
import { checkPost, type CheckOptions } from './index';

/** A screening worker: receives chunks of posts, answers with their reports in the same order. */

export interface ChunkRequest {
  id: number;
  posts: PostInput[];
}

export type ChunkResponse = { id: number; reports: ReturnType<typeof checkPost>[] } | { id: number; error: string };

const options = workerData as CheckOptions;

parentPort?.on('message', (request: ChunkRequest) => {
  let response: ChunkResponse;
  try {
    response = { id: request.id, reports: request.posts.map((post) => checkPost(post, options)) };
  } catch (err) {
    response = { id: request.id, error: (err as Error).stack ?? String(err) };
  }
  parentPort!.postMessage(response);
});
