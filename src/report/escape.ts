/**
 * Text from a post (or a file name) shown to a person: control characters and bidirectional overrides
 * are made visible instead of reaching the terminal or page raw, where a draft could erase report
 * lines, set the window title or reorder what the reviewer reads. Each original UTF-16 unit becomes
 * one display string, so callers can still map findings' offsets onto what is shown.
 */

// C0 controls but tab and line feed, DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// Bidi embeddings, overrides and isolates, and the marks that steer them.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function hex(code: number, digits: number): string {
  return code.toString(16).toUpperCase().padStart(digits, '0');
}

/** The visible form of one UTF-16 unit: `\x1b` for a control, `⟨U+202E⟩` for a bidi control, else itself. */
export function visibleUnit(unit: string): string {
  const code = unit.charCodeAt(0);
  if (CONTROL.test(unit)) return `\\x${hex(code, 2).toLowerCase()}`;
  if (BIDI.test(unit)) return `⟨U+${hex(code, 4)}⟩`;
  return unit;
}

/** `text` with every control and bidi character shown visibly. Line feeds and tabs are left to the caller. */
export function visible(text: string): string {
  return text.replace(UNSAFE, visibleUnit);
}

/** `visible`, with line breaks and tabs as spaces: for one-line fields (file names, ids, messages). */
export function visibleLine(text: string): string {
  return visible(text.replace(/\r\n|[\r\n\t]/g, ' '));
}
