import { readContent, type InputItem, type ReadOptions } from '../../src/inputs';
import type { InputError, PostInput } from '../../src/types';

async function read(source: string, text: string | Buffer, options: ReadOptions = {}): Promise<InputItem[]> {
  const items: InputItem[] = [];
  for await (const item of readContent({ source, bytes: Buffer.isBuffer(text) ? text : Buffer.from(text) }, options)) items.push(item);
  return items;
}

/** The posts read, without where their fields sit (published-fields.test.ts tests those). */
const posts = (items: InputItem[]): PostInput[] =>
  items.flatMap((i) => {
    if (!('post' in i)) return [];
    const { fields: _fields, ...post } = i.post;
    return [post];
  });
const errors = (items: InputItem[]): string[] => items.flatMap((i) => ('error' in i ? [`${(i.error as InputError).source}: ${i.error.message}`] : []));

describe('JSON Lines', () => {
  const jsonl = [
    '{"id":"a1","text":"Park opens Saturday!","network":"Facebook","scheduled_at":"2024-05-01 10:00"}',
    '{"text":"Library hours change"}',
    'not json',
    '',
    '{"text":""}',
    '{"body":"no text field"}',
    '[1,2]',
    '{"message":{"text":"nested"},"postId":7}',
  ].join('\n');

  it('reads one post per line with its id, line, scheduled date and network', async () => {
    const items = await read('posts.jsonl', jsonl);
    expect(posts(items).slice(0, 2)).toEqual([
      { source: 'posts.jsonl', id: 'a1', text: 'Park opens Saturday!', meta: { line: 1, date: '2024-05-01 10:00', network: 'Facebook' } },
      { source: 'posts.jsonl', id: 'line 2', text: 'Library hours change', meta: { line: 2 } },
    ]);
  });

  it('reports each bad line as an error naming the line, and reads the others', async () => {
    expect(errors(await read('posts.jsonl', jsonl))).toEqual([
      'posts.jsonl: line 3: invalid JSON at column 1: Unexpected token \'o\'',
      'posts.jsonl: line 5: empty post (no text to screen)',
      'posts.jsonl: line 6: no "text" field (choose the field with --text-field)',
      'posts.jsonl: line 7: expected an object with a "text" field',
      'posts.jsonl: line 8: no "text" field (choose the field with --text-field)',
    ]);
  });

  it('takes the text and id from other fields, dotted paths included', async () => {
    const items = await read('posts.jsonl', jsonl, { textField: 'message.text', idField: 'postId' });
    expect(posts(items)).toEqual([{ source: 'posts.jsonl', id: '7', text: 'nested', meta: { line: 8 } }]);
  });

  it('checks each line for invalid UTF-8 and size on its own', async () => {
    const bytes = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}\n{"text":"ok"}\n{"text":"' + 'x'.repeat(300) + '"}\n')]);
    const items = await read('p.jsonl', bytes, { maxBytes: 100 });
    expect(errors(items)).toEqual(['p.jsonl: line 1: invalid UTF-8', 'p.jsonl: line 3: post is 300 bytes, over the 100-byte limit (raise it with --max-bytes)']);
    expect(posts(items).map((p) => p.text)).toEqual(['ok']);
  });

  it('refuses binary files and files with no posts', async () => {
    expect(errors(await read('b.jsonl', Buffer.from([0x7b, 0x00, 0x7d])))).toEqual(['b.jsonl: binary file (contains NUL bytes), not text']);
    expect(errors(await read('e.jsonl', '\n\n'))).toEqual(['e.jsonl: no posts in this file']);
  });
});

describe('JSON', () => {
  it('reads an array of posts with each element\'s item number and line', async () => {
    const text = '[\n  {"id": 1, "text": "Hello"},\n  {"id": 2,\n   "text": "Second, with a \\"quote\\" and [brackets]"},\n  42\n]\n';
    const items = await read('a.json', text);
    expect(posts(items).map((p) => [p.id, p.meta])).toEqual([['1', { item: 1, line: 2 }], ['2', { item: 2, line: 3 }]]);
    expect(errors(items)).toEqual(['a.json: item 3 (line 5): expected an object with a "text" field']);
  });

  it('reads {"posts": [...]} and a single post object', async () => {
    const wrapped = await read('w.json', '{"account": "city", "posts": [\n{"text": "one"},\n{"text": "two"}]}');
    expect(posts(wrapped).map((p) => [p.id, p.meta?.line])).toEqual([['item 1', 2], ['item 2', 3]]);
    const single = await read('s.json', '{"text": "just one", "platform": "X"}');
    expect(posts(single)).toEqual([{ source: 's.json', id: 's.json', text: 'just one', meta: { network: 'X' } }]);
  });

  it('reports invalid JSON as one error for the file', async () => {
    expect(errors(await read('bad.json', '[{"text": "a"},\n'))).toEqual(['bad.json: invalid JSON at line 2, column 1: Unexpected end of JSON input']);
  });
});

