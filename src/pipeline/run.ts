import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputError, PostInput, PostReport, RunReport } from '../types';
import { policyInfo } from '../policy/catalog';
import { checkPost, summarize, type CheckOptions } from './index';

let version: string | undefined;

export function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** Screens every post and assembles the run's report; input errors are carried through, never dropped. */
export function screenPosts(posts: PostInput[], inputErrors: InputError[], options: CheckOptions = {}): RunReport {
  const reports: PostReport[] = posts.map((p) => checkPost(p, options));
  return {
    tool: { name: 'p5050', version: toolVersion() },
    policy: policyInfo(),
    posts: reports,
    inputErrors,
    summary: summarize(reports, inputErrors),
  };
}
