import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The git pre-commit hook, in throwaway repositories. Needs a build (npx tsc -p .) and git. */

// Each case spawns the CLI (and git) a few times: allow for a busy machine.
jest.setTimeout(30_000);

const ROOT = join(__dirname, '..');
const BIN = join(ROOT, 'bin', 'p5050.js');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};

const ENV = { ...process.env, NO_COLOR: '1', CI: '1', GIT_CONFIG_NOSYSTEM: '1', HOME: tempDir('p5050-home-') };

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = ENV): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env });
}

function repo(): string {
  const dir = tempDir('p5050-repo-');
  sh('git', ['init', '-q', '-b', 'main'], dir);
  for (const [k, v] of [['user.email', 'comms@cottonwood.gov'], ['user.name', 'Comms'], ['commit.gpgsign', 'false']]) sh('git', ['config', k, v], dir);
  return dir;
}

const p5050 = (args: string[], cwd: string): SpawnSyncReturns<string> => sh(process.execPath, [BIN, ...args], cwd);
const put = (dir: string, name: string, text: string): void => writeFileSync(join(dir, name), text);
const commit = (dir: string, ...files: string[]): SpawnSyncReturns<string> => {
  sh('git', ['add', ...files], dir);
  return sh('git', ['commit', '-q', '-m', 'update'], dir);
};
const hookPath = (dir: string): string => join(dir, '.git', 'hooks', 'pre-commit');

const CLEAN = 'The pool opens at noon on Saturday.\n';
const BLOCKED = 'CONFIDENTIAL: draft budget figures.\n';

