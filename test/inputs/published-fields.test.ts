import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readContent, type ReadOptions } from '../../src/inputs';
import { checkPost } from '../../src/pipeline';
import { positionLabel } from '../../src/report/location';
import type { PostInput, PostReport } from '../../src/types';
import { maskSpans } from '../../src/text/mask';

async function screen(source: string, text: string, options: ReadOptions = {}, config = {}): Promise<Array<{ post: PostInput; report: PostReport }>> {
  const out: Array<{ post: PostInput; report: PostReport }> = [];
  for await (const item of readContent({ source, bytes: Buffer.from(text) }, options)) {
    if ('error' in item) throw new Error(item.error.message);
    out.push({ post: item.post, report: checkPost(item.post, { config }) });
  }
  return out;
}

const where = (r: PostReport): string[] => r.findings.map((f) => `${f.clause} ${positionLabel(r, f)}`);

describe('every published field of a post is screened', () => {
  const csv = [
    'Date,Network,Message,Link,Title,Image URL,Image Alt Text,First Comment,Hashtags',
    '2026-12-01,Facebook,New photos from the harvest festival are up!,,,https://x.example/p.jpg,"CONFIDENTIAL draft photo. Re-elect Mayor Smith banner",,',
    '2026-12-01,Facebook,Volunteer orientation is Thursday.,,,,,"The shared drive password: Tr33House!2024 for the forms",',
    '2026-12-02,X,Leaf pickup starts November 4.,,Vote for Jane Smith,,,,Re-elect Smith #Smith2026',
    '2026-12-02,X,"Pool hours\nchange on Monday.\nCONFIDENTIAL memo attached",,,,,,',
  ].join('\n');

  it('CSV: the alt text, first comment and title are screened, and each finding names its field (row · field line:column)', async () => {
    // The word-list findings name the fields exactly; the judgement heads (test/model/) are switched off here.
    const [alt, comment, title, message] = await screen('week.csv', csv, {}, { rules: { judgement: 'off' } });
    expect(alt!.report.verdict).toBe('blocked');
    expect(where(alt!.report)).toEqual(['6.1.8 row 2 · Image Alt Text 1:1', '6.1.14 row 2 · Image Alt Text 1:27']);
    expect(where(comment!.report)).toEqual(['6.1.2 row 3 · First Comment 1:18']);
    expect(where(title!.report)).toContainEqual('6.1.14 row 4 · Title 1:1');
    // Lines count within the field: the marker is on the message's third line.
    expect(where(message!.report)).toEqual(['6.1.8 row 5 · Message 3:1']);
    // Excerpts still point at the original characters.
    for (const { post, report } of [alt!, comment!, title!, message!]) for (const f of report.findings) expect(maskSpans(post.text.slice(f.offset, f.offset + f.length), f.secret ? [f.secret] : [], f.offset)).toBe(f.excerpt);
  });

  it('a column the config names is screened too; one it does not name is not', async () => {
    const [, , plain] = await screen('week.csv', csv);
    expect(plain!.post.text).not.toContain('#Smith2026');
    const [, , named] = await screen('week.csv', csv, { fields: ['hashtags'] });
    expect(named!.post.text).toContain('#Smith2026');
    expect(where(named!.report)).toContainEqual('6.1.14 row 4 · Hashtags 1:1');
  });

  it('near-miss: ordinary alt text and comments pass', async () => {
    const ok = ['Message,Image,Alt Text,First Comment', 'Park reopens Saturday!,p.jpg,Children on the new swings,Details on the City website'].join('\n');
    const [row] = await screen('ok.csv', ok);
    expect(row!.report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(row!.report.notes).toBeUndefined();
  });

  it('JSON Lines and JSON: the same published fields by their usual names', async () => {
    const [post] = await screen('q.jsonl', '{"id":"a","text":"Farmers market opens Sunday.","alt_text":"INTERNAL USE ONLY planning photo","first_comment":"Vote for Jane Smith!"}\n');
    expect(where(post!.report)).toEqual(expect.arrayContaining([expect.stringMatching(/^6\.1\.8 line 1 · alt_text 1:1$/), expect.stringMatching(/^6\.1\.14 line 1 · first_comment 1:1$/)]));
    const [item] = await screen('l.json', '[{"text":"Storytime is Friday.","title":"CONFIDENTIAL"}]');
    expect(where(item!.report)).toEqual(['6.1.8 item 1 · title 1:1']);
  });

  it('Markdown: front-matter alt text and first comment are screened, at their place in the file', async () => {
    const md = '---\ntitle: Festival\nimage_alt: CONFIDENTIAL draft photo\nfirst_comment: ok\nauthor: CONFIDENTIAL is not published\n---\nPhotos are up.\n';
    const [post] = await screen('post.md', md);
    expect(post!.report.findings.map((f) => `${f.clause} ${f.line}:${f.column}`)).toEqual(['6.1.8 3:12']);
  });

  it('an image without alt text gets an accessibility note outside the P5050 clauses, which the config can switch off', async () => {
    const rows = ['Message,Image URL,Image Alt Text', 'Park reopens Saturday!,https://x.example/p.jpg,', 'Library closed Monday.,,'].join('\n');
    const [image, text] = await screen('a.csv', rows);
    expect(image!.report.notes?.map((n) => n.id)).toEqual(['accessibility/missing-alt-text']);
    expect(image!.report.notes![0]!.standard).toMatch(/WCAG 2\.1 .*1\.1\.1.*ADA Title II/);
    expect(image!.report.verdict).not.toBe('blocked');
    expect(image!.report.clauses.every((c) => c.status !== 'failed')).toBe(true);
    expect(text!.report.notes).toBeUndefined();
    const [off] = await screen('a.csv', rows, {}, { accessibilityNotes: 'off' });
    expect(off!.report.notes).toBeUndefined();
    const [json] = await screen('a.jsonl', '{"text":"Park reopens!","media":["p.jpg"]}\n');
    expect(json!.report.notes?.map((n) => n.id)).toEqual(['accessibility/missing-alt-text']);
  });
});

describe('CSV reader: a field over the record cap (issue 13 item 7)', () => {
  it('is one error naming the row; the next row is screened under its own number', async () => {
    // A file larger than a read chunk (256 KiB), so the record arrives in pieces.
    const path = join(mkdtempSync(join(tmpdir(), 'p5050-cap-')), 'big.csv');
    writeFileSync(path, `Message,Date\n"${'word '.repeat(120_000)}",2024\nCONFIDENTIAL row,2024\n`);
    const items = [];
    for await (const item of readContent({ source: 'big.csv', path }, { maxBytes: 1000 })) items.push(item);
    const errors = items.flatMap((i) => ('error' in i ? [i.error.message] : []));
    const posts = items.flatMap((i) => ('post' in i ? [i.post] : []));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^row 2 \(line 2\): /);
    expect(posts.map((p) => p.id)).toEqual(['row 3']);
  });
});
