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

/** Which record of a batch file: "row 12" (CSV), "item 3" (JSON array), "line 7" (JSON Lines). */
export function recordLabel(post: PostReport): string | undefined {
  const meta = post.meta ?? {};
  for (const key of ['row', 'item', 'line'] as const) if (typeof meta[key] === 'number') return `${key} ${meta[key]}`;
  return undefined;
}

/**
 * "3:14" for a whole-file post (its file's line and column); for a batch record, the record, the
 * field and the position within the field: "row 12 · Message 3:1".
 */
export function positionLabel(post: PostReport, f: Finding): string {
  const where = f.field ? `${f.field} ${f.line}:${f.column}` : `${f.line}:${f.column}`;
  const record = recordLine(post) === undefined ? undefined : recordLabel(post);
  return record ? `${record} · ${where}` : where;
}
