import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkPost } from '../../src/pipeline';
import { screenPosts } from '../../src/pipeline/run';
import { formatReport, type Format } from '../../src/report';
import { formatJson } from '../../src/report/json';
import { formatStylish } from '../../src/report/stylish';
import { displayWidth, wrap } from '../../src/report/width';
import type { FailOn } from '../../src/pipeline/fail-on';
import type { Hit, PostInput, RunReport, Screener } from '../../src/types';

/** A screener with fixed rules, so these tests do not depend on the real screeners' lexicons. */
const fake: Screener = {
  meta: { id: 'fake', clauses: ['6.1.8', '6.1.11', '6.1.14'], description: 'test', defaultSeverity: 'error', languageDependent: false },
  check(doc) {
    const hits: Hit[] = [];
    const find = (word: string, hit: Omit<Hit, 'offset' | 'length'>): void => {
      for (let i = doc.raw.indexOf(word); i !== -1; i = doc.raw.indexOf(word, i + 1)) hits.push({ ...hit, offset: i, length: word.length });
    };
    find('CONFIDENTIAL', { ruleId: 'marker', clause: '6.1.8', severity: 'error', message: 'Marked confidential.', suggestion: 'Remove it.' });
    find('vote', { ruleId: 'vote-for', clause: '6.1.14', severity: 'warning', message: 'Sounds like campaigning.', suggestion: 'Stay neutral.' });
    find('http://x.example', { ruleId: 'link', clause: '6.1.11', severity: 'warning', message: 'Link needs approval.', suggestion: 'Ask the manager.' });
    return hits;
  },
};

const inputs: PostInput[] = [
  { source: 'drafts/clean.txt', id: 'drafts/clean.txt', text: 'Pool opens at noon.' },
  { source: 'drafts/memo.md', id: 'drafts/memo.md', text: 'Title line\n\nThis is CONFIDENTIAL | not <b>public</b>.' },
  { source: 'export.csv', id: 'row 3', text: 'Please vote! See http://x.example', meta: { row: 3, line: 4, date: '2024-05-01 10:00', network: 'Facebook' } },
];

function run(posts: PostInput[] = inputs): RunReport {
  const report = screenPosts(posts, [{ source: 'broken.jsonl', message: 'line 2: invalid JSON at column 1: Unexpected token' }], { screeners: [fake], clauses: ['6.1.8', '6.1.11', '6.1.14', '6.1.1'] });
  return report;
}

const render = (format: Format, r: RunReport = run(), failOn?: FailOn): Promise<string> => formatReport(format, r, { failOn });

describe('json', () => {
  it('streams exactly the bytes JSON.stringify gives for the whole report, quiet or not, with or without posts', () => {
    for (const r of [run(), run([])]) {
      for (const quiet of [false, true]) {
        const posts = quiet ? r.posts.filter((p) => p.verdict !== 'clean') : r.posts;
        const body = {
          schemaVersion: 1,
          tool: r.tool,
          policy: r.policy,
          posts: posts.map((p) => ({ source: p.source, id: p.id, ...(p.meta ? { meta: p.meta } : {}), verdict: p.verdict, language: p.language, clauses: quiet ? p.clauses.filter((c) => c.status !== 'passed' && c.status !== 'manual') : p.clauses, findings: p.findings, errors: p.errors })),
          inputErrors: r.inputErrors,
          summary: r.summary,
        };
        expect(formatJson(r, { quiet })).toBe(`${JSON.stringify(body, null, 2)}\n`);
      }
    }
  });
});

