import type { Span } from '../types';

/**
 * Finding links in the original text: scheme URLs (http://, https://), www. addresses and bare domains
 * with a known top-level domain ("example.com/path", "t.co/x"). E-mail addresses are not links. Shared by
 * the links (6.1.11) and commercial (6.1.6) screeners.
 */

export interface FoundUrl extends Span {
  /** The link as written, without trailing sentence punctuation or an unbalanced closing bracket. */
  url: string;
  /** Lowercase host name, without port, user info or trailing dot. */
  host: string;
}

// Characters that end a link: white space, angle brackets, straight quotes, curly double quotes, guillemets.
const LINK_CHARS = '[^\\s<>"\'`“”«»]';

/** One compiled regex per list of top-level domains (the lexicon's list, the same array on every call). */
function cachedFinder(cache: WeakMap<readonly string[], RegExp>, bareTlds: readonly string[], build: () => RegExp): RegExp {
  let regex = cache.get(bareTlds);
  if (!regex) cache.set(bareTlds, (regex = build()));
  return regex;
}

const compiledFinders = new WeakMap<readonly string[], RegExp>();

/**
 * One pass over the text. A link may not start right after a word character, '@', '.', '/' or '-', so the
 * scanner starts once per word and never inside an e-mail address or a longer dotted chain: each word is
 * read once, whatever it contains. Labels cannot contain dots, so the dotted chain has one way to split.
 */
function finder(bareTlds: readonly string[]): RegExp {
  return cachedFinder(compiledFinders, bareTlds, () => {
    const scheme = `(?:https?:\\/\\/|www\\.)${LINK_CHARS}+`;
    const bare = `[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:${bareTlds.join('|')})(?![\\w-])(?:[\\/?#]${LINK_CHARS}*)?`;
    return new RegExp(`(?<![\\w@./-])(?:${scheme}|${bare})`, 'gi');
  });
}

const MAYBE_LINK = /\.[a-z]/i;

const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', '…', '*', '’', '‘']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Drops sentence punctuation and closing brackets that were not opened inside the link ("(see x.gov/a)."). */
function trimLink(link: string): string {
  const balance: Record<string, number> = { '(': 0, '[': 0, '{': 0 };
  for (let i = 0; i < link.length; i++) {
    const ch = link[i]!;
    const open = CLOSERS[ch];
    if (open !== undefined) balance[open]!--;
    else if (ch in balance) balance[ch]!++;
  }
  let end = link.length;
  while (end > 0) {
    const last = link[end - 1]!;
    const open = CLOSERS[last];
    if (open !== undefined && balance[open]! < 0) balance[open]!++;
    else if (!TRAILING_PUNCTUATION.has(last)) break;
    end--;
  }
  return link.slice(0, end);
}

/**
 * The host of a link: between the scheme (if any) and the first '/', '\\', '?' or '#'; no user info or
 * port. Browsers read a backslash as a slash, so "https://evil.com\\@city.gov" goes to evil.com.
 */
