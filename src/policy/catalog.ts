import type { Clause, ClauseKind } from '../types';
import { loadLexiconData } from '../text/lexicon';

/**
 * The clause catalog: every clause of P5050 that bears on a post. The words are the policy's own and
 * live as data in lexicons/policy.json, so a reviewer can audit them without reading code.
 */

interface PolicyData {
  policy: string;
  revision: string;
  clauses: Clause[];
}

const KINDS: ClauseKind[] = ['screened', 'needs-approval', 'manual'];

let catalog: Clause[] | undefined;

export function policyInfo(): { policy: string; revision: string } {
  const { policy, revision } = loadLexiconData<PolicyData>('policy');
  return { policy, revision };
}

export function clauses(): Clause[] {
  if (!catalog) {
    catalog = loadLexiconData<PolicyData>('policy').clauses;
    for (const clause of catalog) {
      if (!KINDS.includes(clause.kind)) throw new Error(`policy clause ${clause.id}: unknown kind "${clause.kind}"`);
    }
  }
  return catalog;
}

export function findClause(id: string): Clause | undefined {
  return clauses().find((c) => c.id === id);
}

/** Ids in `ids` that are not clauses of the policy. */
export function unknownClauseIds(ids: string[]): string[] {
  const known = new Set(clauses().map((c) => c.id));
  return ids.filter((id) => !known.has(id));
}
