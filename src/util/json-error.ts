/**
 * Where JSON.parse gave up, as line and column: Node's messages do not always carry a position
 * ("Unexpected token ']', ..."), so a small recursive-descent check finds the first bad character.
 */

class JsonScan {
  private i = 0;
  constructor(private readonly text: string) {}

  private space(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i += 1;
  }

  private fail(): never {
    throw this.i;
  }

  private literal(word: string): void {
    if (this.text.startsWith(word, this.i)) this.i += word.length;
    else this.fail();
  }

  private string(): void {
    this.i += 1;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined || c < ' ') this.fail();
      if (c === '"') break;
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (e === 'u' ? !/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6)) : !'"\\/bfnrt'.includes(e ?? 'x')) this.fail();
        this.i += e === 'u' ? 6 : 2;
      } else this.i += 1;
    }
    this.i += 1;
  }

  private number(): void {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 400));
    if (!m) this.fail();
    this.i += m[0].length;
  }

  private list(close: string, item: () => void): void {
    this.i += 1;
    this.space();
    if (this.text[this.i] === close) {
      this.i += 1;
      return;
    }
    for (;;) {
      item();
      this.space();
      const c = this.text[this.i];
      if (c === close) break;
      if (c !== ',') this.fail();
      this.i += 1;
      this.space();
    }
    this.i += 1;
  }

  value(): void {
    this.space();
    const c = this.text[this.i];
    if (c === '{') {
      this.list('}', () => {
        if (this.text[this.i] !== '"') this.fail();
        this.string();
        this.space();
        if (this.text[this.i] !== ':') this.fail();
        this.i += 1;
        this.value();
      });
    } else if (c === '[') this.list(']', () => this.value());
    else if (c === '"') this.string();
    else if (c === 't') this.literal('true');
    else if (c === 'f') this.literal('false');
    else if (c === 'n') this.literal('null');
    else this.number();
  }

  /** Offset of the first error, or undefined if the text is valid JSON. */
  firstError(): number | undefined {
    try {
      this.value();
      this.space();
      return this.i < this.text.length ? this.i : undefined;
    } catch (at) {
      return at as number;
    }
  }
}

/** "at line 4, column 3" for invalid JSON; empty when no position can be found. */
export function jsonErrorPosition(text: string): string {
  const at = new JsonScan(text).firstError();
  if (at === undefined) return '';
  const before = text.slice(0, at);
  return `at line ${before.split('\n').length}, column ${at - before.lastIndexOf('\n')}`;
}

/** A one-line description of why `text` is not JSON. */
export function describeJsonError(text: string, err: Error): string {
  const where = jsonErrorPosition(text);
  const what = err.message
    .split('\n')[0]!
    .replace(/,\s*(?:\.\.\.)?".*$/, '')
    .replace(/ (in )?JSON at position \d+/, (_m, inWord?: string) => (inWord ? '' : ' JSON'))
    .trim();
  return where ? `${where}: ${what}` : what;
}
