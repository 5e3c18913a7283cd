import type { Hit, PostDocument, ScreenConfig, Screener } from '../src/types';
import { buildDocument } from '../src/text/document';
import { foldText } from '../src/text/fold';
import { splitSentences, tokenize } from '../src/text/tokens';

export interface ShownHit extends Hit {
  /** The original text the hit points at. */
  excerpt: string;
}

/** Runs one screener on a text, as the pipeline would, and returns its hits with their excerpts. */
export function screen(screener: Screener, text: string, config: ScreenConfig = {}): ShownHit[] {
  return screener.check(buildDocument(text), config).map((h) => ({ ...h, excerpt: text.slice(h.offset, h.offset + h.length) }));
}

/** The excerpts a screener flags in a text. */
export function flagged(screener: Screener, text: string, config: ScreenConfig = {}): string[] {
  return screen(screener, text, config).map((h) => h.excerpt);
}

/** A document built without language detection, so timing tests measure the screener alone. */
export function bareDocument(raw: string): PostDocument {
  const folded = foldText(raw);
  return { raw, folded, tokens: tokenize(folded.text), sentences: splitSentences(raw), language: { code: 'eng', supported: true, reason: 'test' } };
}

/** CPU time of a call, so a busy machine does not fail a speed test. */
export function cpuMilliseconds(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Screens a large document twice (after a warm-up on a small one) and returns the faster run's CPU time
 * and hits: CPU time, best of two, so other processes on a busy machine do not fail a speed test, while a
 * quadratic pass would still take minutes.
 */
export function fastestRun(screener: Screener, doc: PostDocument, warmUp: string, config: ScreenConfig = {}): { ms: number; hits: Hit[] } {
  screener.check(buildDocument(warmUp), config);
  const runs = [0, 1].map(() => {
    let hits: Hit[] = [];
    const ms = cpuMilliseconds(() => (hits = screener.check(doc, config)));
    return { ms, hits };
  });
  return runs[0]!.ms <= runs[1]!.ms ? runs[0]! : runs[1]!;
}

/** Times below this count as this much in a growth guard: on fast inputs noise would look like growth. */
const GROWTH_FLOOR_MS = 30;

/**
 * Complexity guard: CPU time of a screener on `unit` repeated to ¼, ½ and the full size (1 MB). Returns
 * how much longer the full size took than the quarter: linear work gives about 4, quadratic about 16. No
 * absolute time is compared, and the wide margin between the two keeps a busy machine from failing it.
 */
export function growthRatio(screener: Screener, unit: string, config: ScreenConfig = {}, size = 1 << 20): number {
  const sizes = [size >> 2, size >> 1, size];
  const docs = sizes.map((n) => bareDocument(unit.repeat(Math.ceil(n / unit.length)).slice(0, n)));
  screener.check(docs[0]!, config);
  // The faster of two runs per size: a pause of the machine or the collector in one run is not growth.
  const fastest = (doc: PostDocument): number => Math.min(cpuMilliseconds(() => screener.check(doc, config)), cpuMilliseconds(() => screener.check(doc, config)));
  const times = docs.map((doc) => Math.max(GROWTH_FLOOR_MS, fastest(doc)));
  return times[2]! / times[0]!;
}

/**
 * Largest growth from ¼ to the full size a linear pass may show: linear ≈ 4 (measured 4–9 on a loaded
 * two-core machine, where collector pauses land in some runs), quadratic ≈ 16.
 */
export const LINEAR_GROWTH = 10;
