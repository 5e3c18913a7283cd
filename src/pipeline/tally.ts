import type { ClauseCount, ClauseStatus, InputError, PostReport, Summary } from '../types';
import { postFails, summarize, type FailOn } from './index';

/**
 * Running totals for a batch: the summary, per-clause counts and the exit code, accumulated post by
 * post so a streamed run never has to keep its reports.
 */

const STATUSES: ClauseStatus[] = ['passed', 'failed', 'needs-approval', 'warning', 'manual', 'not-screened', 'error'];

function zeroCounts(): Record<ClauseStatus, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ClauseStatus, number>;
}

export class RunTally {
  readonly inputErrors: InputError[] = [];
  private readonly totals: Summary = { posts: 0, blocked: 0, needsApproval: 0, review: 0, clean: 0, notScreened: 0, inputErrors: 0, errors: 0, warnings: 0 };
  private readonly clauses = new Map<string, ClauseCount>();
  private failing = false;

  constructor(private readonly failOn: FailOn) {}

  addPost(report: PostReport): void {
    // The same counting as summarize(), one post at a time.
    const one = summarize([report], []);
    for (const key of Object.keys(one) as Array<keyof Summary>) this.totals[key] += one[key];
    for (const c of report.clauses) {
      let count = this.clauses.get(c.id);
      if (!count) this.clauses.set(c.id, (count = { id: c.id, title: c.title, kind: c.kind, counts: zeroCounts() }));
      count.counts[c.status] += 1;
    }
    if (postFails(report, this.failOn)) this.failing = true;
  }

  addInputError(error: InputError): void {
    this.inputErrors.push(error);
    this.totals.inputErrors += 1;
  }

  get posts(): number {
    return this.totals.posts;
  }

  summary(): Summary {
    return { ...this.totals };
  }

  clauseCounts(): ClauseCount[] {
    return [...this.clauses.values()];
  }

  /** 2 for any input error, else 1 if any post fails at the threshold, else 0 (as exitCode()). */
  exitCode(): number {
    if (this.inputErrors.length > 0) return 2;
    return this.failing ? 1 : 0;
  }
}