describe('jsonl', () => {
  it('prints one parsable line per post, input errors, and the totals last', async () => {
    const lines = (await render('jsonl')).trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.type)).toEqual(['post', 'post', 'post', 'inputError', 'summary']);
    expect(lines[2]).toMatchObject({ source: 'export.csv', id: 'row 3', verdict: 'needs-approval', meta: { line: 4 } });
    expect(lines[4]).toMatchObject({ schemaVersion: 1, summary: { posts: 3, blocked: 1, needsApproval: 1, review: 0, clean: 1, inputErrors: 1 } });
    expect((lines[4]!.clauses as Array<{ id: string }>).map((c) => c.id)).toEqual(['6.1.1', '6.1.8', '6.1.11', '6.1.14']);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema', async () => {
    for (const r of [run(), run([])]) {
      const log = JSON.parse(await render('sarif', r)) as unknown;
      const ok = validate(log);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it('is pretty-printed JSON, results included, though they were spooled', async () => {
    for (const r of [run(), run([])]) {
      const text = await render('sarif', r);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    }
  });

  it('the schema check is real: a broken log fails it', () => {
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] })).toBe(false);
  });

  it('carries clause and rule in rule ids, and file line and column in locations', async () => {
    const log = JSON.parse(await render('sarif')) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<Record<string, any>>; invocations: Array<Record<string, any>> }> };
    const [sarifRun] = log.runs;
    expect(sarifRun!.tool.driver.rules.map((r) => r.id)).toEqual(['6.1.8/fake/marker', '6.1.14/fake/vote-for', '6.1.11/fake/link']);
    const [memo, vote] = sarifRun!.results;
    expect(memo).toMatchObject({ ruleId: '6.1.8/fake/marker', ruleIndex: 0, level: 'error' });
    expect(memo!.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'drafts/memo.md' }, region: { startLine: 3, startColumn: 9, endLine: 3, endColumn: 21, snippet: { text: 'CONFIDENTIAL' } } });
    // A post from a batch file is placed on the line its record starts on.
    expect(vote!.locations[0].physicalLocation.region).toEqual({ startLine: 4, snippet: { text: 'vote' } });
    expect(vote!.locations[0].logicalLocations).toEqual([{ name: 'row 3', fullyQualifiedName: 'export.csv#row 3', kind: 'object' }]);
    expect(sarifRun!.invocations[0]).toMatchObject({ executionSuccessful: false, toolExecutionNotifications: [{ level: 'error', message: { text: expect.stringContaining('broken.jsonl') } }] });
  });
});

describe('junit', () => {
  type Case = { classname: string; name: string; failure?: unknown; error?: unknown; skipped?: unknown };
  const parse = (xml: string): { suites: Array<{ name: string; tests: number; testcase: Case[] }>; totals: Record<string, number> } => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: true, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml) as {
      testsuites: { testsuite: Array<{ name: string; tests: number; testcase: Case[] }>; tests: number; failures: number; errors: number; skipped: number };
    };
    const { testsuite, ...totals } = doc.testsuites;
    return { suites: testsuite, totals: totals as Record<string, number> };
  };

  it('has one test case per post and screened clause, failures for failed clauses, and parses', async () => {
    const { suites, totals } = parse(await render('junit'));
    expect(suites.map((s) => s.name)).toEqual(['drafts/clean.txt', 'drafts/memo.md', 'export.csv', 'input errors']);
    // 3 screened clauses (6.1.1 is a manual checklist item, not a test) per post, plus one input error.
    // Failures: the failed 6.1.8 and the 6.1.11 link waiting for approval.
    expect(totals).toMatchObject({ name: 'p5050', tests: 10, failures: 2, errors: 1, skipped: 0 });
    const memo = suites[1]!.testcase.find((c) => c.name.startsWith('6.1.8'))!;
    expect(memo.classname).toBe('drafts/memo.md');
    expect(memo.failure).toMatchObject({ type: 'failed' });
    expect(JSON.stringify(memo.failure)).toContain('3:9 error Marked confidential.');
  });

  it('counts a missing approval as a failure unless --fail-on blocked, and a warning only with --fail-on warning', async () => {
    expect(parse(await render('junit', run(), 'warning')).totals).toMatchObject({ failures: 3 });
    expect(parse(await render('junit', run(), 'error')).totals).toMatchObject({ failures: 2 });
    expect(parse(await render('junit', run(), 'blocked')).totals).toMatchObject({ failures: 1 });
    const link = parse(await render('junit')).suites[2]!.testcase.find((c) => c.name.startsWith('6.1.11'))!;
    expect(link.failure).toMatchObject({ type: 'needs-approval', message: '6.1.11 needs approval' });
  });
});

