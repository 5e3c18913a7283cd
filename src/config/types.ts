import type { FailOn } from '../pipeline/fail-on';
import type { ScreenConfig, ScreenSettings } from '../types';

/** What a p5050 config file holds: the screeners' settings, and two the CLI uses itself. */
export interface P5050Config extends ScreenSettings {
  /** Default for --fail-on. */
  failOn?: FailOn;
  /** Clauses whose findings the Department Manager may approve (default 6.1.11, 6.1.6); others need a 4.1 exception. */
  approvable?: string[];
  /** Batch columns, JSON fields or front-matter keys that are published and so screened, beyond the ones p5050 knows. */
  fields?: string[];
}

export interface LoadedConfig {
  /** The file it came from; undefined when no config file was found. */
  file?: string;
  config: P5050Config;
}

export function screenConfigOf(config: P5050Config): ScreenConfig {
  const { failOn: _cliOnly, approvable: _approvalsOnly, fields: _readersOnly, ...screen } = config;
  return screen;
}
