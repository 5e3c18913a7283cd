import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { PostInput } from '../types';
import { checkPost, type CheckOptions } from './index';
import { useSharedModel, type SharedModel } from '../model/heads';

/** A screening worker: receives chunks of posts, answers with their reports in the same order. */

export interface ChunkRequest {
  id: number;
  posts: PostInput[];
}

export type ChunkResponse = { id: number; reports: ReturnType<typeof checkPost>[] } | { id: number; error: string };

export interface WorkerSetup {
  options: CheckOptions;
  /** The model files as the main thread read them (shared memory), when the judgement heads run. */
  model?: SharedModel;
}

const setup = workerData as WorkerSetup & { answers: MessagePort };
const options = setup.options;
if (setup.model) useSharedModel(setup.model);

parentPort?.on('message', (request: ChunkRequest) => {
  let response: ChunkResponse;
  try {
    response = { id: request.id, reports: request.posts.map((post) => checkPost(post, options)) };
  } catch (err) {
    response = { id: request.id, error: (err as Error).stack ?? String(err) };
  }
  setup.answers.postMessage(response);
});
