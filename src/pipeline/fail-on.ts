import type { PostReport, Verdict } from '../types';

// Kept free of runtime imports, so the CLI can list the levels at start-up without loading the pipeline.

/**
 * --fail-on levels: 'error' (the default: blocked posts and posts waiting for approval, since the policy
 * forbids posting those without the Department Manager's prior approval); 'warning' (anything not clean:
 * also review and not fully screened); 'blocked' (blocked posts only); 'never'.
 */
export type FailOn = 'error' | 'warning' | 'blocked' | 'never';

export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'blocked', 'never'];

/** The verdicts that make a post fail at each --fail-on level. */
const FAILING: Record<FailOn, ReadonlySet<Verdict>> = {
  never: new Set(),
  blocked: new Set(['blocked']),
  error: new Set(['blocked', 'needs-approval']),
  warning: new Set(['blocked', 'needs-approval', 'not-screened', 'review']),
};

/** Whether a post fails at the given threshold. A post that could not be fully screened counts as needing review. */
export function postFails(report: PostReport, failOn: FailOn): boolean {
  return FAILING[failOn].has(report.verdict);
}
