import { isMap, isScalar, parseDocument, Scalar } from 'yaml';
import type { ApprovalRecord } from '../types';
import type { Content, InputItem, ReadOptions } from './types';
import { readWhole } from './content';
import { decodeText, DEFAULT_MAX_BYTES } from './decode';
import { DATE_NAMES, findName, metaValue, NETWORK_NAMES, normalizeName, PUBLISHED_NAMES } from './fields';

/**
 * Markdown with YAML front matter: the body and the front matter's published fields (title,
 * description, link, image alt text, first comment, and the config's `fields`) are screened. The rest of the front matter is blanked out (each character a space, line breaks kept),
 * so the post's text has the same length and lines as the file and every finding's line, column and
 * offset point into the original file.
 */

export const SCREENED_FIELDS = ['title', 'description'];

/** Front-matter keys that are published with the body: title, description, link, image alt text, first comment, the config's fields. */
function isScreenedKey(key: string, extra: string[]): boolean {
  const name = normalizeName(key);
  return SCREENED_FIELDS.includes(key) || PUBLISHED_NAMES.some((names) => names.includes(name)) || extra.some((e) => normalizeName(e) === name);
}

const OPEN = /^---[ \t]*(?:\r\n?|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/m;
const LINE_BREAK = /\r\n?|\n/g;

/** Said in the report when a file opens front matter and never closes it: it is screened as plain text. */
export const UNCLOSED_FRONT_MATTER = 'starts with "---" but its front matter is never closed (no closing "---" line): the whole file was screened as text';

interface FrontMatter {
  /** Where the YAML starts (after the opening ---) and ends (before the closing line). */
  from: number;
  to: number;
  /** Just after the closing line. */
  end: number;
}

function findFrontMatter(text: string): FrontMatter | 'unclosed' | undefined {
  const open = OPEN.exec(text);
  if (!open) return undefined;
  const from = open[0].length;
  const close = CLOSE.exec(text.slice(from));
  if (!close) return 'unclosed';
  const to = from + close.index;
  LINE_BREAK.lastIndex = to;
  const nl = LINE_BREAK.exec(text);
  return { from, to, end: nl ? nl.index + nl[0].length : text.length };
}

/** The part of a scalar's source that is its text: without quotes, or a block scalar's header line. */
function valueRange(node: Scalar, source: string): [number, number] | undefined {
  const [start, end] = node.range ?? [];
  if (start === undefined || end === undefined) return undefined;
  if (node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) return [start + 1, end - 1];
  if (node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL) {
    const nl = source.indexOf('\n', start);
    return nl === -1 || nl >= end ? undefined : [nl + 1, end];
  }
  return [start, end];
}

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** The file's text with everything in the front matter blanked except the kept ranges. */
function masked(text: string, fm: FrontMatter, keep: Array<[number, number]>): string {
  let out = '';
  let cursor = 0;
  for (const [from, to] of keep.sort((a, b) => a[0] - b[0])) {
    out += blank(text.slice(cursor, from)) + text.slice(from, to);
    cursor = to;
  }
  return out + blank(text.slice(cursor, fm.end)) + text.slice(fm.end);
}

function yamlProblem(message: string, line: number | undefined): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return line === undefined ? `invalid YAML front matter: ${first}` : `invalid YAML front matter at line ${line}: ${first}`;
}

type Parsed = { text: string; meta: Record<string, string | number>; approvalText?: string; approvals?: ApprovalRecord[] } | { problem: string };

/** Front-matter key under which approvals of this post may be written (see README). */
export const APPROVALS_KEY = 'p5050-approvals';

const APPROVAL_FIELDS = ['clause', 'by', 'reason', 'at', 'contentHash'] as const;

