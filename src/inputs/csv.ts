import type { PostInput } from '../types';
import type { Content, InputItem, ReadOptions } from './types';
import { InputProblem, textChunks, utf8Chunks } from './content';
import { CsvParser, type CsvItem, type CsvRecord } from './csv-parser';
import { DEFAULT_MAX_BYTES, overLimit } from './decode';
import { ALT_TEXT_NAMES, DATE_NAMES, findName, ID_NAMES, IMAGE_NAMES, isKnownName, joinFields, LINK_NAMES, MISSING_ALT_TEXT, NETWORK_NAMES, normalizeName, PUBLISHED_NAMES, TEXT_NAMES, TIME_NAMES } from './fields';

/**
 * CSV exports of scheduled posts, as scheduling tools write them: a header row naming columns such as
 * Date, Time, Message (or Text, Post, Content), Link, Network or Profile. The text column is found by
 * its name or chosen with --text-column. A header-less file whose first column is a date is read as
 * the common bulk-upload layout: date, message, link. Every column that is published with the
 * message (title, link, image alt text, first comment, and the config's `fields`) is screened with
 * it, a blank line apart, and each finding names the column it is in.
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
  /** Header names, for the field each finding is in. */
  names: string[];
  /** Columns published with the message and screened with it: title, link, image alt text, first comment, the config's fields. */
  published: number[];
  image: number;
  alt: number;
}

const DATE_LIKE = /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

function at(headers: string[], names: readonly string[], except: number): number {
  const i = findName(headers, names);
  return i === except ? -1 : i;
}

function publishedColumns(headers: string[], text: number, extra: string[]): number[] {
  const named = PUBLISHED_NAMES.map((names) => at(headers, names, text));
  const wanted = new Set(extra.map(normalizeName));
  const configured = headers.flatMap((h, i) => (wanted.has(normalizeName(h)) && i !== text ? [i] : []));
  return [...new Set([...named, ...configured])].filter((i) => i !== -1);
}

function columnsOf(headers: string[], text: number, extra: string[]): Layout {
  const date = at(headers, DATE_NAMES, text);
  const time = at(headers, TIME_NAMES, text);
  return {
    names: headers.map((h) => h.trim()),
    published: publishedColumns(headers, text, extra),
    image: at(headers, IMAGE_NAMES, text),
    alt: at(headers, ALT_TEXT_NAMES, text),
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
const HEADERLESS: Omit<Layout, 'text'> = { header: false, date: -1, time: -1, network: -1, link: -1, id: -1, names: [], published: [], image: -1, alt: -1 };

function layoutOf(first: string[], textColumn: string | undefined, extra: string[]): Layout | { problem: string } {
  const headerLike = first.some(isKnownName) && !DATE_LIKE.test(first[0] ?? '');
  if (textColumn !== undefined && /^\d+$/.test(textColumn)) {
    const index = Number(textColumn) - 1;
    if (index < 0 || index >= first.length) return { problem: `--text-column ${textColumn}: the first row has ${first.length} column(s)` };
    return headerLike ? columnsOf(first, index, extra) : { ...HEADERLESS, text: index };
  }
  if (textColumn !== undefined) {
    const index = first.findIndex((c) => normalizeName(c) === normalizeName(textColumn));
    if (index === -1) return { problem: `no column named "${textColumn}" (first row: ${listColumns(first)})` };
    return columnsOf(first, index, extra);
  }
  if (headerLike) {
    const text = findName(first, TEXT_NAMES);
    if (text !== -1) return columnsOf(first, text, extra);
    return { problem: `cannot tell which column holds the post text (columns: ${listColumns(first)}); choose one with --text-column` };
  }
  if (first.length >= 2 && DATE_LIKE.test(first[0]!)) {
    const link = first.length >= 3 ? 2 : -1;
    return { ...HEADERLESS, text: 1, date: 0, link, published: link === -1 ? [] : [link] };
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
  const parts = [{ name: layout.names[layout.text] || 'Message', value: message }];
  for (const i of layout.published) {
    const value = field(record, i);
    // A link already in the message is not posted twice.
    if (i === layout.link && message.includes(value)) continue;
    parts.push({ name: layout.names[i] || (i === layout.link ? 'Link' : `column ${i + 1}`), value });
  }
  const { text, fields } = joinFields(parts);
  if (text.trim().length === 0) return fail('empty post (no text to screen)');
  const size = Buffer.byteLength(text);
  if (size > maxBytes) return fail(overLimit(size, maxBytes, 'post'));
  const meta: Record<string, string | number> = { row: record.row, line: record.line };
  const date = [field(record, layout.date), field(record, layout.time)].filter(Boolean).join(' ');
  if (date) meta.date = date;
  if (field(record, layout.network)) meta.network = field(record, layout.network);
  if (link) meta.link = link;
  const missingAlt = field(record, layout.image) !== '' && field(record, layout.alt) === '';
  const post: PostInput = { source, id: field(record, layout.id) || `row ${record.row}`, text, meta, ...(fields.length ? { fields } : {}), ...(missingAlt ? { notes: [MISSING_ALT_TEXT] } : {}) };
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
        const decided = layoutOf(item.record.fields, options.textColumn, options.fields ?? []);
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