describe('p5050 hook install', () => {
  it('writes an executable pre-commit hook that blocks a commit with a failing post and allows a clean one', () => {
    const dir = repo();
    const install = p5050(['hook', 'install'], dir);
    expect(install.status).toBe(0);
    expect(install.stdout).toContain('installed');
    expect(statSync(hookPath(dir)).mode & 0o111).not.toBe(0);

    put(dir, 'clean.txt', CLEAN);
    expect(commit(dir, 'clean.txt').status).toBe(0);

    put(dir, 'budget.md', BLOCKED);
    const blocked = commit(dir, 'budget.md');
    expect(blocked.status).not.toBe(0);
    // git passes a hook's stdout on to stderr.
    expect(blocked.stderr).toContain('budget.md');
    expect(blocked.stderr).toMatch(/ error 6\.1\.8 /);
    expect(blocked.stderr).toContain('commit blocked');
    // The compact form: the finding and its fix, not the whole checklist.
    expect(blocked.stderr).not.toContain('☐ 6.1.1');
    expect(blocked.stderr.split('\n').length).toBeLessThan(20);
    expect(sh('git', ['log', '--oneline'], dir).stdout.trim().split('\n')).toHaveLength(1);
  });

  it('screens the STAGED content, not the working tree', () => {
    const dir = repo();
    p5050(['hook', 'install'], dir);
    // Staged: the confidential text. Working tree: fixed but not staged. The commit must still be blocked.
    put(dir, 'post.txt', BLOCKED);
    sh('git', ['add', 'post.txt'], dir);
    put(dir, 'post.txt', CLEAN);
    expect(sh('git', ['commit', '-q', '-m', 'x'], dir).status).not.toBe(0);
    // Staged: clean. Working tree: confidential, not staged. The commit goes through.
    sh('git', ['add', 'post.txt'], dir);
    put(dir, 'post.txt', BLOCKED);
    expect(sh('git', ['commit', '-q', '-m', 'x'], dir).status).toBe(0);
  });

  it('screens batch files by row and leaves files that are not posts alone', () => {
    const dir = repo();
    p5050(['hook', 'install'], dir);
    put(dir, 'package.json', '{"name": "content", "description": "CONFIDENTIAL"}');
    put(dir, 'logo.png', 'CONFIDENTIAL');
    expect(commit(dir, 'package.json', 'logo.png').status).toBe(0);
    put(dir, 'queue.csv', `Date,Message\n2024-05-01,${CLEAN.trim()}\n2024-05-02,${BLOCKED.trim()}\n`);
    const run = commit(dir, 'queue.csv');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('queue.csv row 3');
  });

  it('refuses to replace a hook it did not write, unless --force; uninstall removes only its own', () => {
    const dir = repo();
    writeFileSync(hookPath(dir), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const refused = p5050(['hook', 'install'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/pre-commit exists and was not written by p5050; not overwritten \(use --force/);
    expect(readFileSync(hookPath(dir), 'utf8')).toContain('echo mine');
    expect(p5050(['hook', 'uninstall'], dir).status).toBe(2);
    expect(existsSync(hookPath(dir))).toBe(true);

    expect(p5050(['hook', 'install', '--force'], dir).status).toBe(0);
    expect(readFileSync(hookPath(dir), 'utf8')).toContain('# p5050 pre-commit hook');
    expect(p5050(['hook', 'install'], dir).status).toBe(0);
    expect(p5050(['hook', 'uninstall'], dir)).toMatchObject({ status: 0, stdout: expect.stringContaining('removed') });
    expect(existsSync(hookPath(dir))).toBe(false);
  });

  it('says so outside a git repository', () => {
    const run = p5050(['hook', 'install'], tempDir('p5050-nogit-'));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^p5050: not in a git repository/);
  });
});

describe('the git hook reads staged blobs by id', () => {
  it('screens a path that looks like a merge-stage lookup ("1:x.txt") and skips a submodule named like a post', () => {
    const dir = repo();
    expect(p5050(['hook', 'install'], dir).status).toBe(0);
    const sub = repo();
    put(sub, 'a.txt', CLEAN);
    commit(sub, 'a.txt');
    const subHead = sh('git', ['rev-parse', 'HEAD'], sub).stdout.trim();
    // A gitlink entry whose path ends in .txt: a commit id, not a file.
    sh('git', ['update-index', '--add', '--cacheinfo', `160000,${subHead},vendor.txt`], dir);
    put(dir, '1:x.txt', BLOCKED);
    const blocked = commit(dir, '1:x.txt');
    expect(blocked.status).not.toBe(0);
    expect(blocked.stderr).toContain('1:x.txt blocked');
    expect(blocked.stderr).not.toMatch(/vendor\.txt/);
    put(dir, '1:x.txt', CLEAN);
    expect(commit(dir, '1:x.txt').status).toBe(0);
  });
});

describe('pre-commit framework (.pre-commit-hooks.yaml)', () => {
  const manifest = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string; exclude: string; language: string }>;
  const hook = manifest[0]!;

  it('declares a hook that runs the shipped JavaScript (no TypeScript install) and ends options with "--"', () => {
    expect(hook).toMatchObject({ id: 'p5050', entry: 'bin/p5050-pre-commit check --', language: 'script' });
    const files = new RegExp(hook.files);
    const exclude = new RegExp(hook.exclude);
    const picked = ['a.txt', 'b.md', 'c.csv', 'd.json', 'e.jsonl', 'package.json', 'sub/package-lock.json', 'logo.png', 'x.js'].filter((f) => files.test(f) && !exclude.test(f));
    expect(picked).toEqual(['a.txt', 'b.md', 'c.csv', 'd.json', 'e.jsonl']);
  });

  // Needs the real pre-commit client: Debian's `pre-commit` package (.ci/run installs it).
  const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
  if (!hasPreCommit && process.env.CI) throw new Error('pre-commit is missing: .ci/run installs Debian\'s pre-commit package for this test');
  const offline = spawnSync('unshare', ['-n', 'true']).status === 0;
  (hasPreCommit ? it : it.skip)('installs from a release tag (hook-v*) without TypeScript, offline from the npm cache, and blocks and allows commits (skipped without the pre-commit package)', () => {
    expect(sh('pre-commit', ['validate-manifest', join(ROOT, '.pre-commit-hooks.yaml')], ROOT).status).toBe(0);
    // The release as scripts/hook-release.sh makes it: this checkout's HEAD plus its built dist/.
    const upstream = tempDir('p5050-upstream-');
    expect(sh('git', ['clone', '-q', ROOT, upstream], ROOT).status).toBe(0);
    // What this checkout has now (it may have uncommitted work), so the release's data matches its dist/.
    for (const part of ['dist', 'lexicons', 'bin', 'package.json', 'package-lock.json', '.pre-commit-hooks.yaml']) {
      expect(sh('cp', ['-r', join(ROOT, part), upstream], ROOT).status).toBe(0);
    }
    const who = { GIT_COMMITTER_NAME: 'Release', GIT_COMMITTER_EMAIL: 'release@cottonwood.gov', GIT_AUTHOR_NAME: 'Release', GIT_AUTHOR_EMAIL: 'release@cottonwood.gov' };
    sh('git', ['add', '-A', 'lexicons', 'bin', 'package.json', 'package-lock.json', '.pre-commit-hooks.yaml'], upstream);
    sh('git', ['commit', '-q', '-m', 'working tree'], upstream, { ...ENV, ...who });
    const release = sh('bash', [join(ROOT, 'scripts', 'hook-release.sh'), 'hook-test'], upstream, { ...ENV, ...who, P5050_NO_BUILD: '1' });
    expect(release.status).toBe(0);
    expect(sh('git', ['ls-tree', '--name-only', 'hook-test', 'dist/cli/main.js'], upstream).stdout.trim()).toBe('dist/cli/main.js');

    const dir = repo();
    put(dir, '.pre-commit-config.yaml', `repos:\n  - repo: ${upstream}\n    rev: hook-test\n    hooks: [{id: p5050}]\n`);
    // The npm cache this machine's npm ci filled; with no network (unshare -n) the runtime dependencies come from it.
    const env = { ...ENV, PRE_COMMIT_HOME: tempDir('p5050-pc-'), npm_config_cache: process.env.npm_config_cache ?? join(require('node:os').homedir() as string, '.npm') };
    expect(sh('pre-commit', ['install'], dir, env).status).toBe(0);
    put(dir, 'clean.txt', CLEAN);
    put(dir, '-notes.txt', BLOCKED);
    sh('git', ['add', '.pre-commit-config.yaml', 'clean.txt', '--', '-notes.txt'], dir);
    const gitCommit = (msg: string): SpawnSyncReturns<string> => (offline ? sh('unshare', ['-n', 'git', 'commit', '-q', '-m', msg], dir, env) : sh('git', ['commit', '-q', '-m', msg], dir, env));
    const blocked = gitCommit('blocked');
    const out = blocked.stdout + blocked.stderr;
    expect(blocked.status).not.toBe(0);
    expect(out).toContain('-notes.txt blocked');
    expect(out).toMatch(/2 posts screened, 1 blocked/);
    expect(existsSync(join(env.PRE_COMMIT_HOME, 'typescript'))).toBe(false);
    put(dir, '-notes.txt', CLEAN);
    sh('git', ['add', '--', '-notes.txt'], dir);
    const clean = gitCommit('clean');
    expect(clean.stdout + clean.stderr).toMatch(/Passed|2 posts screened, 0 blocked/);
    expect(clean.status).toBe(0);
  });
});
