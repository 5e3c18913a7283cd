import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendAuditEntries } from '../src/audit/append';
import { verifyChain } from '../src/audit/chain';

const dir = mkdtempSync(join(tmpdir(), 'p5050-audit-'));
let counter = 0;
const freshLog = (): string => join(dir, `audit-${++counter}.jsonl`);

function logWith(n: number): string {
  const file = freshLog();
  for (let i = 0; i < n; i++) appendAuditEntries(file, [{ source: `post-${i}.txt`, decision: 'clean' }]);
  return file;
}

const lines = (file: string): string[] => readFileSync(file, 'utf8').trimEnd().split('\n');

describe('audit log hash chain', () => {
  it('verifies an intact chain', () => {
    const file = logWith(5);
    expect(verifyChain(readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 5 });
  });

  it('names an edited line', () => {
    const file = logWith(5);
    const edited = lines(file).map((l, i) => (i === 2 ? l.replace('post-2.txt', 'post-X.txt') : l));
    expect(verifyChain(edited.join('\n'))).toMatchObject({ ok: false, line: 3, problem: expect.stringMatching(/altered/) });
  });

  it('names the line after a deleted one', () => {
    const file = logWith(5);
    const deleted = lines(file).filter((_, i) => i !== 1);
    expect(verifyChain(deleted.join('\n'))).toMatchObject({ ok: false, line: 2, problem: expect.stringMatching(/chain broken/) });
  });

  it('detects swapped lines', () => {
    const file = logWith(5);
    const l = lines(file);
    [l[1], l[3]] = [l[3]!, l[1]!];
    expect(verifyChain(l.join('\n'))).toMatchObject({ ok: false, line: 2 });
  });

  it('cannot see a removed last line from the chain alone, so verify reports the line count to compare', () => {
    const file = logWith(3);
    expect(verifyChain(lines(file).slice(0, 2).join('\n'))).toEqual({ ok: true, lines: 2 });
  });

  it('cuts off a torn last line on the next append and says so, leaving earlier lines intact', () => {
    const file = logWith(3);
    const before = lines(file);
    appendFileSync(file, '{"seq":4,"time":"2026-');
    appendAuditEntries(file, [{ source: 'after-crash.txt' }]);
    const after = lines(file);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]).toMatch(/"recovered":"removed \d+ bytes of a torn, incomplete line"/);
    expect(verifyChain(readFileSync(file, 'utf8'))).toEqual({ ok: true, lines: 4 });
  });

  it('keeps one valid chain when 4 processes append 200 posts each in parallel', async () => {
    const file = freshLog();
    const appendModule = join(__dirname, '..', 'dist', 'audit', 'append.js');
    const script = `const { appendAuditEntries } = require(${JSON.stringify(appendModule)});
      for (let i = 0; i < 200; i++) appendAuditEntries(process.argv[1], [{ source: 'w' + process.argv[2] + '-' + i }]);`;
    const workers = [0, 1, 2, 3].map(
      (w) =>
        new Promise<number>((resolve, reject) => {
          const child = spawn(process.execPath, ['-e', script, file, String(w)], { stdio: 'inherit' });
          child.on('error', reject);
          child.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(workers)).toEqual([0, 0, 0, 0]);
    const text = readFileSync(file, 'utf8');
    expect(verifyChain(text)).toEqual({ ok: true, lines: 800 });
    const sources = new Set(text.trimEnd().split('\n').map((l) => (JSON.parse(l) as { source: string }).source));
    expect(sources.size).toBe(800);
  }, 30_000);
});

describe('p5050 audit verify', () => {
  it('exits 0 when intact and 1 naming the first tampered line', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const bin = join(__dirname, '..', 'bin', 'p5050.js');
    const file = logWith(4);
    const ok = spawnSync(process.execPath, [bin, 'audit', 'verify', file], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/intact, 4 lines/);
    writeFileSync(file, lines(file).map((l, i) => (i === 1 ? l.replace('"clean"', '"blocked"') : l)).join('\n') + '\n');
    const bad = spawnSync(process.execPath, [bin, 'audit', 'verify', file], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/tampered at line 2/);
  });
});
