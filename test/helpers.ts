import type { Hit, ScreenConfig, Screener } from '../src/types';
import { buildDocument } from '../src/text/document';

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
