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

export const MEGABYTE = 1 << 20;

/** `unit` repeated to exactly `size` characters. */
export function repeatTo(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/**
 * A worst-case input of a given size: `head`, then `fill` repeated, then `tail`, `size` characters in
 * all. A long run after a keyword ("SSN" + spaces) is what makes a backtracking regex retry.
 */
export function worstCase(fill: string, head = '', tail = 'x'): (size: number) => string {
  return (size) => head + repeatTo(fill, size - head.length - tail.length) + tail;
}

/** Sizes of the complexity guard, as fractions of 1 MB: small steps first, so a quadratic pass fails in seconds, not hours. */
const GUARD_SIZES = [1 / 256, 1 / 64, 1 / 16, 1 / 4, 1 / 2, 1];
/** Added to every time: at a few milliseconds, scheduling noise dwarfs any growth. */
const NOISE_FLOOR_MS = 4;
/** Measurements of a step that looks too steep, before it counts: another process can slow any one run. */
const ATTEMPTS = 3;

/**
 * A complexity guard, not a speed limit: times `run` (CPU time) on inputs of ¼, ½ and 1 MB (and
 * smaller ones before them) and fails when the time grows faster than the input beyond noise: more
 * than 3.5× for twice the input (linear gives 2, quadratic 4) or 8× for four times (4 and 16). A step
 * that looks too steep is measured again (best of three) before it fails. Nothing here depends on how
 * fast the machine is.
 */
export function expectLinearTime<T>(make: (size: number) => T, run: (input: T) => unknown): void {
  const times: Array<{ size: number; ms: number; input: T }> = [];
  for (const fraction of GUARD_SIZES) {
    const size = Math.round(fraction * MEGABYTE);
    const current = { size, input: make(size), ms: 0 };
    current.ms = cpuMilliseconds(() => run(current.input));
    const previous = times[times.length - 1];
    if (previous) {
      const allowed = size / previous.size === 2 ? 3.5 : 8;
      const growth = (): number => (current.ms + NOISE_FLOOR_MS) / (previous.ms + NOISE_FLOOR_MS);
      for (let attempt = 1; attempt < ATTEMPTS && growth() > allowed; attempt++) {
        previous.ms = Math.min(previous.ms, cpuMilliseconds(() => run(previous.input)));
        current.ms = Math.min(current.ms, cpuMilliseconds(() => run(current.input)));
      }
      if (growth() > allowed) {
        const shown = [...times, current].map((t) => `${(t.size / 1024).toFixed(0)} KB: ${t.ms.toFixed(1)} ms`).join(', ');
        throw new Error(`time grows faster than the input: ${shown} (×${growth().toFixed(1)} for ×${size / previous.size} the input)`);
      }
      // Only the last input is needed for the next step.
      times.length = 0;
    }
    times.push(current);
  }
}