/** Approvals in the front matter, each checked for the fields an approval needs. */
function frontMatterApprovals(value: unknown, source: string): ApprovalRecord[] | string {
  if (!Array.isArray(value)) return `"${APPROVALS_KEY}" must be a list of approvals`;
  const records: ApprovalRecord[] = [];
  for (const [i, item] of value.entries()) {
    const fields = (item ?? {}) as Record<string, unknown>;
    const missing = APPROVAL_FIELDS.filter((k) => fields[k] === undefined || fields[k] === '');
    if (missing.length) return `"${APPROVALS_KEY}" item ${i + 1} is missing ${missing.join(', ')}`;
    const kind = fields.kind === 'exception' ? 'exception' : 'approval';
    const at = fields.at instanceof Date ? fields.at.toISOString() : String(fields.at);
    records.push({
      kind, contentHash: String(fields.contentHash), source, clause: String(fields.clause),
      ...(fields.rule !== undefined ? { rule: String(fields.rule) } : {}),
      by: String(fields.by), reason: String(fields.reason), at,
    });
  }
  return records;
}

export function screenedText(text: string, source = '', extra: string[] = []): Parsed {
  const fm = findFrontMatter(text);
  if (!fm) return { text, meta: {} };
  if (fm === 'unclosed') return { text, meta: { note: UNCLOSED_FRONT_MATTER } };
  // The YAML parser knows \n and \r\n only: a lone \r (old Mac line ends) becomes \n, which keeps every offset.
  const yamlText = text.slice(fm.from, fm.to).replace(/\r(?!\n)/g, '\n');
  const doc = parseDocument(yamlText, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) return { problem: yamlProblem(error.message, error.linePos ? error.linePos[0].line + 1 : undefined) };
  const keep: Array<[number, number]> = [];
  const meta: Record<string, string | number> = {};
  let approvals: ApprovalRecord[] | undefined;
  if (isMap(doc.contents)) {
    const keys = doc.contents.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : ''));
    doc.contents.items.forEach((pair, i) => {
      if (!isScreenedKey(keys[i]!, extra) || !isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const range = valueRange(pair.value, yamlText);
      if (range) keep.push([fm.from + range[0], fm.from + range[1]]);
    });
    for (const [name, names] of [['date', DATE_NAMES], ['network', NETWORK_NAMES]] as const) {
      const i = findName(keys, names);
      const value = i === -1 ? undefined : doc.contents.items[i]!.value;
      const v = isScalar(value) ? metaValue(value.value) : undefined;
      if (v !== undefined) meta[name] = v;
    }
    const approvalsAt = keys.indexOf(APPROVALS_KEY);
    if (approvalsAt !== -1) {
      const found = frontMatterApprovals(doc.contents.items[approvalsAt]!.value?.toJSON?.() ?? null, source);
      if (typeof found === 'string') return { problem: found };
      approvals = found;
    }
  }
  // Approvals are bound to what a reader sees: the kept fields and the body, not the rest of the front matter.
  const approvalText = [...keep.sort((a, b) => a[0] - b[0]).map(([from, to]) => text.slice(from, to)), text.slice(fm.end)].join('\n');
  return { text: masked(text, fm, keep), meta, approvalText, ...(approvals ? { approvals } : {}) };
}

export function* readMarkdown(content: Content, options: ReadOptions): Generator<InputItem> {
  const { source } = content;
  const fail = (message: string): InputItem => ({ error: { source, message } });
  const read = readWhole(content, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if ('problem' in read) return yield fail(read.problem);
  const decoded = decodeText(read.bytes);
  if ('problem' in decoded) return yield fail(decoded.problem);
  const parsed = screenedText(decoded.text, source, options.fields);
  if ('problem' in parsed) return yield fail(parsed.problem);
  if (parsed.text.trim().length === 0) return yield fail('empty post (no text to screen)');
  const { text, meta, approvalText, approvals } = parsed;
  yield { post: { source, id: source, text, ...(Object.keys(meta).length ? { meta } : {}), ...(approvalText !== undefined ? { approvalText } : {}), ...(approvals ? { approvals } : {}) } };
}
