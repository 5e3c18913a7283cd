import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'yaml';
import { CONFIG_KEYS, validateConfig } from '../../src/config/validate';
import { STARTER_JSON } from '../../src/config/starter';

const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'p5050.js');
const tmp = mkdtempSync(join(tmpdir(), 'p5050-conv-'));
const file = (name: string, content: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, content);
  return path;
};
const BLOCKED = file('blocked.txt', 'Update on the budget.\nCONFIDENTIAL: draft figures\n');
const WARN = file('warn.txt', 'A 2024 study found 73% of residents support the new bike lanes.\n');

function p5050(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: options.input ?? '', encoding: 'utf8', cwd: options.cwd ?? tmp, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', CI: '1', ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('CLI conventions', () => {
  it('-o/--output writes the report to a file, stdout stays empty; an unwritable path is one error line, exit 2', () => {
    const out = join(tmp, 'r.json');
    const run = p5050(['check', BLOCKED, '--no-config', '--format', 'json', '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { summary: { blocked: number } }).summary.blocked).toBe(1);
    const bad = p5050(['check', BLOCKED, '--no-config', '-o', join(tmp, 'no', 'such', 'dir', 'r.txt')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^p5050: .*r\.txt: cannot write the report: /);
  });

  it('--max-warnings fails a run with more warnings than allowed', () => {
    expect(p5050(['check', WARN, '--no-config']).code).toBe(0);
    const run = p5050(['check', WARN, '--no-config', '--max-warnings', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--max-warnings: \d+ warnings found, more than the 0 allowed/);
    expect(p5050(['check', WARN, '--no-config', '--max-warnings', '5']).code).toBe(0);
  });

  it('--stdin-filename reads a piped CSV as a CSV, under that name', () => {
    const csv = 'Message,Image Alt Text\nPark opens Saturday!,CONFIDENTIAL draft photo\nLibrary closed Monday.,\n';
    const run = p5050(['check', '-', '--stdin-filename', 'week.csv', '--no-config', '--format', 'json'], { input: csv });
    const report = JSON.parse(run.stdout) as { posts: Array<{ source: string; id: string; verdict: string }> };
    expect(report.posts.map((p) => `${p.source} ${p.id} ${p.verdict}`)).toEqual(['week.csv row 2 blocked', 'week.csv row 3 clean']);
    const plain = JSON.parse(p5050(['check', '-', '--no-config', '--format', 'json'], { input: csv }).stdout) as { posts: unknown[] };
    expect(plain.posts).toHaveLength(1);
  });

  it('explain takes a rule id (screener/rule or the rule alone) and suggests the nearest id on a typo', () => {
    const rule = p5050(['explain', 'political/reelect']);
    expect(rule.code).toBe(0);
    expect(rule.stdout).toMatch(/^# political\/reelect\n/);
    expect(rule.stdout).toMatch(/## What to do/);
    expect(p5050(['explain', 'reelect']).stdout).toBe(rule.stdout);
    const typo = p5050(['explain', 'politcal/reelect']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('p5050: explain: unknown clause or rule "politcal/reelect" (did you mean "political/reelect"?) (see: p5050 policy, docs/rules)\n');
  });

  it('colour: off on TERM=dumb and when piped, --color forces it, --no-color and NO_COLOR switch it off', () => {
    const ESC = '\u001b[';
    expect(p5050(['check', BLOCKED, '--no-config']).stdout).not.toContain(ESC);
    expect(p5050(['check', BLOCKED, '--no-config', '--color']).stdout).toContain(ESC);
    expect(p5050(['check', BLOCKED, '--no-config', '--color', '--no-color']).stdout).not.toContain(ESC);
    expect(p5050(['check', BLOCKED, '--no-config', '--color'], { env: { NO_COLOR: '1' } }).stdout).not.toContain(ESC);
    // A terminal that says it is dumb gets no colour (script(1) gives the run a real terminal).
    const tty = (term: string): string =>
      spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" check "${BLOCKED}" --no-config`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, TERM: term, NO_COLOR: '', FORCE_COLOR: '', CI: '1' } }).stdout;
    if (spawnSync('script', ['--version']).status === 0) {
      expect(tty('xterm')).toContain(ESC);
      expect(tty('dumb')).not.toContain(ESC);
    }
  });

  it('a misspelt rule key in the config is rejected with a "did you mean"', () => {
    const dir = mkdtempSync(join(tmp, 'cfg-'));
    writeFileSync(join(dir, 'p5050.config.json'), JSON.stringify({ rules: { politcal: 'off' } }));
    writeFileSync(join(dir, 'post.txt'), 'Re-elect Mayor Smith!\n');
    const run = p5050(['check', 'post.txt'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown rule "rules\.politcal" \(did you mean "political"\?\)/);
    expect(validateConfig({ rules: { political: 'off', 'political/reelect': 'warning', reelect: 'info' } })).toHaveProperty('config');
    expect(validateConfig({ failon: 'error' })).toEqual({ problems: [expect.stringMatching(/^unknown key "failon" \(did you mean "failOn"\?\)/)] });
  });

  it('ships a JSON Schema for the config that agrees with the validator, and a LICENSE', () => {
    const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'p5050.config.schema.json'), 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties).sort()).toEqual(['$comment', '$schema', ...CONFIG_KEYS].sort());
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const starter = JSON.parse(STARTER_JSON) as Record<string, unknown>;
    expect(validate(starter)).toBe(true);
    expect(validateConfig(starter)).toHaveProperty('config');
    for (const bad of [{ failOn: 'sometimes' }, { unknownKey: 1 }, { approvedDomains: ['https://x.gov/'] }, { rules: { political: 'loud' } }]) {
      expect(validate(bad)).toBe(false);
      expect(validateConfig(bad)).toHaveProperty('problems');
    }
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(/^MIT License/);
    expect((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string }).license).toBe('MIT');
  });
});

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Array<{ id?: string; run: string }> } };
  const screen = action.runs.steps.find((s) => s.id === 'screen')!;

  it('screens the posts a pull request changed (as the runner would run its step) and annotates them', () => {
    const repo = mkdtempSync(join(tmp, 'pr-'));
    const git = (...args: string[]): string => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' } }).stdout.trim();
    git('init', '-q');
    writeFileSync(join(repo, 'old.txt'), 'CONFIDENTIAL: not changed in this PR\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    const base = git('rev-parse', 'HEAD');
    writeFileSync(join(repo, 'new.txt'), 'Update on the budget.\nCONFIDENTIAL: draft figures\n');
    writeFileSync(join(repo, 'ok.md'), 'The pool opens at noon.\n');
    writeFileSync(join(repo, 'logo.png'), 'not a post');
    git('add', '.');
    git('commit', '-qm', 'pr');
    const output = join(repo, '.out');
    const summary = join(repo, '.summary');
    const script = screen.run.replace(/\$\{\{ *github\.action_path *\}\}/g, ROOT);
    const r = spawnSync('bash', ['-e', '-c', script], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: tmp, BASE_SHA: base, P5050_PATHS: '', P5050_FAIL_ON: 'error', P5050_CONFIG: '', P5050_SARIF: 'p5050.sarif', CI: '1' },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=new\.txt,line=2,col=1,/m);
    expect(r.stdout).not.toContain('old.txt');
    expect(readFileSync(output, 'utf8')).toContain('exit-code=1');
    expect(readFileSync(summary, 'utf8')).toContain('**2 posts screened:**');
    expect(existsSync(join(repo, 'p5050.sarif'))).toBe(true);
  });
});
