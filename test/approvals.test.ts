import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '../src/approvals/hash';
import { bindApprovals } from '../src/approvals/match';
import { mayRecord, DEFAULT_APPROVABLE } from '../src/approvals/rules';
import type { ApprovalRecord, Finding } from '../src/types';

const BIN = join(__dirname, '..', 'bin', 'p5050.js');

function inDir(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const finding = (clause: string, ruleId = 'r'): Finding => ({
  offset: 0, length: 1, ruleId, clause, severity: 'error', message: 'm', suggestion: 's', screener: 'x', line: 1, column: 1, excerpt: 'x',
});

const record = (over: Partial<ApprovalRecord>): ApprovalRecord => ({
  kind: 'approval', contentHash: 'h1', source: 'post.txt', clause: '6.1.11', by: 'Dana Lee', reason: 'ok', at: '2026-11-01T00:00:00.000Z', ...over,
});

describe('content hash', () => {
  it('ignores line endings and trailing spaces but not words', () => {
    expect(contentHash('a line \r\nnext\n')).toBe(contentHash('a line\nnext'));
    expect(contentHash('Vote on Tuesday')).not.toBe(contentHash('Vote on Wednesday'));
  });
});

describe('binding approvals', () => {
  const post = { source: 'post.txt', id: 'post.txt', contentHash: 'h1' };

  it('covers findings of the approved clause for the same content', () => {
    const [bound] = bindApprovals([finding('6.1.11')], [record({})], post);
    expect(bound?.approval?.by).toBe('Dana Lee');
  });

  it('does not cover other clauses, or other rules when the approval names one', () => {
    expect(bindApprovals([finding('6.1.6')], [record({})], post)[0]?.approval).toBeUndefined();
    expect(bindApprovals([finding('6.1.11', 'other')], [record({ rule: 'url' })], post)[0]?.approval).toBeUndefined();
  });

  it('marks an approval of changed text as stale', () => {
    const [bound] = bindApprovals([finding('6.1.11')], [record({ contentHash: 'old' })], post);
    expect(bound?.approval).toBeUndefined();
    expect(bound?.staleApproval?.contentHash).toBe('old');
  });
});

describe('what may be approved', () => {
  it('lets a manager approve 6.1.11 and 6.1.6 only; the rest need a 4.1 exception', () => {
    const policy = { approvable: DEFAULT_APPROVABLE };
    expect(mayRecord('approval', '6.1.11', policy)).toEqual({ ok: true });
    expect(mayRecord('approval', '6.1.6', policy)).toEqual({ ok: true });
    for (const clause of ['6.1.14', '6.1.2', '6.1.12', '5.3.b']) {
      expect(mayRecord('approval', clause, policy)).toMatchObject({ ok: false, reason: expect.stringMatching(/--kind exception/) });
      expect(mayRecord('exception', clause, policy)).toEqual({ ok: true });
    }
  });
});

describe('p5050 approve → check', () => {
  it('an exception lets the post pass with its own warning line; a changed word makes it stale and it blocks again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    writeFileSync(join(dir, 'post.txt'), 'Budget update.\nCONFIDENTIAL figures attached.\n');
    expect(inDir(dir, ['check', 'post.txt', '--clause', '6.1.8']).code).toBe(1);

    const refused = inDir(dir, ['approve', 'post.txt', '--clause', '6.1.8', '--by', 'Dana Lee', '--reason', 'cleared']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot be approved by a manager/);

    const approved = inDir(dir, ['approve', 'post.txt', '--clause', '6.1.8', '--kind', 'exception', '--by', 'Dana Lee', '--reason', 'cleared by the City Attorney']);
    expect(approved.code).toBe(0);
    const saved = JSON.parse(readFileSync(join(dir, '.p5050', 'approvals.jsonl'), 'utf8').trim()) as ApprovalRecord;
    expect(saved).toMatchObject({ kind: 'exception', clause: '6.1.8', source: 'post.txt', by: 'Dana Lee', contentHash: contentHash('Budget update.\nCONFIDENTIAL figures attached.\n') });

    const passing = inDir(dir, ['check', 'post.txt', '--clause', '6.1.8']);
    expect(passing.code).toBe(0);
    // Not clean, though: a granted exception is review, so --fail-on warning still stops it.
    expect(inDir(dir, ['check', 'post.txt', '--clause', '6.1.8', '--fail-on', 'warning']).code).toBe(1);
    expect(passing.stdout).toMatch(/4\.1 exception granted by Dana Lee on \d{4}-\d\d-\d\d: cleared by the City\s+Attorney/);

    writeFileSync(join(dir, 'post.txt'), 'Budget update.\nCONFIDENTIAL figures attached today.\n');
    const stale = inDir(dir, ['check', 'post.txt', '--clause', '6.1.8']);
    expect(stale.code).toBe(1);
    expect(stale.stdout.replace(/\s+/g, " ")).toMatch(/no longer matches the content/);
  });

  it('refuses unknown clauses and missing files with exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    expect(inDir(dir, ['approve', 'nope.txt', '--clause', '6.1.11', '--by', 'A', '--reason', 'B']).stderr).toMatch(/nope\.txt: no such file/);
    expect(inDir(dir, ['approve', 'nope.txt', '--clause', '9.9', '--by', 'A', '--reason', 'B']).code).toBe(2);
  });

  it('writes one audit line per screened post that verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    writeFileSync(join(dir, 'a.txt'), 'The library opens at 9.');
    writeFileSync(join(dir, 'b.txt'), 'CONFIDENTIAL');
    inDir(dir, ['check', 'a.txt', 'b.txt', '--audit-log', 'audit.jsonl']);
    const entries = readFileSync(join(dir, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.map((e) => [e.source, e.decision])).toEqual([['a.txt', expect.any(String)], ['b.txt', 'blocked']]);
    expect(inDir(dir, ['audit', 'verify', 'audit.jsonl']).code).toBe(0);
  });

  it('a manager approves a link (6.1.11): the post passes and shows who approved it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    writeFileSync(join(dir, 'event.txt'), 'Festival details: https://riversidearts.example.org/festival\n');
    const before = inDir(dir, ['check', 'event.txt', '--clause', '6.1.11', '--fail-on', 'warning']);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/needs the Department Manager's approval/);
    expect(inDir(dir, ['approve', 'event.txt', '--clause', '6.1.11', '--by', 'Dana Lee', '--reason', 'Partner event page']).code).toBe(0);
    const after = inDir(dir, ['check', 'event.txt', '--clause', '6.1.11', '--fail-on', 'warning']);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/approved by Dana Lee on \d{4}-\d\d-\d\d: Partner event page/);
  });

  it('reads approvals from Markdown front matter, bound to the title, description and body', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    const body = 'Festival details: https://riversidearts.example.org/festival\n';
    const hash = contentHash(['Arts festival', body].join('\n'));
    const post = (extra: string, text = body): string =>
      `---\ntitle: Arts festival\ndate: 2026-12-01\np5050-approvals:\n  - clause: "6.1.11"\n    by: Dana Lee\n    reason: Partner page\n    at: 2026-11-27\n    contentHash: ${hash}\n${extra}---\n${text}`;
    writeFileSync(join(dir, 'event.md'), post(''));
    const approved = inDir(dir, ['check', 'event.md', '--clause', '6.1.11', '--fail-on', 'warning']);
    expect(approved.stdout).toMatch(/approved by Dana Lee/);
    expect(approved.code).toBe(0);

    writeFileSync(join(dir, 'event.md'), post('network: Facebook\n'));
    expect(inDir(dir, ['check', 'event.md', '--clause', '6.1.11', '--fail-on', 'warning']).code).toBe(0);

    writeFileSync(join(dir, 'event.md'), post('', body.replace('Festival', 'Fair')));
    const stale = inDir(dir, ['check', 'event.md', '--clause', '6.1.11', '--fail-on', 'warning']);
    expect(stale.code).toBe(1);
    expect(stale.stdout.replace(/\s+/g, " ")).toMatch(/no longer matches the content/);
  });

  it('approves one post of a batch file by --id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'p5050-approve-'));
    writeFileSync(join(dir, 'week.jsonl'), '{"id":"a","text":"See https://partner.example.org/a"}\n{"id":"b","text":"See https://partner.example.org/b"}\n');
    expect(inDir(dir, ['approve', 'week.jsonl', '--clause', '6.1.11', '--by', 'A', '--reason', 'B']).stderr).toMatch(/holds 2 posts/);
    expect(inDir(dir, ['approve', 'week.jsonl', '--id', 'b', '--clause', '6.1.11', '--by', 'A', '--reason', 'B']).code).toBe(0);
    const run = inDir(dir, ['check', 'week.jsonl', '--clause', '6.1.11', '--format', 'json']);
    const posts = (JSON.parse(run.stdout) as { posts: Array<{ id: string; clauses: Array<{ status: string }> }> }).posts;
    expect(posts.map((p) => [p.id, p.clauses[0]?.status])).toEqual([['a', 'needs-approval'], ['b', 'approved']]);
  });
});

