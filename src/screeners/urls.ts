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

const compiledFinders = new WeakMap<readonly string[], RegExp>();

/**
 * One pass over the text. A link may not start right after a word character, '@', '.', '/' or '-', so the
 * scanner starts once per word and never inside an e-mail address or a longer dotted chain: each word is
 * read once, whatever it contains. Labels cannot contain dots, so the dotted chain has one way to split.
 */
function finder(bareTlds: readonly string[]): RegExp {
  let regex = compiledFinders.get(bareTlds);
  if (!regex) {
    const scheme = `(?:https?:\\/\\/|www\\.)${LINK_CHARS}+`;
    const bare = `[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)*\\.(?:${bareTlds.join('|')})(?![\\w-])(?:[\\/?#]${LINK_CHARS}*)?`;
    regex = new RegExp(`(?<![\\w@./-])(?:${scheme}|${bare})`, 'gi');
    compiledFinders.set(bareTlds, regex);
  }
  return regex;
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

/** Every link in `raw`, in order. `bareTlds` are the top-level domains a link without scheme or www. may end in. */
export function findUrls(raw: string, bareTlds: readonly string[]): FoundUrl[] {
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

/** A configured domain as a host to match: "https://www.City.gov/news/", "*.city.gov" and ".city.gov" → "city.gov". */
export function normalizeDomain(domain: string): string {
  return hostOf(domain.trim()).replace(/^(?:\*?\.|www\.)/, '');
}

/** True when `host` is one of `domains` or a subdomain of one (www.city.gov is under city.gov). */
export function hostIsUnder(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => d.length > 0 && (host === d || host.endsWith(`.${d}`)));
}
