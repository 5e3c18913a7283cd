import { readdirSync } from 'node:fs';
import type { Severity } from '../types';
import { LEXICON_DIR, loadLexiconData } from '../text/lexicon';

/**
 * The rule catalog: every rule a screener can report, read from the lexicons' own metadata (each
 * entry with an id and a note: why it is flagged, the fix, its terms, the lexicon's sources), plus
 * the two rules that live in code. `p5050 explain <rule>`, SARIF's rule help and docs/rules/ are
 * generated from it, so the documentation says what the data says.
 */

export interface RuleDoc {
  /** "confidentiality/confidential-marker": the screener and the rule. */
  id: string;
  screener: string;
  rule: string;
  clauses: string[];
  severity?: Severity;
  /** Why it is flagged (may hold {placeholders} the screener fills in). */
  note: string;
  suggestion?: string;
  /** A few of the terms or patterns it matches. */
  examples: string[];
  sources: string[];
}

/** Lexicon files that belong to a screener of another name. */
const LEXICON_SCREENER: Record<string, string> = { 'harassment-es': 'harassment', profanity: 'harassment' };
/** Data files that hold no rules. */
const NOT_RULES = new Set(['policy', 'language', 'identity-terms']);

const CODE_RULES: Array<Omit<RuleDoc, 'id' | 'examples' | 'sources'> & { sources?: string[] }> = [
  {
    screener: 'confidentiality',
    rule: 'internal-codename',
    clauses: ['6.1.8'],
    severity: 'error',
    note: 'An internal project codename from the config\'s "codenames" list: it names work that has not been announced.',
    suggestion: 'Use the public name of the project, or leave it out until it is announced.',
  },
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

function examplesOf(entry: Json): string[] {
  const terms = Array.isArray(entry.terms) ? entry.terms : Array.isArray(entry.keywords) ? entry.keywords : [];
  return terms.filter((t): t is string => typeof t === 'string').slice(0, 6).map((t) => t.replace(/^[=]/, '').replace(/\*$/, '…'));
}

function sourcesOf(lexicon: Json): string[] {
  const sources = Array.isArray(lexicon.sources) ? lexicon.sources : [];
  return sources.map((s) => (typeof s === 'string' ? s : isObject(s) ? [s.name, s.url].filter(Boolean).join(' — ') : '')).filter(Boolean);
}

/** Walks a lexicon for rule entries: objects with an id and a note, the clause inherited from above. */
function collect(value: unknown, clause: string | undefined, found: (entry: Json, clause: string | undefined) => void): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, clause, found);
    return;
  }
  if (!isObject(value)) return;
  const here = text(value.clause) ?? clause;
  if (text(value.id) && (text(value.note) || text(value.message))) found(value, here);
  for (const [key, v] of Object.entries(value)) if (key !== 'sources') collect(v, here, found);
}

let catalog: RuleDoc[] | undefined;

export function ruleCatalog(): RuleDoc[] {
  if (catalog) return catalog;
  const byId = new Map<string, RuleDoc>();
  const names = readdirSync(LEXICON_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).filter((n) => !NOT_RULES.has(n)).sort();
  for (const name of names) {
    const lexicon = loadLexiconData<Json>(name);
    const screener = LEXICON_SCREENER[name] ?? text(lexicon.id) ?? name;
    const sources = sourcesOf(lexicon);
    collect(lexicon, text(lexicon.clause), (entry, clause) => {
      const rule = String(entry.id);
      const id = `${screener}/${rule}`;
      const known = byId.get(id);
      if (known) {
        if (clause && !known.clauses.includes(clause)) known.clauses.push(clause);
        return;
      }
      const severity = ['error', 'warning', 'info'].includes(String(entry.severity)) ? (entry.severity as Severity) : undefined;
      byId.set(id, {
        id, screener, rule, clauses: clause ? [clause] : [], ...(severity ? { severity } : {}),
        note: text(entry.note) ?? text(entry.message) ?? '', ...(text(entry.suggestion) ? { suggestion: text(entry.suggestion) } : {}),
        examples: examplesOf(entry), sources,
      });
    });
  }
  for (const r of CODE_RULES) byId.set(`${r.screener}/${r.rule}`, { ...r, id: `${r.screener}/${r.rule}`, examples: [], sources: r.sources ?? [] });
  catalog = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  return catalog;
}

/** A rule by "screener/rule", or by its rule id alone when only one screener has it. */
export function findRule(id: string): RuleDoc | undefined {
  const rules = ruleCatalog();
  const exact = rules.find((r) => r.id === id);
  if (exact) return exact;
  const byRule = rules.filter((r) => r.rule === id);
  return byRule.length === 1 ? byRule[0] : undefined;
}

/** Where a rule's page is in this repository. */
export function ruleDocPath(rule: { screener: string; rule: string }): string {
  return `docs/rules/${rule.screener}/${rule.rule}.md`;
}

/** The rule's documentation page, in Markdown (docs/rules/, SARIF help, `p5050 explain`). */
export function ruleMarkdown(r: RuleDoc, clauseTitle: (id: string) => string | undefined): string {
  const lines = [`# ${r.id}`, '', `Screener \`${r.screener}\`, rule \`${r.rule}\`${r.severity ? `, severity ${r.severity}` : ''}.`, ''];
  for (const c of r.clauses) lines.push(`- P5050 ${c}${clauseTitle(c) ? `: ${clauseTitle(c)}` : ''} (\`p5050 explain ${c}\`)`);
  lines.push('', '## Why it is flagged', '', r.note.replace(/\{(\w+)\}/g, '<$1>'));
  if (r.suggestion) lines.push('', '## What to do', '', r.suggestion);
  if (r.examples.length) lines.push('', '## Matches, for example', '', ...r.examples.map((e) => `- \`${e.replace(/`/g, "'")}\``));
  lines.push('', '## Configure', '', `Change its severity or switch it off in the config: \`rules: { "${r.id}": warning }\` (or \`off\`).`);
  if (r.sources.length) lines.push('', '## Sources', '', ...r.sources.map((s) => `- ${s}`));
  return `${lines.join('\n')}\n`;
}

/** Every rule key the config's `rules` accepts: "screener/rule", a rule id, or a screener id. */
export function ruleKeys(): Set<string> {
  const keys = new Set<string>();
  for (const r of ruleCatalog()) {
    keys.add(r.screener);
    keys.add(r.id);
    keys.add(r.rule);
  }
  return keys;
}
