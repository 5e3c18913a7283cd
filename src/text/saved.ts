import { readFileSync } from 'node:fs';

/**
 * A table the build step saved next to the compiled code (dist/fold-cache.json, stem-cache.json,
 * term-cache.json: work a cold start would otherwise do), or `empty` when there is none or it cannot be
 * read — running from source in tests, where the same work is simply done as needed.
 */
export function readSavedTable<T>(file: string, empty: T): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return empty;
  }
}
