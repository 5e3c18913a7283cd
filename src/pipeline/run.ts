import type { InputError, PostInput, PostReport, RunReport } from '../types';
import { policyInfo } from '../policy/catalog';
import { checkPost, type CheckOptions } from './index';
import { RunTally } from './tally';
import { toolVersion } from '../version';

/** Screens every post and assembles the run's report; input errors are carried through, never dropped. */
export function screenPosts(posts: PostInput[], inputErrors: InputError[], options: CheckOptions = {}): RunReport {
  const tally = new RunTally('error');
  for (const e of inputErrors) tally.addInputError(e);
  const reports: PostReport[] = posts.map((p) => checkPost(p, options));
  for (const r of reports) tally.addPost(r);
  return {
    tool: { name: 'p5050', version: toolVersion() },
    policy: policyInfo(),
    posts: reports,
    inputErrors,
    summary: tally.summary(),
    clauseCounts: tally.clauseCounts(),
  };
}
