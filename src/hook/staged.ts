import type { Content } from '../inputs/types';
import { isPostFile } from '../inputs/kinds';
import { git, gitText } from './git';

/**
 * The STAGED content of staged post files (what the commit will contain, not the working tree):
 * names from `git diff --cached`, bytes from `git show :path`. Paths are relative to the top of the
 * repository, as git names them.
 */

export function repositoryTop(cwd: string): { top: string } | { problem: string } {
  const out = gitText(['rev-parse', '--show-toplevel'], cwd);
  return 'problem' in out ? { problem: `not in a git repository (${out.problem})` } : { top: out.text };
}

export function stagedPostPaths(top: string): { paths: string[] } | { problem: string } {
  const out = git(['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR'], top);
  if ('problem' in out) return out;
  const paths = out.stdout.toString('utf8').split('\0').filter((p) => p !== '' && isPostFile(p, false));
  return { paths };
}

/** Each staged post as content in memory; a path git cannot show becomes a problem with that path. */
export function* stagedContents(top: string, paths: string[]): Generator<Content | { source: string; problem: string }> {
  for (const path of paths) {
    const out = git(['show', `:${path}`], top);
    yield 'problem' in out ? { source: path, problem: out.problem } : { source: path, bytes: out.stdout };
  }
}
