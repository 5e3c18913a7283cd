import type { Finding, PostReport } from '../types';

/**
 * Where a finding is in its source FILE. A whole-file post (plain text, Markdown) has its findings'
 * lines and columns as they are. A post from a batch file (JSON, JSON Lines, CSV) carries the line its
 * record starts on in meta.line; its findings are placed on that line, since the post's text was
 * decoded out of the record and its columns do not map onto the file's.
 */
export interface FileRegion {
  startLine: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export function recordLine(post: PostReport): number | undefined {
  const line = post.meta?.line;
  return typeof line === 'number' ? line : undefined;
}

export function fileRegion(post: PostReport, f: Finding): FileRegion {
  const line = recordLine(post);
  if (line !== undefined) return { startLine: line };
  const rows = f.excerpt.split('\n');
  const endLine = f.line + rows.length - 1;
  const endColumn = rows.length === 1 ? f.column + f.excerpt.length : rows[rows.length - 1]!.length + 1;
  return { startLine: f.line, startColumn: f.column, endLine, endColumn };
}

/** "3:14" for a whole-file post; "post 1:14" (within the post) for a batch record. */
export function positionLabel(post: PostReport, f: Finding): string {
  return recordLine(post) === undefined ? `${f.line}:${f.column}` : `post ${f.line}:${f.column}`;
}