export function hostOf(link: string): string {
  const afterScheme = link.replace(/^[a-z][a-z0-9+.-]*:[/\\]{2}/i, '');
  const authority = afterScheme.split(/[/\\?#]/, 1)[0] ?? '';
  const host = authority.slice(authority.lastIndexOf('@') + 1).replace(/:\d*$/, '');
  let end = host.length;
  while (end > 0 && host[end - 1] === '.') end--;
  return host.slice(0, end).toLowerCase();
}

const SCHEME_OR_WWW = /^(?:https?:\/\/|www\.)/i;
// "at the park.Info desk": a lowercase word, a period and a capitalized word is a missing space, not a link.
const MISSING_SPACE = /\p{Ll}\.\p{Lu}\p{Ll}+$/u;

/** Every link in `raw`, in order, disguised ones included. `bareTlds` are the top-level domains a link without scheme or www. may end in. */
export function findUrls(raw: string, bareTlds: readonly string[]): FoundUrl[] {
  const plain = plainUrls(raw, bareTlds);
  const disguised = disguisedUrls(raw, bareTlds);
  return disguised.length === 0 ? plain : mergedLinks(plain, disguised);
}

/**
 * Both lists (each in text order, each without overlaps) as one in text order, without the disguised
 * links that overlap a plain one: one pass over each, so a post full of both stays linear.
 */
function mergedLinks(plain: FoundUrl[], disguised: FoundUrl[]): FoundUrl[] {
  const merged: FoundUrl[] = [];
  let p = 0;
  for (const link of disguised) {
    while (p < plain.length && plain[p]!.offset + plain[p]!.length <= link.offset) merged.push(plain[p++]!);
    const next = plain[p];
    if (next === undefined || link.offset + link.length <= next.offset) merged.push(link);
  }
  while (p < plain.length) merged.push(plain[p++]!);
  return merged;
}

function plainUrls(raw: string, bareTlds: readonly string[]): FoundUrl[] {
  const found: FoundUrl[] = [];
  // Every link has a dot followed by a letter (".gov", "www.x"): most posts have none and skip the scan.
  if (!MAYBE_LINK.test(raw)) return found;
  for (const m of raw.matchAll(finder(bareTlds))) {
    const offset = m.index ?? 0;
    // "jane.doe.com@x" style: a bare match that runs into '@' is the name part of an e-mail address.
    if (raw[offset + m[0].length] === '@') continue;
    const url = trimLink(m[0]);
    if (!SCHEME_OR_WWW.test(url) && MISSING_SPACE.test(url)) continue;
    const host = hostOf(url);
    if (host.length === 0 || !host.includes('.')) continue;
    found.push({ offset, length: url.length, url, host });
  }
  return found;
}

// ---------------------------------------------------------------- disguised links

/**
 * What a disguised dot may be: "[.]", "(.)", "{.}", "[dot]", "(dot)", "[punto]", a dot with a space on
 * either side ("tinyurl . com") — or a plain dot, so a host may mix both ("www.site . com").
 */
const DISGUISED_DOT = String.raw`(?:\s?(?:\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[punto\]|\(punto\))\s?|\s\.\s?|\.\s|\.)`;
/** A scheme spelled out letter by letter or defanged: "h t t p s : / /", "hxxps://". */
const DISGUISED_SCHEME = String.raw`(?:h\s?[tx]\s?[tx]\s?p\s?s?\s?:\s?\/\s?\/\s?)`;
/** Only what a plain link cannot be: a bracketed dot, a space next to a dot, a spaced or defanged scheme. */
const DISGUISE = /\[|\(|\{|\s\.|\.\s|hxxp|h\s[tx]/i;
/** A bracketed dot or a defanged scheme: a disguise on its own; a spaced dot ("9-5. com") needs a scheme, www. or a path too. */
const STRONG_DISGUISE = /\[|\(|\{|hxxp/i;
/** A label of at most this many more dots: bounds the scan on long "a . b . c …" runs. */
const MAX_DISGUISED_LABELS = 6;

const compiledDisguised = new WeakMap<readonly string[], RegExp>();

function disguisedFinder(bareTlds: readonly string[]): RegExp {
  return cachedFinder(compiledDisguised, bareTlds, () => {
    const label = '[a-z0-9][a-z0-9-]*';
    const host = String.raw`${label}(?:${DISGUISED_DOT}${label}){0,${MAX_DISGUISED_LABELS}}?${DISGUISED_DOT}(${bareTlds.join('|')})(?![\w-])`;
    return new RegExp(String.raw`(?<![\w@./-])(${DISGUISED_SCHEME}|www\s?\.\s?)?${host}((?:\s?\/\s?[\w%-]+){0,8})`, 'gi');
  });
}

/** Undoes the disguise: the link as a browser would need it typed. */
function undisguised(text: string): string {
  return text.replace(/\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)|\[punto\]|\(punto\)/gi, '.').replace(/hxxp/i, 'http').replace(/\s+/g, '');
}

/**
 * Links written to slip past link detection: "h t t p s : / / tinyurl . com / x", "site[.]com",
 * "evil(dot)com/page". A spaced top-level domain must be lowercase, so a sentence break before a
 * capitalised word ("… at the desk . Info sessions") is not read as one.
 */
function disguisedUrls(raw: string, bareTlds: readonly string[]): FoundUrl[] {
  const found: FoundUrl[] = [];
  if (!DISGUISE.test(raw)) return found;
  for (const m of raw.matchAll(disguisedFinder(bareTlds))) {
    const [written, prefix, tld = '', path] = m;
    if (!DISGUISE.test(written) || tld !== tld.toLowerCase()) continue;
    if (!STRONG_DISGUISE.test(written) && !prefix && !path) continue;
    const url = undisguised(written);
    const host = hostOf(url);
    if (!host.includes('.')) continue;
    found.push({ offset: m.index ?? 0, length: written.length, url, host });
  }
  return found;
}

/** A configured domain as a host to match: "https://www.City.gov/news/", "*.city.gov" and ".city.gov" → "city.gov". */
export function normalizeDomain(domain: string): string {
  return hostOf(domain.trim()).replace(/^(?:\*?\.|www\.)/, '');
}

/** True when `host` is one of `domains` or a subdomain of one (www.city.gov is under city.gov). */
export function hostIsUnder(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => d.length > 0 && (host === d || host.endsWith(`.${d}`)));
}
