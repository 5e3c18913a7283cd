import type { ScreenConfig, Severity } from '../types';

/** What a p5050 config file holds. Everything but failOn is passed to the screeners as ScreenConfig. */
export interface P5050Config {
  /** 6.1.14: candidates, parties and ballot measures whose names make a post political. */
  candidates?: string[];
  parties?: string[];
  ballotMeasures?: string[];
  /** 6.1.8: internal project codenames that must not appear in a post. */
  codenames?: string[];
  /** 6.1.11: domains links may point to without the manager's approval. */
  approvedDomains?: string[];
  /** Contact details that are the City's own and may be posted. */
  allowlist?: { phones?: string[]; emails?: string[]; addresses?: string[] };
  /** Per-rule overrides: a severity or "off"; keys are "screener/rule", a rule id, or a screener id. */
  rules?: Record<string, Severity | 'off'>;
  /** Default for --fail-on. */
  failOn?: 'error' | 'warning' | 'never';
  /** Clauses whose findings the Department Manager may approve (default 6.1.11, 6.1.6); others need a 4.1 exception. */
  approvable?: string[];
  /** The harassment screener's model and lexicon signals, and the model's thresholds. */
  harassmentModel?: 'on' | 'off';
  harassmentLexicon?: 'on' | 'off';
  harassmentThresholds?: { error?: number; warning?: number };
}

export interface LoadedConfig {
  /** The file it came from; undefined when no config file was found. */
  file?: string;
  config: P5050Config;
}

export function screenConfigOf(config: P5050Config): ScreenConfig {
  const { failOn: _cliOnly, approvable: _approvalsOnly, ...screen } = config;
  return screen;
}
