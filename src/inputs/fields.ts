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

const KNOWN = new Set([...TEXT_NAMES, ...DATE_NAMES, ...TIME_NAMES, ...NETWORK_NAMES, ...LINK_NAMES, ...ID_NAMES]);

export function isKnownName(name: string): boolean {
  return KNOWN.has(normalizeName(name));
}

/** Index of the first of `names` among `headers` (normalized), in preference order; -1 if none. */
export function findName(headers: string[], names: string[]): number {
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
