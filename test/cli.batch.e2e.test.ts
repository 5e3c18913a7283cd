import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';

/** End to end: batches of files, every format, config files, workers. Needs a build: npx tsc -p . */

// Each case spawns the CLI (and git) a few times: allow for a busy machine.
jest.setTimeout(30_000);

const BIN = join(__dirname, '..', 'bin', 'p5050.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function p5050(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: '1', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'p5050-batch-'));
  made.push(root);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
  return root;
}

const CONTENT = {
  '.gitignore': 'ignored/\n',
  'posts/scheduled.csv': 'Date,Time,Message,Network\n2024-05-01,10:00,Pool opens Saturday!,Facebook\n2024-05-02,11:00,"CONFIDENTIAL: draft budget",Twitter\n2024-05-03,12:00,"bad"row,X\n',
  'posts/queue.jsonl': '{"id":"q1","text":"Library hours are changing next week."}\n{"id":"q2","text":"INTERNAL USE ONLY - do not post"}\n',
  'posts/news.md': '---\ntitle: Park reopening\ndate: 2024-05-04\n---\nJoin us for the reopening.\n',
  'posts/list.json': '[{"text": "Farmers market every Sunday."}]',
  'posts/image.png': 'not a post',
  'ignored/draft.txt': 'CONFIDENTIAL never screened',
};

type Post = { source: string; id: string; verdict: string; meta?: Record<string, unknown>; findings: Array<{ line: number; column: number; ruleId: string }> };

describe('p5050 check on a batch', () => {
  const root = tree(CONTENT);

  it('screens a directory: every input kind, .gitignore respected, malformed rows reported, the rest screened', () => {
    const run = p5050(['check', '.', '--format', 'json', '--clause', '6.1.8'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('p5050: posts/scheduled.csv: row 4 (line 4): unexpected "r" after a closing quote\n');
    const report = JSON.parse(run.stdout) as { posts: Post[]; summary: Record<string, number> };
    expect(report.posts.map((p) => `${p.source} ${p.id} ${p.verdict}`)).toEqual([
      'posts/list.json item 1 clean',
      'posts/news.md posts/news.md clean',
      'posts/queue.jsonl q1 clean',
      'posts/queue.jsonl q2 blocked',
      'posts/scheduled.csv row 2 clean',
      'posts/scheduled.csv row 3 blocked',
    ]);
    expect(report.posts[5]!.meta).toEqual({ row: 3, line: 3, date: '2024-05-02 11:00', network: 'Twitter' });
    expect(report.summary).toMatchObject({ posts: 6, blocked: 2, clean: 4, inputErrors: 1 });
  });

  it('prints the batch summary with a per-clause table', () => {
    const run = p5050(['check', 'posts', '--clause', '6.1.8', '-q'], root);
    expect(run.stdout).toMatch(/Per clause \(number of posts\):\n.*\n +6\.1\.8 +No confidential.* +2 +0 +0 +0 +0\n\n6 posts screened, 2 blocked, 0 need review, 4 clean, 1 input error \(on stderr\)\n$/);
    // The input error is printed once, on stderr, not repeated in the report.
    expect(run.stdout).not.toContain('unexpected "r"');
    expect(run.stderr.match(/unexpected "r"/g)).toHaveLength(1);
  });

  it('expands globs', () => {
    const run = p5050(['check', 'posts/*.{md,json}', '--format', 'json', '--clause', '6.1.8'], root);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { posts: Post[] }).posts.map((p) => p.source)).toEqual(['posts/list.json', 'posts/news.md']);
  });

  it.each(['jsonl', 'sarif', 'junit', 'markdown'])('--format %s prints something its readers parse', (format) => {
    const run = p5050(['check', 'posts/queue.jsonl', 'posts/news.md', '--format', format, '--clause', '6.1.8'], root);
    expect(run.code).toBe(1);
    if (format === 'jsonl') expect(run.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { type: string }).type)).toEqual(['post', 'post', 'post', 'summary']);
    if (format === 'sarif') expect(JSON.parse(run.stdout)).toMatchObject({ version: '2.1.0', runs: [{ results: [{ ruleId: '6.1.8/confidentiality/internal-use-only' }] }] });
    if (format === 'junit') expect(XMLValidator.validate(run.stdout)).toBe(true);
    if (format === 'markdown') expect(run.stdout).toContain('**3 posts screened:** ❌ 1 blocked');
  });

  it('reads CSV columns and JSON fields chosen on the command line', () => {
    const dir = tree({ 'a.csv': 'Body,Caption\nignored,CONFIDENTIAL memo\n', 'b.jsonl': '{"msg":"CONFIDENTIAL","key":"k1"}\n' });
    const run = p5050(['check', 'a.csv', 'b.jsonl', '--text-column', 'Caption', '--text-field', 'msg', '--id-field', 'key', '--format', 'json', '--clause', '6.1.8'], dir);
    const posts = (JSON.parse(run.stdout) as { posts: Post[] }).posts;
    expect(posts.map((p) => `${p.id} ${p.verdict}`)).toEqual(['row 2 blocked', 'k1 blocked']);
  });
});

