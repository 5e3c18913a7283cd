import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputError } from '../types';
import type { GitignoreFilter } from './gitignore';
import { isPostFile, POST_EXTENSIONS } from './kinds';

/**
 * Turns command-line paths into input files: a file as named, a directory walked recursively for post
 * files, a glob expanded. Walks skip node_modules and .git and respect .gitignore. Order is stable:
 * arguments in order, files within a directory or glob sorted.
 */

export type Expanded = { file: string } | { stdin: true } | { error: InputError };

const SKIPPED_DIRS = new Set(['node_modules', '.git']);

function walk(dir: string, filter: GitignoreFilter, accept: (path: string) => boolean, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !filter.ignored(path, true)) walk(path, filter, accept, out);
    } else if (entry.isFile() && !filter.ignored(path, false) && accept(path)) {
      out.push(path);
    }
  }
}

/** .gitignore handling loads only when a directory or glob is walked. */
async function filterFor(dir: string): Promise<GitignoreFilter> {
  const { GitignoreFilter, repositoryRoot } = await import('./gitignore');
  return new GitignoreFilter(repositoryRoot(dir) ?? dir);
}

/** Shown paths keep the form the user typed: relative stays relative. */
function shown(path: string, cwd: string, typedAbsolute: boolean): string {
  return typedAbsolute ? path : relative(cwd, path) || '.';
}

async function expandDirectory(arg: string, cwd: string): Promise<Expanded[]> {
  const dir = resolve(cwd, arg);
  const files: string[] = [];
  walk(dir, await filterFor(dir), (p) => isPostFile(p, false), files);
  if (files.length === 0) return [{ error: { source: arg, message: `is a directory with no post files in it (looked for ${POST_EXTENSIONS.join(' ')})` } }];
  return files.map((f) => ({ file: shown(f, cwd, isAbsolute(arg)) }));
}

async function expandGlob(arg: string, cwd: string): Promise<Expanded[]> {
  const picomatch = (await import('picomatch')).default;
  const pattern = arg.replace(/^(\.\/)+/, '');
  const scan = picomatch.scan(pattern);
  const base = resolve(cwd, scan.base || '.');
  const isMatch = picomatch(pattern, { dot: false });
  const absolute = isAbsolute(arg);
  const files: string[] = [];
  walk(base, await filterFor(base), (p) => isPostFile(p, true) && isMatch(shown(p, cwd, absolute).split(sep).join('/')), files);
  if (files.length === 0) return [{ error: { source: arg, message: 'no files match this pattern' } }];
  return files.map((f) => ({ file: shown(f, cwd, absolute) }));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Glob syntax, as picomatch reads it: * ? [ ] { } ( ) ! at the start. Checked before picomatch loads. */
const GLOB = /[*?[\]{}()]|^!/;

export async function expandPaths(args: string[], cwd: string = process.cwd()): Promise<Expanded[]> {
  const out: Expanded[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    let expanded: Expanded[];
    if (arg === '-') expanded = [{ stdin: true }];
    else if (isDirectory(resolve(cwd, arg))) expanded = await expandDirectory(arg, cwd);
    else if (!exists(resolve(cwd, arg)) && GLOB.test(arg)) expanded = await expandGlob(arg, cwd);
    else expanded = [{ file: arg }];
    for (const item of expanded) {
      const key = 'file' in item ? resolve(cwd, item.file) : undefined;
      if (key !== undefined && seen.has(key)) continue;
      if (key !== undefined) seen.add(key);
      out.push(item);
    }
  }
  return out;
}
