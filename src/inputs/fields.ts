import type { PostField, PostNote } from '../types';

/**
 * Field and column names that scheduling tools and exports use, shared by the JSON and CSV readers.
 * Names are compared normalized: lower case, letters and digits only ("Post Text" = "posttext").
 */

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** In order of preference. */
export const TEXT_NAMES = ['message', 'text', 'post', 'posttext', 'messagetext', 'content', 'body', 'caption', 'tweet', 'status', 'copy'];
export const DATE_NAMES = ['date', 'datetime', 'scheduled', 'scheduledat', 'scheduleddate', 'scheduledtime', 'publishat', 'publishdate', 'postingtime', 'postat', 'sendat'];
export const TIME_NAMES = ['time', 'scheduledtime', 'posttime'];
export const NETWORK_NAMES = ['network', 'socialnetwork', 'platform', 'profile', 'channel', 'service', 'account', 'socialprofile'];
export const LINK_NAMES = ['link', 'url', 'linkurl'];
export const ID_NAMES = ['id', 'postid', 'messageid'];
/** Published beside the message, so screened too (Hootsuite, Sprout Social and Buffer exports name them so). */
export const TITLE_NAMES = ['title', 'headline', 'subject', 'linktitle'];
export const ALT_TEXT_NAMES = ['imagealttext', 'alttext', 'alt', 'imagealt', 'mediaalttext', 'imagedescription', 'altdescription', 'mediadescription'];
export const COMMENT_NAMES = ['firstcomment', 'firstcommenttext', 'comment'];
/** An image or media attachment: a row with one and no alt text gets an accessibility note. */
export const IMAGE_NAMES = ['image', 'imageurl', 'images', 'media', 'mediaurl', 'mediaurls', 'photo', 'photourl', 'picture', 'attachment', 'attachmenturl'];

const KNOWN = new Set([...TEXT_NAMES, ...DATE_NAMES, ...TIME_NAMES, ...NETWORK_NAMES, ...LINK_NAMES, ...ID_NAMES, ...TITLE_NAMES, ...ALT_TEXT_NAMES, ...COMMENT_NAMES, ...IMAGE_NAMES]);

export function isKnownName(name: string): boolean {
  return KNOWN.has(normalizeName(name));
}

/** Index of the first of `names` among `headers` (normalized), in preference order; -1 if none. */
export function findName(headers: string[], names: readonly string[]): number {
  const normalized = headers.map(normalizeName);
  for (const name of names) {
    const i = normalized.indexOf(name);
    if (i !== -1) return i;
  }
  return -1;
}

/** A value worth reporting as meta: a non-empty string or a number. */
export function metaValue(value: unknown): string | number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return undefined;
}

/** The published fields besides the message, in the order they are joined after it. */
export const PUBLISHED_NAMES: ReadonlyArray<readonly string[]> = [TITLE_NAMES, LINK_NAMES, ALT_TEXT_NAMES, COMMENT_NAMES];

/** Fields of a post joined into the one text the screeners read, a blank line apart, with where each sits. */
export function joinFields(parts: Array<{ name: string; value: string }>): { text: string; fields: PostField[] } {
  let text = '';
  const fields: PostField[] = [];
  for (const { name, value } of parts) {
    if (value.trim() === '') continue;
    if (text) text += '\n\n';
    fields.push({ name, offset: text.length, length: value.length });
    text += value;
  }
  return { text, fields };
}

/** WCAG 2.1 1.1.1: an image posted without a text alternative. */
export const MISSING_ALT_TEXT: PostNote = {
  id: 'accessibility/missing-alt-text',
  message: 'The post has an image but no alt text: people who use screen readers get nothing from it.',
  suggestion: 'Add alt text that says what the image shows (in the scheduling tool\'s alt-text field).',
  standard: 'WCAG 2.1 success criterion 1.1.1 (Non-text Content), which the ADA Title II rule (28 CFR 35.200) requires of a city\'s web content, its social media posts included',
};
