import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

/**
 * .gitignore rules as git applies them: every .gitignore from the repository root down to a path's
 * directory (and .git/info/exclude), deeper files overriding shallower ones, "!" re-including.
 */

export function repositoryRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

export class GitignoreFilter {
  private readonly rules = new Map<string, Ignore | undefined>();

  /** `root`: the repository root, or the folder being walked when it is not in a repository. */
  constructor(private readonly root: string) {}

  private rulesIn(dir: string): Ignore | undefined {
    if (!this.rules.has(dir)) {
      const files = [join(dir, '.gitignore'), ...(dir === this.root ? [join(dir, '.git', 'info', 'exclude')] : [])];
      const patterns = files.filter((f) => existsSync(f)).map((f) => readFileSync(f, 'utf8'));
      this.rules.set(dir, patterns.length ? ignore().add(patterns.join('\n')) : undefined);
    }
    return this.rules.get(dir);
  }

  /** Whether an absolute path under the root is ignored; `isDir` matters for patterns ending in "/". */
  ignored(path: string, isDir: boolean): boolean {
    const rel = relative(this.root, path);
    if (rel === '' || rel.startsWith('..')) return false;
    let ignored = false;
    let dir = this.root;
    const parts = rel.split(sep);
    for (let depth = 0; depth < parts.length; depth++) {
      const rules = this.rulesIn(dir);
      if (rules) {
        const sub = toPosix(parts.slice(depth).join(sep)) + (isDir ? '/' : '');
        const result = rules.test(sub);
        if (result.ignored) ignored = true;
        else if (result.unignored) ignored = false;
      }
      dir = join(dir, parts[depth]!);
    }
    return ignored;
  }
}
