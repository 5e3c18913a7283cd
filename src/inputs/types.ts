import type { InputError, PostInput } from '../types';

/** One thing an input yields, in input order: a post to screen, or a problem with the input. */
export type InputItem = { post: PostInput } | { error: InputError };

/** How posts are read out of batch files. */
export interface ReadOptions {
  /** Largest post accepted, in bytes: a whole plain-text or Markdown file, or one record of a batch file. */
  maxBytes?: number;
  /** JSON / JSON Lines: the field holding the post text (a dotted path is allowed: "content.text"). */
  textField?: string;
  /** JSON / JSON Lines: the field holding the post id. */
  idField?: string;
  /** CSV: the column holding the post text, by header name or 1-based number. */
  textColumn?: string;
  /** Batch files and front matter: more fields or columns that are published and so screened (the config's `fields`). */
  fields?: string[];
  /** stdin is read as if it were this file: its kind (CSV, JSON…) by the extension, and this name in the report. */
  stdinFilename?: string;
}

/** Where an input's bytes come from: a file on disk, or bytes already in memory (e.g. staged content). */
export type Content = { source: string; path: string } | { source: string; bytes: Buffer };
