import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * bin/p5050.js runs the one-file bundle of dist/ with the V8 code cache the build saved (bin/load-cli.js).
 * Without the bundle, or with a cache V8 refuses, it must still run, and report exactly the same.
 */

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

/** A copy of the package whose dist/cli lacks `left out` (links to everything else), and whose cache holds `cache`. */
function installWithout(leftOut: string[], cache?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'p5050-bundle-'));
  mkdirSync(join(dir, 'bin'));
  for (const f of readdirSync(join(ROOT, 'bin'))) copyFileSync(join(ROOT, 'bin', f), join(dir, 'bin', f));
  for (const f of ['lexicons', 'package.json', 'docs', 'schema']) symlinkSync(join(ROOT, f), join(dir, f));
  mkdirSync(join(dir, 'dist', 'cli'), { recursive: true });
  for (const f of readdirSync(join(ROOT, 'dist'))) if (f !== 'cli') symlinkSync(join(ROOT, 'dist', f), join(dir, 'dist', f));
  for (const f of readdirSync(join(ROOT, 'dist', 'cli'))) if (!leftOut.includes(f)) symlinkSync(join(ROOT, 'dist', 'cli', f), join(dir, 'dist', 'cli', f));
  if (cache !== undefined) writeFileSync(join(dir, 'dist', 'cli', 'bundle.js.cache'), cache);
  return dir;
}

function check(root: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'p5050.js'), 'check', EXAMPLES, '--format', 'json', '--no-config'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: '1', NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the bundled CLI and its code cache', () => {
  const built = check(ROOT);

  test('the build saved a cache that V8 accepts under the CLI flags', () => {
    const script = `const l=require(${JSON.stringify(join(ROOT, 'bin', 'load-cli.js'))});require('v8').setFlagsFromString(l.V8_FLAGS);l.loadCli();process.stdout.write(String(l.codeCacheRejected()))`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(r.stdout).toBe('false');
  });

  test('the bundle is ASCII, as bin/load-cli.js reads it (latin1)', () => {
    expect(readFileSync(join(ROOT, 'dist', 'cli', 'bundle.js'), 'latin1')).not.toMatch(/[^\x00-\x7f]/);
  });

  test('without the bundle the CLI runs from dist/ and reports the same', () => {
    expect(built.code).toBe(1);
    expect(check(installWithout(['bundle.js', 'bundle.js.cache']))).toEqual(built);
  });

  test('a cache V8 rejects is only ignored', () => {
    expect(check(installWithout(['bundle.js.cache'], 'not a code cache'))).toEqual(built);
  });

  test('without the cache the bundle is compiled as usual', () => {
    expect(check(installWithout(['bundle.js.cache']))).toEqual(built);
  });
});
