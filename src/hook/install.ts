import { chmodSync, existsSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gitText } from './git';

/**
 * Installing p5050 as the repository's git pre-commit hook. The hook carries a marker line, so p5050
 * only ever overwrites or removes a hook it wrote itself (unless --force).
 */

export const HOOK_MARKER = '# p5050 pre-commit hook';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The hook script: runs this p5050 (by absolute path) if it is still there, else p5050 on PATH, else npx. */
export function hookScript(nodePath: string, binPath: string): string {
  return `#!/bin/sh
${HOOK_MARKER}: written by "p5050 hook install"; remove with "p5050 hook uninstall".
# Screens the STAGED content of staged posts against Social Media Policy P5050; failures block the commit.
# To commit anyway, once: git commit --no-verify
P5050_NODE=${shellQuote(nodePath)}
P5050_BIN=${shellQuote(binPath)}
[ -x "$P5050_NODE" ] || P5050_NODE=node
if [ -f "$P5050_BIN" ]; then
  exec "$P5050_NODE" "$P5050_BIN" hook run
elif command -v p5050 >/dev/null 2>&1; then
  exec p5050 hook run
else
  exec npx --no-install p5050 hook run
fi
`;
}

function hooksDir(cwd: string): { dir: string } | { problem: string } {
  const out = gitText(['rev-parse', '--git-path', 'hooks'], cwd);
  return 'problem' in out ? { problem: `not in a git repository (${out.problem})` } : { dir: resolve(cwd, out.text) };
}

function ours(path: string): boolean {
  return readFileSync(path, 'utf8').includes(HOOK_MARKER);
}

export type HookResult = { message: string } | { problem: string };

export function installHook(cwd: string, force: boolean, binPath: string, nodePath: string = process.execPath): HookResult {
  const hooks = hooksDir(cwd);
  if ('problem' in hooks) return hooks;
  const path = join(hooks.dir, 'pre-commit');
  if (existsSync(path) && !ours(path) && !force) {
    return { problem: `${path} exists and was not written by p5050; not overwritten (use --force to replace it)` };
  }
  mkdirSync(hooks.dir, { recursive: true });
  writeFileSync(path, hookScript(nodePath, binPath));
  chmodSync(path, 0o755);
  return { message: `installed ${path}: commits now screen staged posts against P5050` };
}

export function uninstallHook(cwd: string): HookResult {
  const hooks = hooksDir(cwd);
  if ('problem' in hooks) return hooks;
  const path = join(hooks.dir, 'pre-commit');
  if (!existsSync(path)) return { message: 'no pre-commit hook installed; nothing to do' };
  if (!ours(path)) return { problem: `${path} was not written by p5050; left as it is` };
  unlinkSync(path);
  return { message: `removed ${path}` };
}
