/**
 * Line numbers of the elements of a JSON document's post array (the root array, or the array under a
 * top-level "posts" key), found by a light scan of the text so each post can be reported with the
 * line it starts on. The text is already known to be valid JSON.
 */

function stringEnd(text: string, from: number): number {
  let i = from + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

function nextNonSpace(text: string, from: number): string | undefined {
  const m = /\S/.exec(text.slice(from, from + 64));
  return m ? m[0] : undefined;
}

export function elementLines(text: string, underKey: string | undefined): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let target = -1;
  let expectElement = false;
  let rootKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line += 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (depth === target && expectElement && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && underKey !== undefined && nextNonSpace(text, end + 1) === ':') rootKey = JSON.parse(text.slice(i, end + 1)) as string;
      for (let k = i; k < end; k++) if (text[k] === '\n') line += 1;
      i = end;
    } else if (c === '[' || c === '{') {
      depth += 1;
      const isTarget = c === '[' && (underKey === undefined ? depth === 1 : depth === 2 && rootKey === underKey);
      if (isTarget) {
        target = depth;
        expectElement = true;
      }
    } else if (c === ']' || c === '}') {
      if (depth === target) target = -1;
      depth -= 1;
    } else if (c === ',' && depth === target) {
      expectElement = true;
    }
  }
  return lines;
}
