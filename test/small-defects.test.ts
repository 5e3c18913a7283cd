import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readApprovals } from '../src/approvals/store';
import { readContent, type InputItem } from '../src/inputs';
import { UNCLOSED_FRONT_MATTER } from '../src/inputs/markdown';
import { checkPost } from '../src/pipeline';
import { screenPosts } from '../src/pipeline/run';
import { formatReport } from '../src/report';
import { lineColumn, lineStarts, splitSentences } from '../src/text/tokens';
import type { Screener } from '../src/types';

/** Small defects found by trying p5050 as a careless user would (issue 13, item 14). */

const BIN = join(__dirname, '..', 'bin', 'p5050.js');
const dir = mkdtempSync(join(tmpdir(), 'p5050-small-'));

function p5050(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function read(source: string, text: string): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readContent({ source, bytes: Buffer.from(text) }, {})) items.push(item);
  return items;
}

describe('approvals files with bad lines', () => {
  const good = JSON.stringify({ kind: 'approval', contentHash: 'h', source: 'a.txt', clause: '6.1.11', by: 'Dana', reason: 'ok', at: '2026-01-01T00:00:00.000Z' });

  it.each([['null'], ['[1, 2]'], ['42'], ['"text"']])('a %s line is an error naming its line, not a TypeError', (line) => {
    const file = join(dir, `approvals-${Math.random().toString(36).slice(2)}.jsonl`);
    writeFileSync(file, `${good}\n${line}\n`);
    expect(() => readApprovals(file)).toThrow('line 2: not an approval record (a JSON object)');
  });

  it('check names the approvals file once, in one line, and exits 2', () => {
    const approvals = join(dir, 'bad-approvals.jsonl');
    writeFileSync(approvals, `${good}\nnull\n`);
    writeFileSync(join(dir, 'post.txt'), 'The library opens at 9.\n');
    const run = p5050(['check', 'post.txt', '--approvals', approvals]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`p5050: ${approvals}: line 2: not an approval record (a JSON object)\n`);
  });
});

describe('file names with line breaks', () => {
  it('stay one line on stderr', () => {
    const name = 'two\nlines.txt';
    const run = p5050(['check', name]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('p5050: two lines.txt: no such file\n');
  });

  it('are escaped in JUnit attributes, so a parser reads them back exactly', async () => {
    const quiet: Screener = { meta: { id: 'none', clauses: ['6.1.8'], description: 'd', defaultSeverity: 'error', languageDependent: false }, check: () => [] };
    const source = 'drafts/two\nlines\r\tname.txt';
    const report = screenPosts([{ source, id: source, text: 'Pool opens at noon.' }], [{ source: 'bad\nfile.json', message: 'line 1:\ninvalid' }], { screeners: [quiet], clauses: ['6.1.8'] });
    const xml = await formatReport('junit', report);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml) as {
      testsuites: { testsuite: Array<{ name: string; testcase: Array<{ classname: string; error?: { message: string } }> }> };
    };
    const [posts, errors] = doc.testsuites.testsuite;
    expect(posts!.name).toBe(source);
    expect(posts!.testcase[0]!.classname).toBe(source);
    expect(errors!.testcase[0]!.classname).toBe('bad\nfile.json');
    expect(errors!.testcase[0]!.error!.message).toBe('line 1:\ninvalid');
  });
});

describe('Markdown whose front matter is never closed', () => {
  it('is screened as text, with a note saying so', async () => {
    const [item] = await read('draft.md', '---\ntitle: Budget\nCONFIDENTIAL: draft figures\n');
    expect(item).toMatchObject({ post: { text: '---\ntitle: Budget\nCONFIDENTIAL: draft figures\n', meta: { note: UNCLOSED_FRONT_MATTER } } });
    const report = checkPost((item as { post: Parameters<typeof checkPost>[0] }).post);
    expect(report.meta?.note).toBe(UNCLOSED_FRONT_MATTER);
    expect(report.verdict).toBe('blocked');
  });

  it('a closed one gets no note, and neither does Markdown without front matter', async () => {
    for (const md of ['---\ntitle: Hi\n---\nBody text.\n', '# Title\n\nBody text.\n']) {
      const [item] = await read('ok.md', md);
      expect((item as { post: { meta?: Record<string, unknown> } }).post.meta?.note).toBeUndefined();
    }
  });

  it('front matter with CR-only line endings is read as front matter', async () => {
    const md = '---\rtitle: Hi\rsecret: x\r---\rBody text.\r';
    const [item] = await read('cr.md', md);
    // The title is screened in place; the rest of the front matter is blanked, line breaks kept.
    expect((item as { post: { text: string } }).post.text).toBe('   \r       Hi\r         \r   \rBody text.\r');
  });
});

describe('CR-only line endings', () => {
  const text = 'Pool news.\rSecond line\rCONFIDENTIAL: draft\r';

  it('count as line breaks for line numbers, as \\n and \\r\\n do', () => {
    for (const [raw, at] of [[text, text.indexOf('CONFIDENTIAL')], [text.replace(/\r/g, '\r\n'), text.replace(/\r/g, '\r\n').indexOf('CONFIDENTIAL')]] as const) {
      expect(lineColumn(lineStarts(raw), at)).toEqual({ line: 3, column: 1 });
    }
  });

  it('put a finding on its own line in the report', () => {
    const finding = checkPost({ source: 'mac.txt', id: 'mac.txt', text }).findings.find((f) => f.clause === '6.1.8');
    expect(finding).toMatchObject({ line: 3, column: 1, excerpt: 'CONFIDENTIAL' });
  });

  it('end sentences, as line feeds do', () => {
    expect(splitSentences('no stop here\rnew line here').map((s) => s.length)).toEqual([12, 13]);
  });
});
