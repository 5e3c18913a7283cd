import type { Content, InputItem, ReadOptions } from './types';
import { contentSize, describeFsError, InputProblem } from './content';
import { expandPaths } from './expand';
import { kindOf } from './kinds';
import { DEFAULT_MAX_BYTES, readStdin, readTextPost, stdinBytes } from './read';

/**
 * Every input, in order, as posts and input errors. Readers for batch formats load only when a file
 * of that kind is met, so screening a plain-text file stays as fast as before.
 */

export type { Content, InputItem, ReadOptions } from './types';

/** A batch file's reader, with whole-file problems turned into one error and "no posts" reported. */
async function* guarded(source: string, items: Iterable<InputItem> | AsyncIterable<InputItem>): AsyncGenerator<InputItem> {
  let count = 0;
  try {
    for await (const item of items) {
      count += 1;
      yield item;
    }
  } catch (err) {
    count += 1;
    yield { error: { source, message: err instanceof InputProblem ? err.message : describeFsError(err) } };
  }
  if (count === 0) yield { error: { source, message: 'no posts in this file' } };
}

async function batchItems(content: Content, options: ReadOptions): Promise<Iterable<InputItem> | AsyncIterable<InputItem>> {
  switch (kindOf(content.source)) {
    case 'markdown':
      return (await import('./markdown')).readMarkdown(content, options);
    case 'json':
      return (await import('./json')).readJson(content, options);
    case 'jsonl':
      return (await import('./jsonl')).readJsonLines(content, options);
    case 'csv':
      return (await import('./csv')).readCsv(content, options);
    default:
      return [readTextPost(content, options)];
  }
}

/** The posts of one input, by its extension (unknown extensions are plain text). */
export async function* readContent(content: Content, options: ReadOptions = {}): AsyncGenerator<InputItem> {
  const size = contentSize(content);
  if ('problem' in size) {
    yield { error: { source: content.source, message: size.problem } };
    return;
  }
  yield* guarded(content.source, await batchItems(content, options));
}

/** A batch file piped in may hold many posts: it is read whole up to this size. */
const MAX_STDIN_BATCH = 256 * 1024 * 1024;

/** stdin under the name --stdin-filename gives it, read by that name's kind (a CSV piped in is a CSV). */
async function* namedStdin(name: string, options: ReadOptions): AsyncGenerator<InputItem> {
  const batch = kindOf(name) !== 'text' && kindOf(name) !== 'markdown';
  const read = await stdinBytes(batch ? MAX_STDIN_BATCH : (options.maxBytes ?? DEFAULT_MAX_BYTES));
  if ('problem' in read) yield { error: { source: name, message: read.problem } };
  else yield* readContent({ source: name, bytes: read.bytes }, options);
}

/** Posts from command-line arguments: files, directories, globs, and "-" for stdin (plain text). */
export async function* readInputs(args: string[], options: ReadOptions = {}): AsyncGenerator<InputItem> {
  for (const item of await expandPaths(args)) {
    if ('error' in item) yield item;
    else if ('stdin' in item && options.stdinFilename) yield* namedStdin(options.stdinFilename, options);
    else if ('stdin' in item) yield await readStdin(options);
    else yield* readContent({ source: item.file, path: item.file }, options);
  }
}