describe('config file', () => {
  it('is found upwards and applied: codenames screened, failOn used, --fail-on wins', () => {
    const root = tree({ '.p5050rc.yaml': 'codenames:\n  - Bluebird\nfailOn: never\n', 'sub/post.txt': 'Project Bluebird launches soon.' });
    const sub = join(root, 'sub');
    const run = p5050(['check', 'post.txt', '--format', 'json', '--clause', '6.1.8'], sub);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { posts: Post[] }).posts[0]!.findings.map((f) => f.ruleId)).toEqual(['internal-codename']);
    expect(p5050(['check', 'post.txt', '--clause', '6.1.8', '--fail-on', 'error'], sub).code).toBe(1);
    expect(p5050(['check', 'post.txt', '--clause', '6.1.8', '--no-config'], sub).code).toBe(0);
  });

  it('an invalid config is one line naming the file and key, exit 2, nothing screened', () => {
    const root = tree({ 'p5050.config.json': '{"codename": ["x"]}', 'post.txt': 'Hello' });
    const run = p5050(['check', 'post.txt'], root);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^p5050: .*p5050\.config\.json: unknown key "codename" \(did you mean "codenames"\?\) \(known keys: .*\)\n$/);
    const explicit = p5050(['check', 'post.txt', '--config', 'missing.yaml'], root);
    expect(explicit.stderr).toBe('p5050: missing.yaml: no such config file\n');
  });

  it('p5050 init writes a commented starter config that p5050 then reads', () => {
    const root = tree({ 'post.txt': 'Hello' });
    expect(p5050(['init'], root)).toMatchObject({ code: 0, stdout: expect.stringContaining('wrote .p5050rc.yaml') });
    expect(readFileSync(join(root, '.p5050rc.yaml'), 'utf8')).toMatch(/^# p5050 configuration/);
    expect(p5050(['init'], root)).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists') });
    expect(p5050(['init', '--json'], root).code).toBe(0);
    expect(existsSync(join(root, 'p5050.config.json'))).toBe(true);
    expect(p5050(['check', 'post.txt', '--clause', '6.1.8'], root).code).toBe(0);
  });
});

describe('large batches', () => {
  const lines = Array.from({ length: 700 }, (_, i) => JSON.stringify({ id: `p${i}`, text: i % 50 === 0 ? `CONFIDENTIAL item ${i}` : `Community update number ${i}: the pool is open.` }));
  const root = tree({ 'big.jsonl': `${lines.join('\n')}\n` });

  it('gives the same report with worker threads as without, in input order', () => {
    const inline = p5050(['check', 'big.jsonl', '--format', 'jsonl', '--jobs', '0', '--clause', '6.1.8'], root);
    const pooled = p5050(['check', 'big.jsonl', '--format', 'jsonl', '--jobs', '2', '--clause', '6.1.8'], root);
    expect(inline.code).toBe(1);
    expect(pooled.code).toBe(1);
    expect(pooled.stdout).toBe(inline.stdout);
    const summary = JSON.parse(pooled.stdout.trimEnd().split('\n').pop()!) as { summary: Record<string, number> };
    expect(summary.summary).toMatchObject({ posts: 700, blocked: 14 });
  });

  it('never shows a progress spinner when output is not a terminal, even outside CI', () => {
    const run = p5050(['check', 'big.jsonl', '--format', 'jsonl', '--clause', '6.1.8'], root, { CI: '' });
    expect(run.stderr).toBe('');
  });
});
