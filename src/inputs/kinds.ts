import { basename, extname } from 'node:path';

/** Which reader an input goes to, by its extension. Unknown extensions are plain text. */
export type InputKind = 'text' | 'markdown' | 'json' | 'jsonl' | 'csv';

const BY_EXTENSION: Record<string, InputKind> = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.csv': 'csv',
};

/** Extensions a directory walk picks up; other files in a directory are not posts. */
export const POST_EXTENSIONS = Object.keys(BY_EXTENSION);

/** Files with a post extension that are never posts: package manifests and p5050's own config. */
const NOT_POSTS = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'p5050.config.json', '.p5050rc.json']);

export function kindOf(path: string): InputKind {
  return BY_EXTENSION[extname(path).toLowerCase()] ?? 'text';
}

/** Whether a file met while walking a directory or expanding a glob is screened. */
export function isPostFile(path: string, anyExtension: boolean): boolean {
  if (NOT_POSTS.has(basename(path))) return false;
  return anyExtension || POST_EXTENSIONS.includes(extname(path).toLowerCase());
}