describe('CSV', () => {
  const csv = [
    'Date,Time,Message,Link,Network',
    '2024-05-01,10:00,"Join us at the park!',
    'Free food",https://cottonwood.gov/parks,Facebook',
    '2024-05-02,11:00,Budget town hall tonight,,Twitter',
    '2024-05-03,12:00,"bad"x,,X',
    '2024-05-04,13:00,too,many,fields,here',
    '2024-05-05,14:00,,,Instagram',
    '2024-05-06,15:00,Last one is fine,,Instagram',
  ].join('\n');

  it('finds the text column by name and reports row, line, date and network', async () => {
    const items = await read('export.csv', csv);
    expect(posts(items)).toEqual([
      { source: 'export.csv', id: 'row 2', text: 'Join us at the park!\nFree food\n\nhttps://cottonwood.gov/parks', meta: { row: 2, line: 2, date: '2024-05-01 10:00', network: 'Facebook', link: 'https://cottonwood.gov/parks' } },
      { source: 'export.csv', id: 'row 3', text: 'Budget town hall tonight', meta: { row: 3, line: 4, date: '2024-05-02 11:00', network: 'Twitter' } },
      { source: 'export.csv', id: 'row 7', text: 'Last one is fine', meta: { row: 7, line: 8, date: '2024-05-06 15:00', network: 'Instagram' } },
    ]);
  });

  it('reports malformed rows naming file and row, and screens the rest', async () => {
    expect(errors(await read('export.csv', csv))).toEqual([
      'export.csv: row 4 (line 5): unexpected "x" after a closing quote',
      'export.csv: row 5 (line 6): has 6 field(s), the header has 5',
      'export.csv: row 6 (line 7): empty post (no text to screen)',
    ]);
  });

  it('uses --text-column by name or number', async () => {
    const text = 'When,Copy,Body\n2024-05-01,first,second\n';
    expect(posts(await read('c.csv', text, { textColumn: 'body' })).map((p) => p.text)).toEqual(['second']);
    expect(posts(await read('c.csv', text, { textColumn: '2' })).map((p) => p.text)).toEqual(['first']);
    expect(errors(await read('c.csv', text, { textColumn: 'Caption' }))).toEqual(['c.csv: no column named "Caption" (first row: "When", "Copy", "Body")']);
  });

  it('reads the header-less bulk-upload layout: date, message, link', async () => {
    const items = await read('bulk.csv', '05/01/2024 10:00,Pool opens today!,https://cottonwood.gov/pool\n05/02/2024 09:00,Second post\n');
    expect(errors(items)).toEqual([]);
    expect(posts(items).map((p) => [p.id, p.text, p.meta?.date])).toEqual([
      ['row 1', 'Pool opens today!\n\nhttps://cottonwood.gov/pool', '05/01/2024 10:00'],
      ['row 2', 'Second post', '05/02/2024 09:00'],
    ]);
  });

  it('says so when it cannot tell the text column', async () => {
    expect(errors(await read('x.csv', 'alpha,beta\n1,2\n'))).toEqual([expect.stringMatching(/^x\.csv: cannot tell which column holds the post text .*--text-column$/)]);
  });

  it('reads semicolon-separated files with a byte-order mark', async () => {
    const items = await read('eu.csv', '\ufeffDatum;Text\n2024-05-01;Hallo, Welt\n');
    expect(posts(items).map((p) => p.text)).toEqual(['Hallo, Welt']);
  });

  it('stops at invalid UTF-8, keeping the rows before it', async () => {
    const bytes = Buffer.concat([Buffer.from('Message\nfirst\ncaf'), Buffer.from([0xe9, 0x0a])]);
    const items = await read('u.csv', bytes);
    expect(posts(items).map((p) => p.text)).toEqual(['first']);
    expect(errors(items)).toEqual([expect.stringMatching(/^u\.csv: invalid UTF-8 at byte 17; the rest of the file was not read$/)]);
  });
});

describe('Markdown with front matter', () => {
  const md = '---\ntitle: "Vote for the Park Bond"\ndate: 2024-05-01\nnetwork: Facebook\ntags: [parks, internal]\ndescription: >\n  A folded\n  description\n---\n\n# Heading\n\nBody text here.\n';

  it('screens the body, title and description at their exact positions in the file', async () => {
    const [post] = posts(await read('post.md', md));
    expect(post!.text).toHaveLength(md.length);
    expect(post!.text.split('\n')).toHaveLength(md.split('\n').length);
    for (const kept of ['Vote for the Park Bond', 'A folded\n  description', '# Heading', 'Body text here.']) {
      expect(post!.text.indexOf(kept)).toBe(md.indexOf(kept));
    }
    for (const blanked of ['title', 'date', '2024-05-01', 'tags', 'internal', '---', '"', 'description:']) expect(post!.text).not.toContain(blanked);
    expect(post!.meta).toEqual({ date: '2024-05-01', network: 'Facebook' });
  });

  it('reads Markdown without front matter as it is', async () => {
    expect(posts(await read('plain.md', '# Title\n\n---\n\nText'))[0]!.text).toBe('# Title\n\n---\n\nText');
  });

  it('reports invalid YAML front matter with its line', async () => {
    expect(errors(await read('bad.md', '---\ntitle: [unclosed\nx: y\n---\nBody'))).toEqual([expect.stringMatching(/^bad\.md: invalid YAML front matter at line \d+: /)]);
  });

  it('an empty body with nothing to screen in the front matter is an empty post', async () => {
    expect(errors(await read('e.md', '---\ndate: 2024-05-01\n---\n\n'))).toEqual(['e.md: empty post (no text to screen)']);
  });
});

describe('plain text and unknown extensions', () => {
  it('reads the whole file as one post, with the usual checks', async () => {
    expect(posts(await read('note.post', 'Hello'))).toEqual([{ source: 'note.post', id: 'note.post', text: 'Hello' }]);
    expect(errors(await read('big.txt', 'x'.repeat(20), { maxBytes: 10 }))).toEqual(['big.txt: file is 20 bytes, over the 10-byte limit (raise it with --max-bytes)']);
  });

  it('names a missing file', async () => {
    const items: InputItem[] = [];
    for await (const item of readContent({ source: 'gone.csv', path: '/nonexistent/gone.csv' })) items.push(item);
    expect(errors(items)).toEqual(['gone.csv: no such file']);
  });
});