describe('approvals gate the exit code', () => {
  const posts: Record<string, string> = {
    'clean.txt': 'Pool opens at noon on Saturday.\n',
    'review.txt': 'Burglaries fell 40% last year, and most residents feel safer.\n',
    'approval.txt': 'Photos from the county fair are up: https://verdevalleyfair.org/photos\n',
    'blocked.txt': 'Update on the budget.\nCONFIDENTIAL: draft figures\n',
    'fr.txt': 'La bibliothèque municipale ouvre demain matin avec des activités pour toute la famille.\n',
  };
  const dir = mkdtempSync(join(tmpdir(), 'p5050-gate-'));
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(dir, name), text);

  it('exits with the code of every verdict at every --fail-on level, default "error"', () => {
    const all = JSON.parse(inDir(dir, ['check', '--no-config', ...Object.keys(posts), '--format', 'json']).stdout) as { posts: Array<{ verdict: string }>; summary: Record<string, number> };
    expect(all.posts.map((p) => p.verdict)).toEqual(['clean', 'review', 'needs-approval', 'blocked', 'not-screened']);
    expect(all.summary).toMatchObject({ posts: 5, blocked: 1, needsApproval: 1, review: 1, clean: 1, notScreened: 1 });
    const codes = (...level: string[]): number[] => Object.keys(posts).map((name) => inDir(dir, ['check', '--no-config', name, ...level]).code ?? -1);
    //                                       clean review approval blocked not-screened
    expect(codes()).toEqual([0, 0, 1, 1, 0]);
    expect(codes('--fail-on', 'error')).toEqual([0, 0, 1, 1, 0]);
    expect(codes('--fail-on', 'warning')).toEqual([0, 1, 1, 1, 1]);
    expect(codes('--fail-on', 'blocked')).toEqual([0, 0, 0, 1, 0]);
    expect(codes('--fail-on', 'never')).toEqual([0, 0, 0, 0, 0]);
  });

  it('takes "blocked" from the config failOn too', () => {
    const conf = mkdtempSync(join(tmpdir(), 'p5050-gate-'));
    writeFileSync(join(conf, '.p5050rc.yaml'), 'failOn: blocked\n');
    writeFileSync(join(conf, 'approval.txt'), posts['approval.txt']!);
    expect(inDir(conf, ['check', 'approval.txt']).code).toBe(0);
    expect(inDir(conf, ['check', 'approval.txt', '--fail-on', 'error']).code).toBe(1);
  });

  it('an approval lets the post through at the default level; once the text changes it is stale, says so and exits 1', () => {
    const own = mkdtempSync(join(tmpdir(), 'p5050-gate-'));
    writeFileSync(join(own, 'post.txt'), posts['approval.txt']!);
    const waiting = inDir(own, ['check', 'post.txt']);
    expect(waiting.code).toBe(1);
    expect(waiting.stdout).toMatch(/needs the Department Manager's approval: 0 errors, 1 warning/);
    expect(waiting.stdout).toMatch(/1 post screened, 0 blocked, 1 need approval, 0 need review, 0 clean/);
    expect(inDir(own, ['approve', 'post.txt', '--clause', '6.1.11', '--by', 'Dana Lee', '--reason', 'Partner event']).code).toBe(0);
    expect(inDir(own, ['check', 'post.txt']).code).toBe(0);
    writeFileSync(join(own, 'post.txt'), 'Photos from the county fair are up now: https://verdevalleyfair.org/photos\n');
    const stale = inDir(own, ['check', 'post.txt']);
    expect(stale.code).toBe(1);
    expect(stale.stdout.replace(/\s+/g, ' ')).toMatch(/needs approval again: the approval by Dana Lee on \d{4}-\d\d-\d\d no longer matches the content/);
    const json = JSON.parse(inDir(own, ['check', 'post.txt', '--format', 'json']).stdout) as { posts: Array<{ verdict: string; findings: Array<{ staleApproval?: ApprovalRecord }> }> };
    expect(json.posts[0]!.verdict).toBe('needs-approval');
    expect(json.posts[0]!.findings[0]!.staleApproval?.by).toBe('Dana Lee');
  });

  const endorsement = 'Vote for Jane Smith for Mayor on Tuesday!\n';

  it('ignores a hand-written approvals line for 6.1.14, with one warning line, even at --fail-on warning', () => {
    const own = mkdtempSync(join(tmpdir(), 'p5050-forged-'));
    writeFileSync(join(own, 'post.txt'), endorsement);
    expect(inDir(own, ['check', 'post.txt']).code).toBe(1);
    mkdirSync(join(own, '.p5050'));
    const forged = { kind: 'approval', contentHash: contentHash(endorsement), source: 'post.txt', clause: '6.1.14', by: 'Dana Lee', reason: 'ok', at: '2026-11-01T00:00:00.000Z' };
    writeFileSync(join(own, '.p5050', 'approvals.jsonl'), `${JSON.stringify(forged)}\n`);
    for (const level of ['error', 'warning', 'blocked']) {
      const run = inDir(own, ['check', 'post.txt', '--fail-on', level]);
      expect(run.code).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(/^p5050: \.p5050\/approvals\.jsonl: warning: ignored the approval of 6\.1\.14 for post\.txt by Dana Lee: clause 6\.1\.14 cannot be approved by a manager/),
      ]);
      expect(run.stdout).not.toMatch(/approved by Dana Lee/);
    }
    // The config's approvable list decides: an office that lets managers approve 6.1.14 gets it honoured.
    writeFileSync(join(own, '.p5050rc.yaml'), 'approvable:\n  - "6.1.11"\n  - "6.1.14"\n');
    const allowed = inDir(own, ['check', 'post.txt']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe('');
  });

  it('ignores a front-matter approval for 6.1.14 with the right hash, with one warning line', () => {
    const own = mkdtempSync(join(tmpdir(), 'p5050-forged-'));
    const hash = contentHash(['Election day', endorsement].join('\n'));
    writeFileSync(
      join(own, 'post.md'),
      `---\ntitle: Election day\np5050-approvals:\n  - clause: "6.1.14"\n    by: Dana Lee\n    reason: fine\n    at: 2026-11-27\n    contentHash: ${hash}\n---\n${endorsement}`,
    );
    const run = inDir(own, ['check', 'post.md', '--fail-on', 'warning']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^p5050: post\.md front matter: warning: ignored the approval of 6\.1\.14 for post\.md by Dana Lee: clause 6\.1\.14 cannot be approved/)]);
    const json = JSON.parse(inDir(own, ['check', 'post.md', '--format', 'json']).stdout) as { posts: Array<{ verdict: string; findings: Array<{ clause: string; approval?: unknown }> }> };
    expect(json.posts[0]!.verdict).toBe('blocked');
    expect(json.posts[0]!.findings.filter((f) => f.clause === '6.1.14').every((f) => f.approval === undefined)).toBe(true);
  });
});
