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
  it('verifies an intact chain and names its head', () => {
    const file = logWith(5);
    const last = JSON.parse(lines(file)[4]!) as { hash: string };
    expect(verifyChain(readFileSync(file))).toEqual({ ok: true, lines: 5, head: last.hash });
  });

  it('hashes the exact bytes of a line: the same JSON re-formatted is altered', () => {
    const file = logWith(3);
    const reformatted = lines(file).map((l, i) => (i === 1 ? l.replace('{"seq":2,', '{"seq": 2,') : l));
    expect(JSON.parse(reformatted[1]!)).toEqual(JSON.parse(lines(file)[1]!));
    expect(verifyChain(reformatted.join('\n') + '\n')).toMatchObject({ ok: false, line: 2, problem: expect.stringMatching(/altered/) });
  });

  it('rejects a key given twice, even with the hash recomputed for the doctored line', () => {
    const file = logWith(2);
    const [first] = lines(file);
    // Forge the second line as someone with write access could: a repeated key, and a hash that fits its bytes.
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    const prev = (JSON.parse(first!) as { hash: string }).hash;
    const body = `{"seq":2,"source":"x.txt","decision":"clean","decision":"blocked","prev":"${prev}"}`;
    const forged = `${body.slice(0, -1)},"hash":"${createHash('sha256').update(body).digest('hex')}"}`;
    expect(verifyChain(`${first}\n${forged}\n`)).toMatchObject({ ok: false, line: 2, problem: expect.stringMatching(/"decision" appears twice/) });
  });

  it('detects lines removed from the end against a head recorded earlier', () => {
    const file = logWith(4);
    const all = lines(file);
    const head = (JSON.parse(all[3]!) as { hash: string }).hash;
    expect(verifyChain(all.join('\n') + '\n', { expectHead: head })).toMatchObject({ ok: true, lines: 4 });
    expect(verifyChain(all.slice(0, 3).join('\n') + '\n', { expectHead: head })).toMatchObject({ ok: false, problem: expect.stringMatching(/removed from the end/) });
    // Lines appended after the recorded head are fine: the head is still in the chain.
    appendAuditEntries(file, [{ source: 'later.txt' }]);
    expect(verifyChain(readFileSync(file), { expectHead: head })).toMatchObject({ ok: true, lines: 5 });
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
    expect(verifyChain(lines(file).slice(0, 2).join('\n') + '\n')).toMatchObject({ ok: true, lines: 2 });
  });

  it('cuts off a torn last line on the next append and says so, leaving earlier lines intact', () => {
    const file = logWith(3);
    const before = lines(file);
    appendFileSync(file, '{"seq":4,"time":"2026-');
    appendAuditEntries(file, [{ source: 'after-crash.txt' }]);
    const after = lines(file);
    expect(after.slice(0, 3)).toEqual(before);
    expect(after[3]).toMatch(/"recovered":"removed \d+ bytes of a torn, incomplete line"/);
    expect(verifyChain(readFileSync(file, 'utf8'))).toMatchObject({ ok: true, lines: 4 });
  });

  it('cuts a torn line that ends inside a multi-byte character by bytes, leaving the line before it whole', () => {
    const file = freshLog();
    appendAuditEntries(file, [{ source: 'café-é.txt' }, { source: 'naïve-ü.txt' }]);
    const before = readFileSync(file);
    // A crash mid-write: the next line stops after the first byte of "é" (0xC3 0xA9).
    appendFileSync(file, Buffer.concat([Buffer.from('{"seq":3,"source":"caf'), Buffer.from([0xc3])]));
    appendAuditEntries(file, [{ source: 'after.txt' }]);
    const after = readFileSync(file);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(verifyChain(after)).toMatchObject({ ok: true, lines: 3 });
    expect(after.toString('utf8')).toMatch(/"recovered":"removed 23 bytes of a torn, incomplete line"/);
  });

  it('refuses to continue a chain whose last line is not an audit entry, and writes nothing', () => {
    const file = logWith(2);
    appendFileSync(file, 'not json\n');
    const before = readFileSync(file, 'utf8');
    expect(() => appendAuditEntries(file, [{ source: 'x.txt' }])).toThrow(/last complete line is not valid JSON/);
    appendFileSync(file, '{"note":"hand-written"}\n');
    expect(() => appendAuditEntries(file, [{ source: 'x.txt' }])).toThrow(/not a p5050 audit entry/);
    expect(readFileSync(file, 'utf8')).toBe(`${before}{"note":"hand-written"}\n`);
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
    expect(verifyChain(text)).toMatchObject({ ok: true, lines: 800 });
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

  it('checks --expect-head: 0 while the log holds that head, 1 once lines were cut off the end', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const bin = join(__dirname, '..', 'bin', 'p5050.js');
    const file = logWith(3);
    const ok = spawnSync(process.execPath, [bin, 'audit', 'verify', file], { encoding: 'utf8' });
    const head = /head ([0-9a-f]{64})/.exec(ok.stdout)?.[1];
    expect(head).toBeDefined();
    writeFileSync(file, lines(file).slice(0, 2).join('\n') + '\n');
    const cut = spawnSync(process.execPath, [bin, 'audit', 'verify', file, '--expect-head', head!], { encoding: 'utf8' });
    expect(cut.status).toBe(1);
    expect(cut.stdout).toMatch(/removed from the end/);
    const bad = spawnSync(process.execPath, [bin, 'audit', 'verify', file, '--expect-head', 'abc'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^p5050: --expect-head: "abc" is not a head hash/);
  });
});

describe('check --audit-log with a log it cannot append to', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const bin = join(__dirname, '..', 'bin', 'p5050.js');
  const post = join(dir, 'post.txt');
  writeFileSync(post, 'The library opens at 9.\n');

  it.each([
    ['whose last complete line is not JSON', () => { const f = logWith(1); appendFileSync(f, 'garbage\n'); return f; }, /last complete line is not valid JSON/],
    ['that is a directory', () => mkdtempSync(join(dir, 'logdir-')), /is a directory/],
  ])('says so in one line, exits 2 and says the entries were not written (a log %s)', (_what, make, problem) => {
    const file = make();
    const run = spawnSync(process.execPath, [bin, 'check', post, '--audit-log', file], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    const stderr = run.stderr.trimEnd().split('\n');
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(new RegExp(`^p5050: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    expect(stderr[0]).toMatch(problem);
    expect(stderr[0]).toMatch(/1 audit entry of this run not written/);
    expect(run.stdout).toMatch(/post\.txt/);
  });
});