describe('markdown', () => {
  const tables = (md: string): string[][][] => {
    const out: string[][][] = [];
    let current: string[][] | undefined;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        current = undefined;
        continue;
      }
      if (!current) out.push((current = []));
      current.push(line.slice(2, -2).split(/(?<!\\) \| /));
    }
    return out;
  };

  it('prints the summary and tables fit for a pull-request comment', async () => {
    const md = await render('markdown');
    expect(md).toContain('**3 posts screened:** ❌ 1 blocked · ✋ 1 need approval · ⚠️ 0 need review · ✅ 1 clean · 🚫 1 input error');
    const [clauses, posts, findings, errors] = tables(md);
    expect(clauses![0]).toEqual(['Clause', 'Title', 'Failed', 'Needs approval', 'Review', 'Not screened', 'Screener error']);
    expect(clauses!.slice(2).map((r) => [r[0], r[2], r[3], r[4]])).toEqual([['6.1.8', '1', '0', '0'], ['6.1.11', '0', '1', '0'], ['6.1.14', '0', '0', '1']]);
    expect(posts!.slice(2).map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['drafts/memo.md', '', '', '❌ blocked'],
      ['export.csv row 3', '2024-05-01 10:00', 'Facebook', '✋ needs approval'],
    ]);
    expect(findings![2]!.slice(0, 4)).toEqual(['drafts/memo.md', '3:9', '6.1.8', 'error']);
    expect(findings![3]![1]).toBe('row 3 · 1:8');
    expect(errors![2]).toEqual(['broken.jsonl', 'line 2: invalid JSON at column 1: Unexpected token']);
  });

  it('shows control and bidi characters of post text visibly (issue 13 item 6)', async () => {
    const md = await render('markdown', run([{ source: 'x\u001b[2J.txt', id: 'x\u001b[2J.txt', text: 'CONFIDENTIAL\u202e \u0007' }]));
    // eslint-disable-next-line no-control-regex
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    // The backslash of \x1b is itself escaped for Markdown.
    expect(md).toContain('x\\\\x1b[2J.txt');
  });

  it('escapes table and HTML syntax in post text', async () => {
    const md = await render('markdown', run([{ source: 'x.txt', id: 'x.txt', text: 'a | b <script> CONFIDENTIAL `tick`' }]));
    expect(md).not.toContain('<script>');
    expect(tables(md)[2]![2]!).toHaveLength(8);
  });
});

describe('stylish', () => {
  it('a batch shows only posts that did not pass, the per-clause table of what happened, and the summary last', () => {
    const batch = formatStylish(run(), {});
    expect(batch).not.toContain('drafts/clean.txt');
    expect(batch).toContain('drafts/memo.md blocked');
    expect(batch).toMatch(/Per clause \(number of posts\):\n.*clause +title +failed +approval +review +unscreened +error\n +6\.1\.8 .* 1 +0 +0 +0 +0\n/);
    // The summary, wrapped to 80 columns.
    expect(batch.trimEnd().split('\n\n').pop()!.replace(/\s+/g, ' ')).toBe('3 posts screened, 1 blocked, 1 need approval, 0 need review, 1 clean, 1 input error (on stderr)');
    expect(batch).not.toContain('line 2: invalid JSON');
    const single = formatStylish(screenPosts([inputs[0]!], [], { screeners: [fake] }), {});
    expect(single).not.toContain('Per clause');
    expect(single).toMatch(/^drafts\/clean\.txt not fully screened$/m);
  });

  it('shows the post text around a finding when given it', () => {
    const r = run([inputs[1]!]);
    const text = formatStylish(r, {}, undefined, new Map([[r.posts[0]!, inputs[1]!.text]]));
    expect(text).toMatch(/│ This is CONFIDENTIAL \| not <b>public<\/b>\.\n.*│ {9}\^{12}/);
    expect(checkPost(inputs[1]!, { screeners: [fake] }).verdict).toBe('blocked');
  });

  const widest = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

  it('fits the width it is given, and keeps the carets under the match at the end of a long line', () => {
    const long = `${'word '.repeat(60)}and then CONFIDENTIAL at the end of a very long line ${'x'.repeat(300)}`;
    const r = run([{ source: `${'deep/'.repeat(20)}memo.txt`, id: `${'deep/'.repeat(20)}memo.txt`, text: long }, inputs[2]!]);
    for (const width of [80, 60, 120]) {
      const text = formatStylish(r, { width }, undefined, new Map([[r.posts[0]!, long]]));
      expect(widest(text)).toBeLessThanOrEqual(width);
      const lines = text.split('\n');
      const excerpt = lines.findIndex((l) => l.includes('CONFIDENTIAL') && l.includes('│'));
      const col = lines[excerpt]!.indexOf('CONFIDENTIAL');
      expect(lines[excerpt + 1]!.indexOf('^')).toBe(col);
      expect(lines[excerpt + 1]!.trimEnd().endsWith('^'.repeat(12))).toBe(true);
    }
  });

  it('shows control and bidi characters of a post visibly, with the carets still under the match', () => {
    const text = 'a\u001b]0;pwned\u0007 \u202eCONFIDENTIAL\u009b2J';
    const r = run([{ source: 'evil\u001b[2J.txt', id: 'evil\u001b[2J.txt', text }]);
    const out = formatStylish(r, {}, undefined, new Map([[r.posts[0]!, text]]));
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(out).toContain('evil\\x1b[2J.txt');
    const lines = out.split('\n');
    const excerpt = lines.find((l) => l.includes('│ a'))!;
    expect(excerpt).toContain('a\\x1b]0;pwned\\x07 ⟨U+202E⟩CONFIDENTIAL\\x9b2J');
    const carets = lines[lines.indexOf(excerpt) + 1]!;
    expect(carets.indexOf('^')).toBe(excerpt.indexOf('CONFIDENTIAL'));
  });

  it('--checklist lists every clause of every post, clean ones too', () => {
    const text = formatStylish(run(), { checklist: true });
    expect(text).toContain('drafts/clean.txt clean');
    expect(text).toMatch(/☐ 6\.1\.1 /);
    expect(text).toMatch(/✖ 6\.1\.8 /);
  });
});

