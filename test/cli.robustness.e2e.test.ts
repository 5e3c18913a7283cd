import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The CLI as users run it, when its output or its run is cut short. */

const bin = join(__dirname, '..', 'bin', 'p5050.js');
const dir = mkdtempSync(join(tmpdir(), 'p5050-robust-'));

function jsonl(name: string, texts: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, texts.map((text, i) => JSON.stringify({ id: `p${i + 1}`, text })).join('\n') + '\n');
  return path;
}

const CLEAN = 'The library opens at 9 on Saturday. Join us for story time!';
const BLOCKED = 'CONFIDENTIAL: draft budget figures, do not distribute.';

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function finished(child: ReturnType<typeof spawn>): Promise<Finished> {
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const auditLines = (file: string): number => (existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').filter(Boolean).length : 0);

describe('usage errors: one line "p5050: <what>: <problem>", exit 2, commander\'s own included', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const post = join(dir, 'post.txt');
  writeFileSync(post, 'The library opens at 9.\n');
  const cases: Array<[string[], string]> = [
    [['check', post, '--frobnicate'], 'p5050: --frobnicate: unknown option (see: p5050 check --help)'],
    [['check', post, '--formt', 'json'], 'p5050: --formt: unknown option (did you mean --format?) (see: p5050 check --help)'],
    [['check', post, '--format', 'xml'], 'p5050: --format: "xml" is not one of stylish, json, jsonl, sarif, junit, markdown, html, github (see: p5050 check --help)'],
    [['check', post, '--max-bytes', 'lots'], 'p5050: --max-bytes: "lots" is not valid: must be a positive whole number of bytes (see: p5050 check --help)'],
    [['check', post, '--clause'], 'p5050: --clause: needs a value (<ids>) (see: p5050 check --help)'],
    [['check', post, '--clause', '6.1.8,bogus,6.9'], 'p5050: --clause: unknown clause ids "bogus", "6.9" (see: p5050 policy)'],
    [['chek', post], 'p5050: chek: unknown command (did you mean check?) (see: p5050 --help)'],
    [['explain'], 'p5050: <id>: missing (see: p5050 explain --help)'],
    [['explain', '6.1.8', '6.1.2'], 'p5050: explain: too many arguments (takes 1, got 2) (see: p5050 explain --help)'],
    [['approve', post, '--by', 'Dana'], 'p5050: --clause: required, not given (see: p5050 approve --help)'],
    [['hook', 'run', '--frobnicate'], 'p5050: --frobnicate: unknown option (see: p5050 hook run --help)'],
    [['audit', 'verify'], 'p5050: <file>: missing (see: p5050 audit verify --help)'],
  ];

  it.each(cases)('p5050 %j', (args, line) => {
    const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`${line}\n`);
    expect(run.stdout).toBe('');
  });
});

