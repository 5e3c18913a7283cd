import { CsvParser, detectDelimiter, type CsvItem } from '../../src/inputs/csv-parser';

function parse(text: string, chunkSize = text.length || 1): CsvItem[] {
  const parser = new CsvParser(10_000);
  const out: CsvItem[] = [];
  for (let i = 0; i < text.length; i += chunkSize) out.push(...parser.push(text.slice(i, i + chunkSize)));
  return [...out, ...parser.end()];
}

const fields = (items: CsvItem[]): string[][] => items.flatMap((i) => ('record' in i ? [i.record.fields] : []));

describe('CsvParser', () => {
  const sample = 'Date,Message\r\n2024-05-01,"Join us!\r\nFree food, music"\r\n\r\n2024-05-02,"She said ""hi"""\r\n2024-05-03,plain,\n';

  it('reads quoted fields with line breaks, doubled quotes, CRLF and a trailing empty field', () => {
    expect(fields(parse(sample))).toEqual([
      ['Date', 'Message'],
      ['2024-05-01', 'Join us!\r\nFree food, music'],
      ['2024-05-02', 'She said "hi"'],
      ['2024-05-03', 'plain', ''],
    ]);
  });

  it('numbers rows as a spreadsheet does and keeps the line each record starts on', () => {
    const at = parse(sample).map((i) => ('record' in i ? [i.record.row, i.record.line] : []));
    expect(at).toEqual([[1, 1], [2, 2], [3, 5], [4, 6]]);
  });

  it('gives the same records however the text is split into chunks', () => {
    const whole = parse(sample);
    for (const size of [1, 2, 3, 7]) expect(parse(sample, size)).toEqual(whole);
  });

  it('reports a malformed record and goes on at the next line', () => {
    const items = parse('a,b\n1,"x"y\n2,ok\n');
    expect(items[1]).toEqual({ bad: { problem: 'unexpected "y" after a closing quote', line: 2, row: 2 } });
    expect(fields(items)).toEqual([['a', 'b'], ['2', 'ok']]);
  });

  it('reports a quote never closed at its row, then reads the lines after it', () => {
    const items = parse('a,b\n1,"never closed\n2,ok\n');
    expect(items[1]).toEqual({ bad: { problem: 'a quoted field is never closed', line: 2, row: 2 } });
    expect(fields(items)).toEqual([['a', 'b'], ['2', 'ok']]);
  });

  it('keeps quotes inside an unquoted field, as spreadsheets do', () => {
    expect(fields(parse('a,b\n1,5" screen\n'))).toEqual([['a', 'b'], ['1', '5" screen']]);
  });

  it('detects semicolon and tab delimiters from the first line', () => {
    expect(detectDelimiter('Date;Message;Network')).toBe(';');
    expect(detectDelimiter('Date\tMessage')).toBe('\t');
    expect(detectDelimiter('"a;b",c')).toBe(',');
    expect(fields(parse('Date;Message\n2024;Hello, world\n'))).toEqual([['Date', 'Message'], ['2024', 'Hello, world']]);
  });

  it('follows an Excel "sep=" line and skips it', () => {
    const items = parse('sep=;\r\nDate;Message\r\n2024;Hello, world\r\n');
    expect(fields(items)).toEqual([['Date', 'Message'], ['2024', 'Hello, world']]);
    expect(items.map((i) => ('record' in i ? i.record.line : 0))).toEqual([2, 3]);
  });

  it('a record over the limit is one error; the rows after it keep their numbers, however the text is chunked (issue 13 item 7)', () => {
    const text = `Message,Date\n"${'word '.repeat(40)}\nmore words, still quoted",2024\nok row,2024\n"x, y",2025\n`;
    // Streamed in chunks smaller than the record (a whole text already in memory is read as it is).
    for (const chunk of [7, 64]) {
      const parser = new CsvParser(50);
      const items: CsvItem[] = [];
      for (let i = 0; i < text.length; i += chunk) items.push(...parser.push(text.slice(i, i + chunk)));
      items.push(...parser.end());
      expect(items.filter((i) => 'bad' in i)).toEqual([{ bad: { row: 2, line: 2, problem: expect.stringMatching(/longer than 50 characters: not screened/) } }]);
      expect(items.flatMap((i) => ('record' in i ? [[i.record.row, i.record.line, ...i.record.fields]] : []))).toEqual([
        [1, 1, 'Message', 'Date'],
        [3, 4, 'ok row', '2024'],
        [4, 5, 'x, y', '2025'],
      ]);
    }
  });

  it('an unclosed quote over the limit is one error, never a phantom record', () => {
    const parser = new CsvParser(20);
    const items = [...parser.push(`a,b\n1,"${'x'.repeat(30)}\n2,ok\n`), ...parser.end()];
    expect(items.filter((i) => 'bad' in i)).toHaveLength(1);
    expect(items[1]).toMatchObject({ bad: { row: 2, line: 2 } });
    expect(fields(items)).toEqual([['a', 'b']]);
  });

  it('an unclosed quote in a short file still resumes at the next line', () => {
    expect(fields(parse('a,b\n1,"never closed\n2,ok\n'))).toContainEqual(['2', 'ok']);
  });

  it('reads a quoted field after a space that follows the comma (`a, "b, c"`)', () => {
    expect(fields(parse('Message,Date\n"Hi, all", "2024-05-01, 10:00"\nplain, text\n'))).toEqual([
      ['Message', 'Date'],
      ['Hi, all', '2024-05-01, 10:00'],
      ['plain', ' text'],
    ]);
  });
});