describe('wrap', () => {
  it('wraps on spaces with a hanging indent, breaks only words longer than a line, and ignores colour codes', () => {
    expect(wrap('aaa bbb ccc ddd', 9, '> ', '  ')).toEqual(['> aaa bbb', '  ccc ddd']);
    expect(wrap(`x ${'y'.repeat(25)}`, 10, '', '')).toEqual(['x', 'yyyyyyyyyy', 'yyyyyyyyyy', 'yyyyy']);
    expect(wrap('\u001b[31mred\u001b[39m word', 8, '', '')).toEqual(['\u001b[31mred\u001b[39m word']);
    expect(displayWidth('日本')).toBe(4);
  });
});

describe('verdicts in every format', () => {
  // One post per verdict but "blocked": review (a warning), needs-approval (a link), clean.
  const posts: PostInput[] = [
    { source: 'review.txt', id: 'review.txt', text: 'Please vote on Tuesday.' },
    { source: 'approval.txt', id: 'approval.txt', text: 'Details at http://x.example today.' },
    { source: 'clean.txt', id: 'clean.txt', text: 'Pool opens at noon.' },
  ];
  const verdictRun = (): RunReport => screenPosts(posts, [], { screeners: [fake], clauses: ['6.1.8', '6.1.11', '6.1.14'] });

  it('gives each post its verdict and counts needsApproval apart from review', () => {
    const r = verdictRun();
    expect(r.posts.map((p) => p.verdict)).toEqual(['review', 'needs-approval', 'clean']);
    expect(r.summary).toMatchObject({ posts: 3, blocked: 0, needsApproval: 1, review: 1, clean: 1 });
  });

  it('json, jsonl and sarif carry the verdict as data', async () => {
    const json = JSON.parse(await render('json', verdictRun())) as { posts: Array<{ verdict: string }>; summary: Record<string, number> };
    expect(json.posts.map((p) => p.verdict)).toEqual(['review', 'needs-approval', 'clean']);
    expect(json.summary).toMatchObject({ needsApproval: 1, review: 1 });
    const jsonl = (await render('jsonl', verdictRun())).trimEnd().split('\n').map((l) => JSON.parse(l) as { verdict?: string });
    expect(jsonl.slice(0, 3).map((l) => l.verdict)).toEqual(['review', 'needs-approval', 'clean']);
    const sarif = JSON.parse(await render('sarif', verdictRun())) as { runs: Array<{ results: Array<{ ruleId: string; properties: { verdict: string } }> }> };
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.properties.verdict])).toEqual([['6.1.14/fake/vote-for', 'review'], ['6.1.11/fake/link', 'needs-approval']]);
  });

  it('stylish and markdown name it in words', async () => {
    const stylish = formatStylish(verdictRun(), {});
    // A batch: each post that did not pass under a header naming its verdict.
    expect(stylish).toMatch(/^review\.txt needs review$/m);
    expect(stylish).toMatch(/^approval\.txt needs the Department Manager's approval$/m);
    expect(formatStylish({ ...verdictRun(), posts: [verdictRun().posts.find((p) => p.verdict === 'needs-approval')!] }, {})).toMatch(/needs the Department Manager's approval: 0 errors, 1 warning/);
    expect(stylish.trimEnd().split('\n').pop()).toBe('3 posts screened, 0 blocked, 1 need approval, 1 need review, 1 clean');
    const md = await render('markdown', verdictRun());
    expect(md).toContain('| review.txt |  |  | ⚠️ needs review |');
    expect(md).toContain('| approval.txt |  |  | ✋ needs approval |');
  });

  it('junit fails the waiting approval at the default level and the warning only at --fail-on warning', async () => {
    const failures = async (failOn?: FailOn): Promise<string[]> => [...(await render('junit', verdictRun(), failOn)).matchAll(/<failure message="([^"]+)"/g)].map((m) => m[1]!);
    expect(await failures()).toEqual(['6.1.11 needs approval']);
    expect(await failures('warning')).toEqual(['6.1.14 warning', '6.1.11 needs approval']);
    expect(await failures('blocked')).toEqual([]);
  });
});
