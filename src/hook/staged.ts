import type { Content } from '../inputs/types';
import { isPostFile } from '../inputs/kinds';
import { git, gitText } from './git';

/**
 * The STAGED content of staged post files (what the commit will contain, not the working tree):
 * names and blob ids from `git diff --cached --raw`, bytes from `git cat-file blob <id>`. Paths are
 * relative to the top of the repository, as git names them.
 */

export function repositoryTop(cwd: string): { top: string } | { problem: string } {
  const out = gitText(['rev-parse', '--show-toplevel'], cwd);
  return 'problem' in out ? { problem: `not in a git repository (${out.problem})` } : { top: out.text };
}

/** A staged file: its path and the id of its staged blob. */
export interface StagedFile {
  path: string;
  blob: string;
}

/** Mode of a submodule (gitlink) entry: a commit id, not a file to read. */
const GITLINK = '160000';

/**
 * Staged post files, from `git diff --cached --raw -z`: each entry gives the staged blob's mode and id,
 * so the content is read by id (a path like "1:x.txt" is never parsed as a merge-stage lookup) and
 * submodules are skipped.
 */
export function stagedPostFiles(top: string): { files: StagedFile[] } | { problem: string } {
  const out = git(['diff', '--cached', '--raw', '-z', '--no-abbrev', '--diff-filter=ACMR'], top);
  if ('problem' in out) return out;
  const parts = out.stdout.toString('utf8').split('\0');
  const files: StagedFile[] = [];
  for (let i = 0; i + 1 < parts.length; ) {
    const [, newMode, , newBlob, status] = parts[i]!.split(' ');
    // Renames and copies name the old path, then the new one.
    const path = status?.startsWith('R') || status?.startsWith('C') ? parts[i + 2]! : parts[i + 1]!;
    i += status?.startsWith('R') || status?.startsWith('C') ? 3 : 2;
    if (newMode === GITLINK || !newBlob || !isPostFile(path, false)) continue;
    files.push({ path, blob: newBlob });
  }
  return { files };
}

/** Each staged post as content in memory; a blob git cannot read becomes a problem with its path. */
export function* stagedContents(top: string, files: StagedFile[]): Generator<Content | { source: string; problem: string }> {
  for (const { path, blob } of files) {
    const out = git(['cat-file', 'blob', blob], top);
    yield 'problem' in out ? { source: path, problem: out.problem } : { source: path, bytes: out.stdout };
  }
}
