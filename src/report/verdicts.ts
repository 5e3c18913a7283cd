import type { PostReport, Summary } from '../types';

/**
 * How each post verdict is shown, in one place: every formatter reads this map, so a new verdict is
 * one entry here (TypeScript requires it) rather than a case in each format.
 */
export type Verdict = PostReport['verdict'];

export interface VerdictStyle {
  /** Words for a person: "needs review". */
  label: string;
  /** The terminal colour. */
  colour: 'red' | 'yellow' | 'green';
  /** The Markdown badge. */
  emoji: string;
  /** A mark that every font has (the HTML page, the terminal). */
  mark: string;
  /** Whether the post passed: passing posts are left out of the compact terminal, Markdown and HTML reports. */
  passing: boolean;
  /** The run summary's count of posts with this verdict. */
  summaryKey: keyof Summary;
}

export const VERDICTS: Record<Verdict, VerdictStyle> = {
  blocked: { label: 'blocked', colour: 'red', emoji: '❌', mark: '✖', passing: false, summaryKey: 'blocked' },
  review: { label: 'needs review', colour: 'yellow', emoji: '⚠️', mark: '⚠', passing: false, summaryKey: 'review' },
  'not-screened': { label: 'not fully screened', colour: 'yellow', emoji: '❔', mark: '?', passing: false, summaryKey: 'notScreened' },
  clean: { label: 'clean', colour: 'green', emoji: '✅', mark: '✔', passing: true, summaryKey: 'clean' },
};

/** Verdicts in the order a reviewer works through them (worst first). */
export const VERDICT_ORDER = Object.keys(VERDICTS) as Verdict[];

export function isPassing(post: PostReport): boolean {
  return VERDICTS[post.verdict].passing;
}
