import { clauses, findClause } from '../policy/catalog';
import { screeners } from '../screeners';
import { findRule, ruleCatalog, ruleMarkdown, type RuleDoc } from '../policy/rules';
import { didYouMean } from '../util/suggest';
import type { Io } from './main';

const KIND_TEXT = { screened: 'screened', 'needs-approval': 'screened; hits need approval', manual: 'manual check' } as const;

export function listPolicy(io: Io): number {
  for (const c of clauses()) io.stdout(`${c.id.padEnd(7)} ${KIND_TEXT[c.kind].padEnd(29)} ${c.title}\n`);
  return 0;
}

/** `p5050 explain <rule>`: the rule's page, as in docs/rules. */
function explainRule(rule: RuleDoc, io: Io): number {
  io.stdout(ruleMarkdown(rule, (c) => findClause(c)?.title));
  return 0;
}

export function explainClause(id: string, io: Io): number {
  const clause = findClause(id);
  if (!clause) {
    const rule = findRule(id);
    if (rule) return explainRule(rule, io);
    const known = [...clauses().map((c) => c.id), ...ruleCatalog().map((r) => r.id)];
    io.stderr(`p5050: explain: unknown clause or rule "${id}"${didYouMean(id, known)} (see: p5050 policy, docs/rules)\n`);
    return 2;
  }
  const covering = screeners.filter((s) => s.meta.clauses.includes(clause.id)).map((s) => s.meta.id);
  const lines = [`${clause.id} — ${clause.title}`, '', `Policy: "${clause.text}"`, '', `Handled: ${KIND_TEXT[clause.kind]}`];
  if (clause.screens) lines.push(`Screens: ${clause.screens}`);
  if (covering.length) lines.push(`Screeners: ${covering.join(', ')}`);
  if (clause.note) lines.push(`Note: ${clause.note}`);
  if (clause.example) lines.push('', `Fails:  ${clause.example.fails}`, `Passes: ${clause.example.passes}`);
  if (clause.kind === 'manual') lines.push('', 'No program can judge this: the person posting confirms it; the report lists it as a checklist item.');
  io.stdout(`${lines.join('\n')}\n`);
  return 0;
}
