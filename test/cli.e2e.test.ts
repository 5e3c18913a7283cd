import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(__dirname, '..', 'bin', 'p5050.js');
const FIXTURES = join(__dirname, 'fixtures');
const CLEAN = join(FIXTURES, 'clean.txt');
const CONFIDENTIAL = join(FIXTURES, 'confidential.txt');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function p5050(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', CI: '1', ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonReport {
  schemaVersion: number;
  posts: Array<{ source: string; verdict: string; clauses: Array<{ id: string; status: string }>; findings: Array<Record<string, unknown>> }>;
  inputErrors: Array<{ source: string; message: string }>;
  summary: Record<string, number>;
}

const json = (run: Run): JsonReport => JSON.parse(run.stdout) as JsonReport;

const tmp = mkdtempSync(join(tmpdir(), 'p5050-e2e-'));
const file = (name: string, content: string | Buffer): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};

describe('p5050 check', () => {
  it('exits 0 on a clean post and prints one line of passed clauses and one of the manual checklist', () => {
    const run = p5050(['check', CLEAN]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}✔ passed: 5\.3\.b 6\.1\.2 .*6\.1\.8 /m);
    expect(run.stdout).toMatch(/^ {2}☐ manual: 4\.1 6\.1\.1 /m);
    expect(run.stdout).toMatch(/1 post screened, 0 blocked, 0 need review, 1 clean/);
    expect(run.stdout.split('\n').length).toBeLessThan(10);
  });

  it('--checklist prints every clause', () => {
    const run = p5050(['check', '--checklist', CLEAN]);
    expect(run.stdout).toContain('✔ 6.1.8');
    expect(run.stdout).toContain('☐ 6.1.1');
  });

  it('exits 1 and shows where and why on a blocked post', () => {
    const run = p5050(['check', CONFIDENTIAL]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ {2}2:1 error 6\.1\.8 /m);
    expect(run.stdout).toMatch(/│ CONFIDENTIAL: draft figures\n.*│ \^{12}\n/);
    expect(run.stdout).toContain('→ ');
  });

  it('reads stdin and reports the 6.1.8 finding at line 2, column 1 in JSON', () => {
    const run = p5050(['check', '--format', 'json', '-'], 'Update on the budget.\nCONFIDENTIAL: draft figures\n');
    expect(run.code).toBe(1);
    const report = json(run);
    expect(report.schemaVersion).toBe(1);
    expect(report.posts[0]?.source).toBe('<stdin>');
    expect(report.posts[0]?.findings.find((f) => f.screener === 'confidentiality')).toMatchObject({ clause: '6.1.8', line: 2, column: 1, excerpt: 'CONFIDENTIAL', severity: 'error' });
    expect(report.posts[0]?.clauses.find((c) => c.id === '6.1.8')?.status).toBe('failed');
  });

  it('reads piped stdin when no path is given', () => {
    const run = p5050(['check', '--format', 'json'], 'CONFIDENTIAL');
    expect(run.code).toBe(1);
    expect(json(run).posts[0]?.source).toBe('<stdin>');
  });

  it('gives byte-identical output for the same input', () => {
    const a = p5050(['check', '--format', 'json', CLEAN, CONFIDENTIAL]);
    const b = p5050(['check', '--format', 'json', CLEAN, CONFIDENTIAL]);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('honours --fail-on', () => {
    expect(p5050(['check', '--fail-on', 'never', CONFIDENTIAL]).code).toBe(0);
    expect(p5050(['check', '--fail-on', 'error', CONFIDENTIAL]).code).toBe(1);
  });

  it('--quiet leaves out passed and manual clauses', () => {
    const run = p5050(['check', '--quiet', '--checklist', CONFIDENTIAL, CLEAN]);
    expect(run.stdout).toContain('✖ 6.1.8');
    expect(run.stdout).not.toContain('☐');
    expect(run.stdout).not.toContain('✔');
    expect(run.stdout).not.toContain(CLEAN);
  });

  it('--clause restricts the checklist', () => {
    const run = p5050(['check', '--format', 'json', '--clause', '6.1.14', CONFIDENTIAL]);
    expect(run.code).toBe(0);
    expect(json(run).posts[0]?.clauses.map((c) => c.id)).toEqual(['6.1.14']);
  });

  it('colours only when asked: NO_COLOR, --no-color and non-TTY stdout stay plain, FORCE_COLOR colours', () => {
    expect(p5050(['check', CONFIDENTIAL]).stdout).not.toContain('\u001b[');
    expect(p5050(['check', CONFIDENTIAL], '', { FORCE_COLOR: '1' }).stdout).toContain('\u001b[');
    expect(p5050(['check', '--no-color', CONFIDENTIAL], '', { FORCE_COLOR: '1' }).stdout).not.toContain('\u001b[');
    expect(p5050(['check', CONFIDENTIAL], '', { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
  });
});

describe('bad input: one line naming the input, exit 2, other inputs still screened', () => {
  const cases: Array<[string, () => string, RegExp]> = [
    ['a missing file', () => join(tmp, 'nope.txt'), /nope\.txt: no such file/],
    ['a directory', () => tmp, /is a directory/],
    ['a binary file', () => file('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01])), /image\.bin: binary file/],
    ['invalid UTF-8', () => file('latin1.txt', Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e])), /latin1\.txt: invalid UTF-8 at byte 3/],
    ['an empty file', () => file('empty.txt', '  \n'), /empty\.txt: empty post/],
    ['a file over the size limit', () => file('huge.txt', 'a'.repeat(1_000_001)), /huge\.txt: file is 1000001 bytes, over the 1000000-byte limit/],
  ];

  it.each(cases)('%s', (_name, makePath, message) => {
    const run = p5050(['check', '--format', 'json', makePath(), CONFIDENTIAL]);
    expect(run.code).toBe(2);
    const errorLines = run.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(message);
    const report = json(run);
    expect(report.posts.map((p) => p.source)).toEqual([CONFIDENTIAL]);
    expect(report.posts[0]?.verdict).toBe('blocked');
    expect(report.inputErrors).toHaveLength(1);
  });

  it('respects a raised --max-bytes', () => {
    const big = file('big-ok.txt', 'Library news. '.repeat(100_000));
    expect(p5050(['check', '--max-bytes', '2000000', '--format', 'json', big]).code).toBe(0);
  });

  it('an unknown clause id anywhere in --clause is a usage error: one line, exit 2, nothing screened', () => {
    for (const list of ['6.1.8,9.9', '9.9', '9.9,6.1.8']) {
      const run = p5050(['check', '--format', 'json', '--clause', list, CONFIDENTIAL]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('p5050: --clause: unknown clause id "9.9" (see: p5050 policy)\n');
      expect(run.stdout).toBe('');
    }
  });

  it('an unknown option is a usage error', () => {
    const run = p5050(['check', '--frobnicate', CLEAN]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('p5050: --frobnicate: unknown option (see: p5050 check --help)\n');
  });

  it('an unknown format is a usage error', () => {
    expect(p5050(['check', '--format', 'xml', CLEAN]).code).toBe(2);
  });

  it('empty stdin is an input error', () => {
    const run = p5050(['check', '-'], '');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/<stdin>: empty post/);
  });
});

describe('p5050 explain / policy / --version / --help', () => {
  it('explains a clause with the policy words and examples', () => {
    const run = p5050(['explain', '6.1.14']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Not promote or endorse political campaigns or candidates');
    expect(run.stdout).toMatch(/Fails: /);
    expect(run.stdout).toMatch(/Passes: /);
  });

  it('rejects an unknown clause', () => {
    const run = p5050(['explain', '6.1.15']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^p5050: explain: unknown clause or rule "6\.1\.15" \(did you mean "6\.1\.1[0-9]?"\?\) \(see: p5050 policy, docs\/rules\)\n$/);
  });

  it('lists the policy clauses and their kind', () => {
    const run = p5050(['policy']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^6\.1\.1 +manual check/m);
    expect(run.stdout).toMatch(/^6\.1\.8 +screened/m);
    expect(run.stdout).toMatch(/^6\.2\.16 /m);
  });

  it('prints the version and help with exit codes', () => {
    expect(p5050(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = p5050(['check', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:/);
    expect(help.stdout).toMatch(/--fail-on/);
  });
});

describe('output to a reader that stops early', () => {
  it('exits quietly when the pipe closes (p5050 … | head)', () => {
    // More output than a pipe buffers, so the writer meets the closed pipe.
    const batch = file('many.jsonl', Array.from({ length: 400 }, (_, i) => JSON.stringify({ id: `p${i}`, text: 'The library opens at 9 on Saturday.' })).join('\n'));
    const result = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" check "${batch}" --jobs 0 --checklist | head -1`], { encoding: 'utf8' });
    expect(result.stdout.trim()).toMatch(/many\.jsonl/);
    expect(result.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});
