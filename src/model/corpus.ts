import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { identityTerms } from './features';
import { fnv1a } from './hash';
import { expandTemplates } from './templates';

/**
 * The training corpus of the judgement heads, as training/sources.json describes it: the team's
 * hand-written rows (training/*.jsonl: text, clauses, lang, source, note), the template files beside
 * them, and the public files of ../shared/train, each informing only the heads its labels speak to.
 * Nothing here reads ../shared/eval except `assertNoEvaluationText`, which refuses a corpus that
 * contains any evaluation text.
 */

export interface HeadSpec {
  /** The head's name: its clause, or a name of its own when two heads judge one clause ("toxicity"). */
  id: string;
  /** The clause its findings name. */
  clause: string;
  description: string;
  /** Rows labelled with any of these clauses are its positives (default: its clause). */
  positives?: string[];
  /** For team-written rows, these instead of `positives`. */
  teamPositives?: string[];
  /** Team-written rows labelled with one of these and no positive clause teach this head nothing either way. */
  teamIgnore?: string[];
  /**
   * 'clean' (default): review threshold from the false-positive rate on clean validation posts, under the
   * budget all such heads share; 'public': chosen on the held-out rows of the public data it learns from
   * (precision first), then raised until it flags at most policy.publicCleanFpr of the clean posts.
   */
  thresholds?: 'clean' | 'public';
  /** Multiplies the weight of public rows for this head (a head that is mostly about public data). */
  publicWeight?: number;
}

/** A row's label for a head: 1, 0, or undefined when the row is not an example for it. */
export function headLabel(head: HeadSpec, row: CorpusRow): 0 | 1 | undefined {
  if (row.informs !== 'all' && !row.informs.includes(head.id)) return undefined;
  const positives = (row.origin === 'team' ? head.teamPositives : undefined) ?? head.positives ?? [head.clause];
  if (row.clauses.some((c) => positives.includes(c))) return 1;
  if (row.origin === 'team' && row.clauses.some((c) => head.teamIgnore?.includes(c))) return undefined;
  return 0;
}

interface PublicSource {
  file: string;
  licence: string;
  heads?: string[];
  positive?: string[];
  bySubtype?: Record<string, string[]>;
  skipSources?: string[];
  negativesFor?: 'all';
  weight: number;
  validationPercent: number;
}

export interface SourcesFile {
  note: string;
  heads: HeadSpec[];
  team: { files: string; weight: number; validationPercent: number };
  templates: Array<{ file: string; weight: number }>;
  public: PublicSource[];
  excluded: Array<{ file: string; why: string }>;
}

export interface CorpusRow {
  text: string;
  /** Clauses the row violates; [] = fine to post. */
  clauses: string[];
  /** Heads the row is an example for: every head, or those listed. */
  informs: 'all' | string[];
  weight: number;
  /** Held out of training; thresholds are chosen on these rows. */
  validation: boolean;
  origin: 'team' | 'template' | 'public';
  lang: string;
  source: string;
}

export interface Corpus {
  heads: HeadSpec[];
  rows: CorpusRow[];
  /** Per input file: name, rows used and sha256-free digest inputs for the card. */
  files: Array<{ file: string; rows: number; licence: string; bytes: Buffer }>;
  excluded: SourcesFile['excluded'];
}

export const REPO_ROOT = join(__dirname, '..', '..');
export const TRAINING_DIR = join(REPO_ROOT, 'training');
export const EVAL_DIR = resolve(REPO_ROOT, '..', 'shared', 'eval');

const VALIDATION_SEED = fnv1a('p5050-validation');
const TEMPLATE_SEED = 5052;
const VALIDATION_BLOCK = 50;
const TEMPLATE_FILLS = 16;

