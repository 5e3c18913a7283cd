import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { checkPost } from '../../src/pipeline';
import { screenPosts } from '../../src/pipeline/run';
import { ruleCatalog } from '../../src/policy/rules';
import { formatReport } from '../../src/report';
import { escapeData, escapeProperty } from '../../src/report/github';
import { MARKDOWN_LIMIT } from '../../src/report/markdown';
import { artifactLocation } from '../../src/report/sarif';
import type { PostInput } from '../../src/types';

const ROOT = join(__dirname, '..', '..');
type Sarif = { runs: Array<{ tool: { driver: { rules: Array<Record<string, any>> } }; results: Array<Record<string, any>>; originalUriBaseIds?: Record<string, { uri: string }> }> };

// These tests are about the formats, so the word-list findings they name are all there is: the judgement
// heads (tested in test/model/) are switched off.
const FORMATS_ONLY = { config: { rules: { judgement: 'off' as const } } };

const drafts: PostInput[] = [
  { source: '/repo/posts/budget.txt', id: '/repo/posts/budget.txt', text: 'Update on the budget.\nCONFIDENTIAL: draft figures\n' },
  { source: '/repo/posts/week.csv', id: 'row 3', text: 'Re-elect Mayor Jane Smith, 100% off, a, b', meta: { row: 3, line: 3 } },
];

describe('SARIF for GitHub code scanning', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const sarif = async (posts: PostInput[]): Promise<Sarif> => JSON.parse(await formatReport('sarif', screenPosts(posts, [], FORMATS_ONLY), { root: '/repo' })) as Sarif;

  it('rules carry fullDescription, Markdown help and a helpUri to docs/rules/<screener>/<rule>.md; results partialFingerprints; the log validates', async () => {
    const log = await sarif(drafts);
    expect(validate(log)).toBe(true);
    const [run] = log.runs;
    const marker = run!.tool.driver.rules.find((r) => r.id === '6.1.8/confidentiality/confidential-marker')!;
    expect(marker.fullDescription.text).toMatch(/confidentiality marker/);
    expect(marker.help.markdown).toMatch(/^# confidentiality\/confidential-marker\n[\s\S]*## What to do/);
    expect(marker.helpUri).toMatch(/docs\/rules\/confidentiality\/confidential-marker\.md$/);
    for (const r of run!.results) expect(r.partialFingerprints['p5050/v1']).toMatch(/^[0-9a-f]{32}:\d+$/);
  });

  it('names files relative to the repository root with %SRCROOT%, wherever p5050 ran', async () => {
    const [run] = (await sarif(drafts)).runs;
    expect(run!.results[0]!.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'posts/budget.txt', uriBaseId: '%SRCROOT%' });
    expect(run!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
    expect(artifactLocation('posts/a b.txt', '/repo', '/repo')).toEqual({ uri: 'posts/a%20b.txt', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('../x.txt', '/repo', '/repo/sub')).toEqual({ uri: 'x.txt', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/elsewhere/x.txt', '/repo')).toEqual({ uri: 'file:///elsewhere/x.txt' });
    expect(artifactLocation('<stdin>', '/repo')).toEqual({ uri: 'stdin' });
  });

  it('a finding keeps its fingerprint when lines are added above it; a different finding gets another', async () => {
    const before = (await sarif([drafts[0]!])).runs[0]!.results[0]!.partialFingerprints['p5050/v1'];
    const moved = { ...drafts[0]!, text: `New first line.\n\n${drafts[0]!.text}` };
    const after = (await sarif([moved])).runs[0]!.results[0]!;
    expect(after.locations[0].physicalLocation.region.startLine).toBe(4);
    expect(after.partialFingerprints['p5050/v1']).toBe(before);
    const other = (await sarif([{ ...drafts[0]!, text: 'INTERNAL USE ONLY memo' }])).runs[0]!.results[0]!.partialFingerprints['p5050/v1'];
    expect(other).not.toBe(before);
  });
});

describe('rule catalog and docs/rules', () => {
  it('has an entry for every rule the screeners report on the examples, fixtures and every rule\'s own example terms', () => {
    const known = new Set(ruleCatalog().map((r) => r.id));
    const texts = [
      ...['budget-update.txt', 'event-link.txt', 'forum-recap.txt'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')),
      readFileSync(join(ROOT, 'test', 'fixtures', 'schedule-100.csv'), 'utf8'),
      ...ruleCatalog().flatMap((r) => r.examples.map((e) => `Note: ${e} today.`)),
    ];
    const seen = new Set<string>();
    for (const text of texts) for (const f of checkPost({ source: 't', id: 't', text }, { config: { codenames: ['Bluebird'] } }).findings) seen.add(`${f.screener}/${f.ruleId}`);
    expect(seen.size).toBeGreaterThan(40);
    expect([...seen].filter((id) => !known.has(id))).toEqual([]);
  });

  it('the committed docs/rules pages are what the lexicons say (node scripts/rule-docs.js --check)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'rule-docs.js'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('--format github (workflow-command annotations)', () => {
  it('one annotation per finding with file, line, column and title, escaped as the runner expects', async () => {
    const out = await formatReport('github', screenPosts(drafts, [{ source: 'x.json', message: 'line 2: invalid JSON' }], FORMATS_ONLY), { root: '/repo' });
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=posts\/budget\.txt,line=2,col=1,endColumn=13,title=P5050 6\.1\.8 confidentiality\/confidential-marker::2:1: /);
    expect(lines.some((l) => /^::error file=posts\/week\.csv,line=3,title=P5050 6\.1\.14 political\/reelect::row 3 · 1:1: /.test(l))).toBe(true);
    expect(lines).toContain('::error title=p5050 input error::x.json: line 2: invalid JSON');
    expect(lines[lines.length - 1]).toMatch(/^p5050: 2 posts screened, 2 blocked/);
    expect(escapeData('50%\nnext\r')).toBe('50%25%0Anext%0D');
    expect(escapeProperty('a:b,c')).toBe('a%3Ab%2Cc');
    // Post text cannot start a workflow command of its own.
    const evil = await formatReport('github', screenPosts([{ source: 'e.txt', id: 'e.txt', text: 'CONFIDENTIAL\n::set-output name=x::y' }], [], FORMATS_ONLY), {});
    expect(evil.split('\n').filter((l) => l.startsWith('::')).every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
  });
});

describe('Markdown PR comment', () => {
  it('lists only posts that did not pass and stays under 60,000 characters however many posts, saying what was left out', async () => {
    const posts: PostInput[] = Array.from({ length: 1500 }, (_, i) => ({ source: 'week.csv', id: `row ${i + 2}`, text: i % 2 ? 'The library opens at 9.' : `CONFIDENTIAL figures ${i}, INTERNAL USE ONLY`, meta: { row: i + 2, line: i + 2 } }));
    const md = await formatReport('markdown', screenPosts(posts, [], FORMATS_ONLY));
    expect(md.length).toBeLessThan(MARKDOWN_LIMIT);
    expect(md).not.toContain('✅ clean |');
    expect(md).toMatch(/Left out to stay under GitHub's comment limit: \d+ post rows? and \d+ findings?/);
    const small = await formatReport('markdown', screenPosts(posts.slice(0, 4), [], FORMATS_ONLY));
    expect(small).not.toContain('Left out');
    expect(small).not.toContain('row 3 |');
    expect(small).toContain('week.csv row 2');
  });
});
