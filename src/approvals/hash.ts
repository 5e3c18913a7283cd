/**
 * The hash an approval is bound to. Normalization only removes what does not change the words a
 * reader sees (Unicode form, line endings, trailing spaces, surrounding blank lines), so any edit
 * to the words makes the approval stale.
 */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

export function contentHash(text: string): string {
  // Loaded on first use (3–6 ms): most runs have no approvals to bind, so hash nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  return createHash('sha256').update(normalizeForHash(text), 'utf8').digest('hex');
}

/** The hash a post's approvals are bound to. */
export function postContentHash(post: { text: string; approvalText?: string }): string {
  return contentHash(post.approvalText ?? post.text);
}