/** The normalisation both the exclusion check and the shared data's README use: lowercase, whitespace collapsed, trimmed. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export function isValidation(text: string, percent: number): boolean {
  return fnv1a(normalizeText(text), VALIDATION_SEED) % 100 < percent;
}

function jsonLines<T>(bytes: Buffer, file: string): T[] {
  return bytes
    .toString('utf8')
    .split('\n')
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, index }) => {
      try {
        return JSON.parse(line) as T;
      } catch (err) {
        throw new Error(`${file}:${index + 1}: ${(err as Error).message}`);
      }
    });
}

interface TeamRow {
  text: string;
  clauses: string[];
  lang: string;
  source: string;
}

function teamRows(sources: SourcesFile, knownClauses: Set<string>, files: Corpus['files']): CorpusRow[] {
  const names = readdirSync(TRAINING_DIR).filter((name) => name.endsWith('.jsonl')).sort();
  return names.flatMap((name) => {
    const bytes = readFileSync(join(TRAINING_DIR, name));
    const rows = jsonLines<TeamRow>(bytes, `training/${name}`);
    files.push({ file: `training/${name}`, rows: rows.length, licence: 'written for p5050 (MIT)', bytes });
    return rows.map((row, i): CorpusRow => {
      const unknown = row.clauses.filter((c) => !knownClauses.has(c) && c !== '6.1.2');
      if (unknown.length) throw new Error(`training/${name}:${i + 1}: unknown clause ${unknown.join(', ')}`);
      return {
        text: row.text,
        clauses: row.clauses,
        informs: 'all',
        weight: sources.team.weight,
        // Held out in blocks of consecutive rows: writers put a post and its hand-written near-twin (the
        // same notice without the problem, or in the other language) side by side, and a twin on each
        // side of the split would make the validation numbers say more about memory than judgement.
        validation: isValidation(`${name}#${Math.floor(i / VALIDATION_BLOCK)}`, sources.team.validationPercent),
        origin: 'team',
        lang: row.lang,
        source: row.source,
      };
    });
  });
}

function templateRows(sources: SourcesFile, files: Corpus['files']): CorpusRow[] {
  const identity = Object.values(identityTerms().groups).flat();
  return sources.templates.flatMap(({ file, weight }) => {
    const path = join(REPO_ROOT, file);
    files.push({ file, rows: 0, licence: 'written for p5050 (MIT)', bytes: readFileSync(path) });
    const rows = expandTemplates(path, basename(file, '.json'), identity, TEMPLATE_FILLS, TEMPLATE_SEED);
    files[files.length - 1]!.rows = rows.length;
    // Template rows only train: their sentence shapes repeat, so they would flatter a validation split.
    return rows.map((row): CorpusRow => ({ ...row, informs: 'all', weight, validation: false, origin: 'template' }));
  });
}

interface PublicRow {
  text: string;
  label: number;
  source: string;
  subtype?: string;
}

function publicRows(source: PublicSource, files: Corpus['files']): CorpusRow[] {
  const path = resolve(REPO_ROOT, source.file);
  if (!existsSync(path)) throw new Error(`${source.file}: not found (the public training data lives in ../shared/train)`);
  const bytes = readFileSync(path);
  const rows = jsonLines<PublicRow>(bytes, source.file).filter((row) => !source.skipSources?.some((s) => row.source.startsWith(s)));
  files.push({ file: source.file, rows: rows.length, licence: source.licence, bytes });
  return rows.map((row): CorpusRow => {
    const positive = row.label === 1 ? (source.bySubtype?.[row.subtype ?? ''] ?? source.positive ?? []) : [];
    return {
      text: row.text,
      clauses: positive,
      informs: source.negativesFor === 'all' ? 'all' : (source.heads ?? []),
      weight: source.weight,
      validation: isValidation(row.text, source.validationPercent),
      origin: 'public',
      lang: '',
      source: row.source,
    };
  });
}

export function loadCorpus(sourcesPath: string = join(TRAINING_DIR, 'sources.json')): Corpus {
  const sources = JSON.parse(readFileSync(sourcesPath, 'utf8')) as SourcesFile;
  const knownClauses = new Set(sources.heads.map((h) => h.clause));
  const headIds = new Set(sources.heads.map((h) => h.id));
  for (const source of sources.public) {
    const unknown = (source.heads ?? []).filter((id) => !headIds.has(id));
    if (unknown.length) throw new Error(`training/sources.json: ${source.file} names unknown heads ${unknown.join(', ')}`);
  }
  const files: Corpus['files'] = [];
  const rows = [...teamRows(sources, knownClauses, files), ...templateRows(sources, files), ...sources.public.flatMap((s) => publicRows(s, files))];
  return { heads: sources.heads, rows, files, excluded: sources.excluded };
}

const CONTAINED_MIN = 40;

/** Texts of the evaluation sets, normalised, with an index of the long ones by their first CONTAINED_MIN characters. */
export interface EvaluationIndex {
  count: number;
  exact: Set<string>;
  byPrefix: Map<string, string[]>;
}

export function evaluationIndex(evalDir: string = EVAL_DIR): EvaluationIndex {
  if (!existsSync(evalDir)) throw new Error(`${evalDir}: not found; the training data cannot be checked against the evaluation sets, so training stops`);
  const texts = readdirSync(evalDir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => jsonLines<{ text: string }>(readFileSync(join(evalDir, name)), name).map((r) => normalizeText(r.text)));
  const byPrefix = new Map<string, string[]>();
  for (const text of texts) {
    if (text.length < CONTAINED_MIN) continue;
    const prefix = text.slice(0, CONTAINED_MIN);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), text]);
  }
  return { count: texts.length, exact: new Set(texts), byPrefix };
}

/** True when `text` equals an evaluation text after normalisation, or contains one of at least CONTAINED_MIN characters. */
export function isEvaluationText(text: string, index: EvaluationIndex): boolean {
  const normal = normalizeText(text);
  if (index.exact.has(normal)) return true;
  for (let i = 0; i + CONTAINED_MIN <= normal.length; i++) {
    if (index.byPrefix.get(normal.slice(i, i + CONTAINED_MIN))?.some((c) => normal.includes(c))) return true;
  }
  return false;
}

/**
 * Keeps the evaluation sets out of training. A team-written row that is (or contains) an evaluation
 * text stops training: nobody may copy from ../shared/eval. Template fills and public rows that
 * collide by chance (a short template sentence, Wikipedia's stock vandalism warning) are dropped and
 * counted, as the public data's own builder did.
 */
export function withoutEvaluationTexts(rows: CorpusRow[], index: EvaluationIndex): { rows: CorpusRow[]; dropped: number } {
  const team = rows.filter((r) => r.origin === 'team' && isEvaluationText(r.text, index));
  if (team.length) {
    throw new Error(`training/ contains ${team.length} evaluation text(s) of ../shared/eval; remove them:\n  ${team.slice(0, 20).map((r) => `${r.source}: "${r.text.slice(0, 80)}"`).join('\n  ')}`);
  }
  const kept = rows.filter((r) => r.origin === 'team' || !isEvaluationText(r.text, index));
  return { rows: kept, dropped: rows.length - kept.length };
}
