/**
 * A streaming CSV parser (RFC 4180, as spreadsheets and scheduling tools write it) that keeps the line
 * each record starts on and recovers from a malformed record: the record is reported and parsing
 * resumes at the next line. Quotes inside an unquoted field are kept as they are, as spreadsheets do.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts. */
  line: number;
  /** 1-based record number, the header included: the row number a spreadsheet shows. */
  row: number;
}

export type CsvItem = { record: CsvRecord } | { bad: { problem: string; line: number; row: number } };

type Scan = { kind: 'record'; fields: string[]; end: number } | { kind: 'partial' } | { kind: 'bad'; problem: string; resume: number };

const PARTIAL: Scan = { kind: 'partial' };
const DELIMITERS = [',', ';', '\t'];

/** The delimiter used most often, outside quotes, in the first line; a comma when none is. */
export function detectDelimiter(firstLine: string): string {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

class RecordScanner {
  constructor(
    private readonly text: string,
    private readonly delimiter: string,
    private readonly final: boolean,
  ) {}

  /** Index just after the line break that ends the line containing `i`; undefined if it has not arrived yet. */
  private lineEnd(i: number): number | undefined {
    const nl = this.text.indexOf('\n', i);
    if (nl !== -1) return nl + 1;
    return this.final ? this.text.length : undefined;
  }

  private bad(problem: string, resumeFrom: number): Scan {
    const resume = this.lineEnd(resumeFrom);
    return resume === undefined ? PARTIAL : { kind: 'bad', problem, resume };
  }

  /** After a record's last field: its line break (\n, \r\n or \r) or the end of the text. */
  private endRecord(fields: string[], i: number): Scan {
    const { text } = this;
    if (i >= text.length) return this.final ? { kind: 'record', fields, end: i } : PARTIAL;
    if (text[i] === '\n') return { kind: 'record', fields, end: i + 1 };
    if (i + 1 >= text.length && !this.final) return PARTIAL;
    return { kind: 'record', fields, end: text[i + 1] === '\n' ? i + 2 : i + 1 };
  }

  /** A quoted field starting at `i`: its value and the index after the closing quote. */
  private quoted(i: number): { value: string; next: number } | 'partial' | 'unclosed' {
    const { text } = this;
    let value = '';
    let from = i + 1;
    for (;;) {
      const q = text.indexOf('"', from);
      if (q === -1) return this.final ? 'unclosed' : 'partial';
      value += text.slice(from, q);
      if (q + 1 >= text.length && !this.final) return 'partial';
      if (text[q + 1] !== '"') return { value, next: q + 1 };
      value += '"';
      from = q + 2;
    }
  }

  private unquotedEnd(i: number): number {
    const { text, delimiter } = this;
    let j = i;
    while (j < text.length) {
      const c = text[j];
      if (c === delimiter || c === '\n' || c === '\r') break;
      j += 1;
    }
    return j;
  }

  scan(start: number): Scan {
    const { text, delimiter } = this;
    const fields: string[] = [];
    let i = start;
    for (;;) {
      let end: number;
      // Spaces before a quoted field (`a, "b, c"`), as some exports write: the quotes still count.
      const lead = /^[ \t]+"/.exec(text.slice(i, i + 64));
      if (lead && delimiter !== ' ' && delimiter !== '\t') i += lead[0].length - 1;
      if (text[i] === '"') {
        const q = this.quoted(i);
        if (q === 'partial') return PARTIAL;
        if (q === 'unclosed') return this.bad('a quoted field is never closed', start);
        fields.push(q.value);
        end = q.next;
        const c = text[end];
        if (end < text.length && c !== delimiter && c !== '\n' && c !== '\r') return this.bad(`unexpected ${JSON.stringify(c)} after a closing quote`, end);
      } else {
        end = this.unquotedEnd(i);
        if (end >= text.length && !this.final) return PARTIAL;
        fields.push(text.slice(i, end));
      }
      if (end < text.length && text[end] === delimiter) {
        i = end + 1;
        continue;
      }
      return this.endRecord(fields, end);
    }
  }
}

export class CsvParser {
  private text = '';
  /** Line number of text[0]. */
  private line = 1;
  private row = 0;
  /**
   * Set while the rest of a record over the size limit is being passed over: whether the scan is
   * inside quotes. The record is reported once and the rows after it keep their numbers.
   */
  private skipping: { inQuotes: boolean } | undefined;

  constructor(
    /** A record longer than this is taken as a quote never closed: it is reported and parsing resumes. */
    private readonly maxRecordChars: number,
    private delimiter?: string,
  ) {}

  push(chunk: string): CsvItem[] {
    this.text += chunk;
    return this.drain(false);
  }

  end(): CsvItem[] {
    return this.drain(true);
  }

  private skipBlankLines(pos: number, final: boolean): number {
    const { text } = this;
    for (;;) {
      if (text[pos] === '\n') pos += 1;
      else if (text[pos] === '\r' && text[pos + 1] === '\n') pos += 2;
      else if (text[pos] === '\r' && (pos + 1 < text.length || final)) pos += 1;
      else return pos;
      this.line += 1;
    }
  }

  /** Decides the delimiter from the first line; Excel's "sep=;" line names it and is skipped. Returns where records start. */
  private decideDelimiter(pos: number, final: boolean): number | undefined {
    const nl = this.text.indexOf('\n', pos);
    if (nl === -1 && !final) return undefined;
    const firstLine = this.text.slice(pos, nl === -1 ? undefined : nl).replace(/\r$/, '');
    const hint = /^sep=(.)$/.exec(firstLine);
    this.delimiter = hint ? hint[1]! : detectDelimiter(firstLine);
    if (!hint) return pos;
    this.line += 1;
    return nl === -1 ? this.text.length : nl + 1;
  }

  private scanAt(pos: number, final: boolean): Scan | 'over' {
    const scan = new RecordScanner(this.text, this.delimiter!, final).scan(pos);
    if (scan.kind !== 'partial' || this.text.length - pos <= this.maxRecordChars) return scan;
    return 'over';
  }

  /**
   * Passes over the rest of a record too long to hold: to the first line break outside quotes
   * (a quote toggles; a doubled quote toggles twice). Returns where the next record starts, or
   * undefined when the record goes on past the text received so far.
   */
  private skipFrom(pos: number): number | undefined {
    const state = this.skipping!;
    const { text } = this;
    for (let i = pos; i < text.length; i += 1) {
      const c = text[i];
      if (c === '"') state.inQuotes = !state.inQuotes;
      else if (c === '\n') {
        this.line += 1;
        if (!state.inQuotes) {
          this.skipping = undefined;
          return i + 1;
        }
      }
    }
    return undefined;
  }

  private drain(final: boolean): CsvItem[] {
    const out: CsvItem[] = [];
    let pos = 0;
    for (;;) {
      if (this.skipping) {
        const next = this.skipFrom(pos);
        if (next === undefined) {
          // Nothing of an over-long record is kept: only whether the scan is inside quotes.
          pos = this.text.length;
          if (final) this.skipping = undefined;
          break;
        }
        pos = next;
      }
      pos = this.skipBlankLines(pos, final);
      if (this.delimiter === undefined) {
        const start = this.decideDelimiter(pos, final);
        if (start === undefined) break;
        pos = this.skipBlankLines(start, final);
      }
      if (pos >= this.text.length) break;
      const scan = this.scanAt(pos, final);
      if (scan === 'over') {
        this.row += 1;
        out.push({ bad: { problem: `record is longer than ${this.maxRecordChars} characters: not screened (a quote never closed, or a field over the size limit?)`, line: this.line, row: this.row } });
        // The loop passes over the rest of it, from its start, keeping the line count.
        this.skipping = { inQuotes: false };
        continue;
      }
      if (scan.kind === 'partial') break;
      this.row += 1;
      const at = { line: this.line, row: this.row };
      const end = scan.kind === 'record' ? scan.end : scan.resume;
      this.line += countNewlines(this.text, pos, end);
      out.push(scan.kind === 'record' ? { record: { fields: scan.fields, ...at } } : { bad: { problem: scan.problem, ...at } });
      pos = end;
    }
    this.text = this.text.slice(pos);
    return out;
  }
}
