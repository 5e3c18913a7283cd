import type { PostReport, RunReport } from '../types';
import type { ReportSink, RunHead, Write } from './types';
import { feedRun, secretsMasked } from './render';
import { NO_PAINT, type Paint, type StylishOptions } from './stylish';

/** Report formats, each loaded only when chosen. */

import type { Format } from './formats';

export { FORMATS, type Format } from './formats';

/** Formats written post by post as the batch is screened; the others are written at the end. */
export const STREAMING_FORMATS: readonly Format[] = ['stylish', 'json', 'jsonl', 'github'];

export interface SinkOptions extends StylishOptions {
  /** Colours for the stylish format. */
  paint?: Paint;
}

export async function createSink(format: Format, write: Write, head: RunHead, options: SinkOptions): Promise<ReportSink> {
  return secretsMasked(await formatSink(format, write, head, options));
}

async function formatSink(format: Format, write: Write, head: RunHead, options: SinkOptions): Promise<ReportSink> {
  switch (format) {
    case 'json':
      return (await import('./json')).jsonSink(write, head, options);
    case 'jsonl':
      return (await import('./jsonl')).jsonlSink(write, head, options);
    case 'sarif':
      return (await import('./sarif')).sarifSink(write, head, options.root);
    case 'junit':
      return (await import('./junit')).junitSink(write, options);
    case 'github':
      return (await import('./github')).githubSink(write, options);
    case 'html':
      return (await import('./html')).htmlSink(write, head, options);
    case 'markdown':
      return (await import('./markdown')).markdownSink(write, head, options);
    default:
      return (await import('./stylish')).stylishSink(write, options, options.paint ?? NO_PAINT);
  }
}

/** A whole run's report in any format, as one string (library use; the CLI streams). */
export async function formatReport(format: Format, run: RunReport, options: SinkOptions = {}, texts?: Map<PostReport, string>): Promise<string> {
  const chunks: string[] = [];
  feedRun(await createSink(format, (c) => chunks.push(c), run, options), run, texts);
  return chunks.join('');
}
