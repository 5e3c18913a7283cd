import type { PostInput } from '../types';
import type { Content, InputItem, ReadOptions } from './types';
import { InputProblem, textChunks, utf8Chunks } from './content';
import { CsvParser, type CsvItem, type CsvRecord } from './csv-parser';
import { DEFAULT_MAX_BYTES, overLimit } from './decode';
import { DATE_NAMES, findName, ID_NAMES, isKnownName, LINK_NAMES, NETWORK_NAMES, normalizeName, TEXT_NAMES, TIME_NAMES } from './fields';

/**
 * CSV exports of scheduled posts, as scheduling tools write them: a header row naming columns such as
 * Date, Time, Message (or Text, Post, Content), Link, Network or Profile. The text column is found by
 * its name or chosen with --text-column. A header-less file whose first column is a date is read as
 * the common bulk-upload layout: date, message, link. The Link column, when present, is screened
 * with the message (a blank line apart), as it is posted with it.
 */

interface Layout {
  /** Whether the first record is a header (and so not a post). */
  header: boolean;
  /** Number of fields every row should have (the header's); undefined without a header. */
  width?: number;
  text: number;
  date: number;
  time: number;
  network: number;
  link: number;
  id: number;
}

const DATE_LIKE = /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

function at(headers: string[], names: string[], except: number): number {
  const i = findName(headers, names);
  return i === except ? -1 : i;
}

function columnsOf(headers: string[], text: number): Layout {
  const date = at(headers, DATE_NAMES, text);
  const time = at(headers, TIME_NAMES, text);
  return {
    header: true,
    width: headers.length,
    text,
    date,
    time: time === date ? -1 : time,
    network: at(headers, NETWORK_NAMES, text),
    link: at(headers, LINK_NAMES, text),
    id: at(headers, ID_NAMES, text),
  };
}

function listColumns(first: string[]): string {
  return first.map((c) => JSON.stringify(c)).join(', ');
}

/** Decides from the first record which column holds the text, and whether that record is a header. */
function layoutOf(first: string[], textColumn: string | undefined): Layout | { problem: string } {
  const headerLike = first.some(isKnownName) && !DATE_LIKE.test(first[0] ?? '');
  if (textColumn !== undefined && /^\d+$/.test(textColumn)) {
    const index = Number(textColumn) - 1;
    if (index < 0 || index >= first.length) return { problem: `--text-column ${textColumn}: the first row has ${first.length} column(s)` };
    return headerLike ? columnsOf(first, index) : { header: false, text: index, date: -1, time: -1, network: -1, link: -1, id: -1 };
  }
  if (textColumn !== undefined) {
    const index = first.findIndex((c) => normalizeName(c) === normalizeName(textColumn));
    if (index === -1) return { problem: `no column named "${textColumn}" (first row: ${listColumns(first)})` };
    return columnsOf(first, index);
  }
  if (headerLike) {
    const text = findName(first, TEXT_NAMES);
    if (text !== -1) return columnsOf(first, text);
    return { problem: `cannot tell which column holds the post text (columns: ${listColumns(first)}); choose one with --text-column` };
  }
  if (first.length >= 2 && DATE_LIKE.test(first[0]!)) {
    return { header: false, text: 1, date: 0, time: -1, network: -1, link: first.length >= 3 ? 2 : -1, id: -1 };
  }
  return { problem: `cannot tell which column holds the post text (the first row is not a header: ${listColumns(first)}); choose one with --text-column` };
}

function field(record: CsvRecord, index: number): string {
  return index === -1 ? '' : (record.fields[index] ?? '').trim();
}

function postOf(source: string, record: CsvRecord, layout: Layout, maxBytes: number): InputItem {
  const where = `row ${record.row} (line ${record.line})`;
  const fail = (problem: string): InputItem => ({ error: { source, message: `${where}: ${problem}` } });
  const width = record.fields.length;
  if (layout.width !== undefined && width !== layout.width) return fail(`has ${width} field(s), the header has ${layout.width}`);
  if (layout.text >= width) return fail(`has ${width} field(s), no column ${layout.text + 1} for the post text`);
  const message = record.fields[layout.text]!;
  const link = field(record, layout.link);
  const text = link && !message.includes(link) ? `${message}\n\n${link}` : message;
  if (text.trim().length === 0) return fail('empty post (no text to screen)');
  const size = Buffer.byteLength(text);
  if (size > maxBytes) return fail(overLimit(size, maxBytes, 'post'));
  const meta: Record<string, string | number> = { row: record.row, line: record.line };
  const date = [field(record, layout.date), field(record, layout.time)].filter(Boolean).join(' ');
  if (date) meta.date = date;
  if (field(record, layout.network)) meta.network = field(record, layout.network);
  if (link) meta.link = link;
  const post: PostInput = { source, id: field(record, layout.id) || `row ${record.row}`, text, meta };
  return { post };
}

export async function* readCsv(content: Content, options: ReadOptions): AsyncGenerator<InputItem> {
  const { source } = content;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parser = new CsvParser(maxBytes * 2 + 4096);
  let layout: Layout | undefined;
  function* handle(items: CsvItem[]): Generator<InputItem> {
    for (const item of items) {
      if ('bad' in item) {
        yield { error: { source, message: `row ${item.bad.row} (line ${item.bad.line}): ${item.bad.problem}` } };
        continue;
      }
      if (!layout) {
        const decided = layoutOf(item.record.fields, options.textColumn);
        if ('problem' in decided) throw new InputProblem(decided.problem);
        layout = decided;
        if (layout.header) continue;
      }
      yield postOf(source, item.record, layout, maxBytes);
    }
  }
  for await (const chunk of utf8Chunks(textChunks(content))) yield* handle(parser.push(chunk));
  yield* handle(parser.end());
}
