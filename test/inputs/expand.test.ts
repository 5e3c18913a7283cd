import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expandPaths } from '../../src/inputs/expand';

const root = mkdtempSync(join(tmpdir(), 'p5050-expand-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const files: Record<string, string> = {
  '.git/HEAD': 'ref: refs/heads/main\n',
  '.git/info/exclude': 'secret-notes/\n',
  '.gitignore': 'drafts/old/\n*.tmp.md\n!keep.tmp.md\n',
  'drafts/a.txt': 'a',
  'drafts/b.md': 'b',
  'drafts/photo.png': 'not a post',
  'drafts/package.json': '{}',
  'drafts/old/ignored.txt': 'old',
  'drafts/x.tmp.md': 'ignored by pattern',
  'drafts/keep.tmp.md': 're-included',
  'drafts/sub/.gitignore': 'local.csv\n',
  'drafts/sub/local.csv': 'ignored by nested .gitignore',
  'drafts/sub/c.csv': 'Message\nc',
  'drafts/sub/d.jsonl': '{"text":"d"}',
  'drafts/node_modules/pkg/readme.md': 'never',
  'secret-notes/s.txt': 'excluded',
  'empty/photo.png': 'x',
  'notes.post': 'unknown extension',
};
for (const [name, content] of Object.entries(files)) {
  mkdirSync(dirname(join(root, name)), { recursive: true });
  writeFileSync(join(root, name), content);
}

const shown = async (args: string[]): Promise<string[]> =>
  (await expandPaths(args, root)).map((e) => ('file' in e ? e.file : 'error' in e ? `error ${e.error.source}: ${e.error.message}` : 'stdin'));

describe('expandPaths', () => {
  it('walks a directory for post files, skipping node_modules, .git and what .gitignore ignores', async () => {
    expect(await shown(['drafts'])).toEqual(['drafts/a.txt', 'drafts/b.md', 'drafts/keep.tmp.md', 'drafts/sub/c.csv', 'drafts/sub/d.jsonl']);
  });

  it('applies .git/info/exclude from the repository root', async () => {
    expect(await shown(['.'])).not.toContain('secret-notes/s.txt');
  });

  it('expands globs, relative to the working directory, with the same skipping', async () => {
    expect(await shown(['drafts/**/*.{csv,jsonl}'])).toEqual(['drafts/sub/c.csv', 'drafts/sub/d.jsonl']);
    expect(await shown(['./drafts/*.md'])).toEqual(['drafts/b.md', 'drafts/keep.tmp.md']);
    expect(await shown(['*.post'])).toEqual(['notes.post']);
  });

  it('keeps files named explicitly, whatever their extension, and lists each file once', async () => {
    expect(await shown(['notes.post', 'drafts/a.txt', 'drafts'])).toEqual(['notes.post', 'drafts/a.txt', 'drafts/b.md', 'drafts/keep.tmp.md', 'drafts/sub/c.csv', 'drafts/sub/d.jsonl']);
  });

  it('reports a directory with no posts and a glob that matches nothing, and passes "-" and missing files on', async () => {
    expect(await shown(['empty', 'nothing/*.txt', '-', 'missing.txt'])).toEqual([
      expect.stringMatching(/^error empty: is a directory with no post files in it/),
      'error nothing/*.txt: no files match this pattern',
      'stdin',
      'missing.txt',
    ]);
  });

  it('keeps absolute paths absolute', async () => {
    expect(await shown([join(root, 'drafts', 'sub')])).toEqual([join(root, 'drafts/sub/c.csv'), join(root, 'drafts/sub/d.jsonl')]);
  });
});
