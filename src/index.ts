/**
 * Library API: the same pipeline the CLI runs.
 *
 *   import { check } from 'p5050';
 *   const report = check('Vote for Jane Smith!');
 *   report.verdict; // 'blocked'
 */
import type { PostReport } from './types';
import { checkPost, type CheckOptions } from './pipeline';

export function check(text: string, options: CheckOptions & { source?: string; id?: string } = {}): PostReport {
  const source = options.source ?? '<text>';
  return checkPost({ source, id: options.id ?? source, text }, options);
}

export { checkPost, exitCode, postFails, summarize } from './pipeline';
export type { CheckOptions, FailOn } from './pipeline';
export { screenPosts } from './pipeline/run';
export { clauses, findClause } from './policy/catalog';
export { screeners } from './screeners';
export { formatJson, JSON_SCHEMA_VERSION } from './report/json';
export { formatStylish } from './report/stylish';
export type * from './types';
