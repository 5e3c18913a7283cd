import type { FailOn } from '../pipeline/fail-on';
import type { InputError, PostReport, RunTotals } from '../types';

export interface FormatOptions {
  /** Only posts and clauses that did not pass. */
  quiet?: boolean;
  /** The run's --fail-on: JUnit counts a missing approval as a failure unless it is "blocked", a warning only at "warning". */
  failOn?: FailOn;
  /** The repository root (absolute): SARIF and GitHub annotations name files relative to it. */
  root?: string;
}

/** Where a streamed report goes, chunk by chunk. */
export type Write = (chunk: string) => void;

/** What every report knows before the first post. */
export interface RunHead {
  tool: RunTotals['tool'];
  policy: RunTotals['policy'];
}

/**
 * A report built post by post, in input order. Streaming formats write as posts arrive; the others
 * keep only what they print and write it at the end.
 */
export interface ReportSink {
  /** `text` is the post's text, for excerpts that show the whole line. */
  post(report: PostReport, text?: string): void;
  inputError?(error: InputError): void;
  end(totals: RunTotals): void;
  /**
   * Text that may go out between any two posts without changing what the report says (white space
   * where the format allows it). The formats that hold their output until the end have one, so that a
   * reader who has gone away (`p5050 check … | head`) is noticed while screening, not at the end.
   */
  filler?: string;
}