describe('a reader that closes the output pipe early', () => {
  const posts = 3000;
  const blockedFirst = jsonl('blocked-first.jsonl', [BLOCKED, ...Array<string>(posts - 1).fill(CLEAN)]);
  const allClean = jsonl('all-clean.jsonl', Array<string>(posts).fill(CLEAN));

  /** Runs check with stdout a pipe that is closed at once; the audit log counts the posts screened. */
  async function withClosedOutput(input: string, format: string): Promise<Finished & { screened: number }> {
    const log = join(dir, `audit-${format}-${Math.random().toString(36).slice(2)}.jsonl`);
    const child = spawn(process.execPath, [bin, 'check', input, '--format', format, '--jobs', '0', '--audit-log', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    const result = await finished(child);
    return { ...result, screened: auditLines(log) };
  }

  it.each(['stylish', 'json', 'jsonl', 'sarif', 'junit', 'markdown', 'html', 'github'])(
    '%s: stops screening, says so in one line and exits 1 because a screened post was blocked',
    async (format) => {
      const run = await withClosedOutput(blockedFirst, format);
      expect(run.code).toBe(1);
      expect(run.screened).toBeGreaterThan(0);
      expect(run.screened).toBeLessThan(posts);
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^p5050: <stdout>: closed by its reader after \d+ posts?; the rest of the input was not screened$/)]);
    },
    60_000,
  );

  // The formats that hold their report until the end write a filler (a newline) every 1,000 posts, so a
  // reader that leaves after the first bytes is noticed while screening, not after the last post.
  const many = jsonl('many-clean.jsonl', [BLOCKED, ...Array<string>(3 * posts - 1).fill(CLEAN)]);

  it.each(['sarif', 'junit', 'markdown', 'html'])('%s: a reader that goes away after the first bytes stops the run too', async (format) => {
    const log = join(dir, `audit-late-${format}.jsonl`);
    const child = spawn(process.execPath, [bin, 'check', many, '--format', format, '--jobs', '0', '--audit-log', log], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.once('data', () => child.stdout!.destroy());
    const run = await finished(child);
    expect(run.code).toBe(1);
    expect(auditLines(log)).toBeLessThan(3 * posts);
    expect(run.stderr).toMatch(/^p5050: <stdout>: closed by its reader after \d+ posts; the rest of the input was not screened\n$/);
  }, 60_000);

  it.each([
    ['sarif', (out: string) => (JSON.parse(out) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length],
    ['junit', (out: string) => (out.match(/<testcase /g) ?? []).length],
  ])('%s: the fillers leave a report that still parses', (format, count) => {
    const run = spawnSync(process.execPath, [bin, 'check', many, '--format', format, '--jobs', '0', '--fail-on', 'never'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\n\n\n'); // the fillers are there (one per 1,000 posts)...
    expect(count(run.stdout)).toBeGreaterThan(0); // ...and the report still reads
    if (format === 'junit') expect(run.stdout.replace(/\n+/g, '\n')).toMatch(/^<\?xml [^>]*\?>\n<testsuites [^>]*>\n/);
  }, 60_000);

  it('never exits 0 for a batch it stopped screening: the unscreened rest may not pass as clean', async () => {
    const run = await withClosedOutput(allClean, 'sarif');
    expect(run.screened).toBeLessThan(posts);
    expect(run.code).toBe(2);
  }, 60_000);
});

describe('an interrupted run', () => {
  const linux = existsSync('/proc/self/fd');
  // Enough findings that the SARIF results spill from memory into a temporary file (past 256 kB).
  const unit = 'CONFIDENTIAL: password: Hunter2024! call 555-867-5309, SSN 123-45-6789, card 4111 1111 1111 1111.';
  const big = jsonl('many-findings.jsonl', Array<string>(20_000).fill(unit));

  /**
   * Waits until the child has the report's temporary spool file open and has written to it (it shows in
   * /proc/<pid>/fd, and in the folder). SIGKILL cannot be caught, so for it the wait goes on until the
   * file has been unlinked as well: no program can clean up after a SIGKILL in between.
   */
  async function spoolOpen(pid: number, until: () => boolean, unlinked: boolean): Promise<boolean> {
    const isSpool = (link: string): boolean => link.includes('p5050-report-') && (!unlinked || link.endsWith('(deleted)'));
    while (!until()) {
      try {
        const fds = readdirSync(`/proc/${pid}/fd`);
        if (fds.some((fd) => { try { return isSpool(readlinkSync(`/proc/${pid}/fd/${fd}`)); } catch { return false; } })) return true;
      } catch {
        return false;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  (linux ? it.each<NodeJS.Signals>(['SIGINT', 'SIGTERM', 'SIGKILL']) : it.skip.each<NodeJS.Signals>(['SIGINT']))(
    'leaves no report spool (post excerpts) in the temporary folder when stopped by %s',
    async (signal) => {
      const tmp = mkdtempSync(join(dir, 'tmp-'));
      const child = spawn(process.execPath, [bin, 'check', big, '--format', 'sarif', '--jobs', '0'], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: tmp } });
      let exited = false;
      const done = finished(child).then((r) => ((exited = true), r));
      expect(await spoolOpen(child.pid!, () => exited, signal === 'SIGKILL')).toBe(true);
      child.kill(signal);
      const run = await done;
      expect(run.signal).toBe(signal);
      expect(readdirSync(tmp)).toEqual([]);
    },
    120_000,
  );
});
