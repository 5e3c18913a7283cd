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
// Batches: reading inputs of every kind, screening a stream in bounded memory, reports in every format.
export { readContent, readInputs } from './inputs';
export type { Content, InputItem, ReadOptions } from './inputs';
export { screenStream, WORKER_THRESHOLD } from './pipeline/stream';
export type { ScreenedItem, StreamInput, StreamOptions } from './pipeline/stream';
export { RunTally } from './pipeline/tally';
export { createSink, formatReport, FORMATS } from './report';
export type { Format } from './report';
export type { ReportSink } from './report/types';
// Config files: found, parsed as data and validated.
export { findConfigFile, loadConfig, loadConfigFile } from './config/load';
export { validateConfig } from './config/validate';
export { screenConfigOf } from './config/types';
export type { P5050Config } from './config/types';
export type * from './types';
