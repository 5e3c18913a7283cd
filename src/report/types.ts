import type { RunReport } from '../types';

export interface FormatOptions {
  /** Only posts and clauses that did not pass. */
  quiet?: boolean;
}

export type Formatter = (run: RunReport, options: FormatOptions) => string;
