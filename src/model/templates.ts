import { readFileSync } from 'node:fs';
import { fnv1a } from './hash';
import { seededRandom } from './logistic';

/**
 * Expands the template files of training/templates/ (data, written for this project) into training
 * rows. A template's `{slot}` is replaced by a random entry of the file's `slots[slot]` (`{Slot}`
 * capitalises it, `{~slot}` lower-cases its first letter; entries may hold slots themselves), `{id}` by
 * a random identity term. Each template draws from its own seeded stream, so editing one template
 * leaves the rows of the others alone; duplicate fills are dropped. Templates only ever sit beside the
 * hand-written rows of training/*.jsonl: they widen vocabulary, they are not the corpus.
 */

export interface TemplateFamily {
  topic: string;
  lang: 'en' | 'es';
  /** Clauses every fill violates ([] = fine to post). */
  clauses: string[];
  /** Fill attempts per template (default: the caller's). */
  fills?: number;
  templates: string[];
}

export interface TemplateFile {
  note: string;
  slots: Record<string, string[]>;
  families: TemplateFamily[];
}

export interface TemplateRow {
  text: string;
  clauses: string[];
  lang: 'en' | 'es';
  /** `template:<file>:<topic>` */
  source: string;
}

const MAX_NESTING = 3;

function fill(template: string, file: TemplateFile, identity: string[], random: () => number, where: string): string {
  let text = template;
  for (let round = 0; round < MAX_NESTING && text.includes('{'); round++) {
    text = text.replace(/\{(~?)(\w+)\}/g, (whole, lower: string, slot: string) => {
      const key = slot[0]!.toLowerCase() + slot.slice(1);
      const options = key === 'id' ? identity : file.slots[key];
      if (!options || options.length === 0) throw new Error(`${where}: unknown slot ${whole} in "${template}"`);
      const value = options[Math.floor(random() * options.length)]!;
      if (lower) return value[0]!.toLowerCase() + value.slice(1);
      return slot[0] === slot[0]!.toUpperCase() ? value[0]!.toUpperCase() + value.slice(1) : value;
    });
  }
  return text;
}

/** "a apple" → "an apple" in English, "a el" → "al" in Spanish, and a capital first letter. */
function tidy(text: string, lang: 'en' | 'es'): string {
  const fixed = lang === 'en' ? text.replace(/\b([Aa]) ([aeiou])/g, '$1n $2') : text.replace(/\ba el\b/g, 'al').replace(/\bde el\b/g, 'del');
  return fixed[0]!.toUpperCase() + fixed.slice(1);
}

export function expandTemplates(path: string, name: string, identity: string[], defaultFills: number, seed: number): TemplateRow[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as TemplateFile;
  const seen = new Set<string>();
  const rows: TemplateRow[] = [];
  for (const family of file.families) {
    for (const template of family.templates) {
      const random = seededRandom(fnv1a(template, seed));
      for (let k = 0; k < (family.fills ?? defaultFills); k++) {
        const text = tidy(fill(template, file, identity, random, `${name}/${family.topic}`), family.lang);
        const key = text.toLowerCase();
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ text, clauses: family.clauses, lang: family.lang, source: `template:${name}:${family.topic}` });
      }
    }
  }
  return rows;
}
