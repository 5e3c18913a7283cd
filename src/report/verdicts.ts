import type { Summary, Verdict } from '../types';

/**
 * How each post verdict is shown, in one place: every formatter reads this map, so a new verdict is
 * one entry here (TypeScript requires it) rather than a case in each format.
 */
export type { Verdict };

export interface VerdictStyle {
  /** Words for a person: "needs review". */
  label: string;
  /** A badge's words (Markdown, HTML): "needs approval". */
  short: string;
  /** The terminal colour. */
  colour: 'red' | 'yellow' | 'green';
  /** The Markdown badge. */
  emoji: string;
  /** A mark that every font has (the HTML page, the terminal). */
  mark: string;
  /** Whether the post passed: passing posts are left out of the compact terminal, Markdown and HTML reports. */
  passing: boolean;
  /** The run summary's count of posts with this verdict, and how the summary line says it. */
  summaryKey: keyof Summary;
  summaryLabel: string;
  /** Left out of summary lines when no post has it. */
  optional: boolean;
}

export const VERDICTS: Record<Verdict, VerdictStyle> = {
  blocked: { short: 'blocked', label: 'blocked', colour: 'red', emoji: '❌', mark: '✖', passing: false, summaryKey: 'blocked', summaryLabel: 'blocked', optional: false },
  'needs-approval': { short: 'needs approval', label: "needs the Department Manager's approval", colour: 'yellow', emoji: '✋', mark: '✎', passing: false, summaryKey: 'needsApproval', summaryLabel: 'need approval', optional: true },
  review: { short: 'needs review', label: 'needs review', colour: 'yellow', emoji: '⚠️', mark: '⚠', passing: false, summaryKey: 'review', summaryLabel: 'need review', optional: false },
  clean: { short: 'clean', label: 'clean', colour: 'green', emoji: '✅', mark: '✔', passing: true, summaryKey: 'clean', summaryLabel: 'clean', optional: false },
  'not-screened': { short: 'not fully screened', label: 'not fully screened', colour: 'yellow', emoji: '❔', mark: '?', passing: false, summaryKey: 'notScreened', summaryLabel: 'not fully screened', optional: true },
};

/** Verdicts in the order the summary lists them. */
export const VERDICT_ORDER = Object.keys(VERDICTS) as Verdict[];

export function isPassing(post: { verdict: Verdict }): boolean {
  return VERDICTS[post.verdict].passing;
}

/** The verdicts a run's summary line names: "2 blocked, 1 need approval, 0 need review, 5 clean". */
export function summaryParts(s: Summary): Array<{ verdict: Verdict; text: string }> {
  return VERDICT_ORDER.filter((v) => !VERDICTS[v].optional || s[VERDICTS[v].summaryKey]).map((v) => ({ verdict: v, text: `${s[VERDICTS[v].summaryKey]} ${VERDICTS[v].summaryLabel}` }));
}
