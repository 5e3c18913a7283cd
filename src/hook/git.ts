/** Runs git and returns its stdout, or a one-line reason it failed. */
export function git(args: string[], cwd: string): { stdout: Buffer } | { problem: string } {
  // Loaded on first use (about 2 ms, with node:net): a check in most formats never runs git.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const result = spawnSync('git', args, { cwd, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) return { problem: `cannot run git: ${result.error.message}` };
  if (result.status !== 0) {
    const message = result.stderr.toString('utf8').trim().split('\n')[0] ?? '';
    return { problem: message || `git ${args[0]} failed (exit ${result.status})` };
  }
  return { stdout: result.stdout };
}

export function gitText(args: string[], cwd: string): { text: string } | { problem: string } {
  const out = git(args, cwd);
  return 'problem' in out ? out : { text: out.stdout.toString('utf8').trim() };
}
