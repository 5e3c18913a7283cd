import { FAIL_ON_LEVELS } from '../pipeline/fail-on';
import { unknownClauseIds } from '../policy/catalog';
import { ruleKeys } from '../policy/rules';
import { didYouMean } from '../util/suggest';
import type { P5050Config } from './types';

/**
 * Checks a parsed config against what p5050 understands. Every problem is reported, each naming the
 * key: an unknown key is an error (a misspelt key would otherwise be silently ignored).
 */

type Check = (value: unknown, key: string) => string[];

const SEVERITIES = ['error', 'warning', 'info', 'off'];
const FAIL_ON = [...FAIL_ON_LEVELS];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringList: Check = (value, key) => {
  if (!Array.isArray(value)) return [`"${key}" must be a list of strings`];
  return value.flatMap((v, i) => (typeof v === 'string' && v.trim() !== '' ? [] : [`"${key}" item ${i + 1} must be a non-empty string`]));
};

const domainList: Check = (value, key) => {
  const problems = stringList(value, key);
  if (problems.length) return problems;
  return (value as string[]).flatMap((d) => (/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(d.trim()) ? [] : [`"${key}": "${d}" is not a domain name (write e.g. cottonwoodaz.gov, without https:// or a path)`]));
};

function objectOf(checks: Record<string, Check>): Check {
  return (value, key) => {
    if (!isObject(value)) return [`"${key}" must be an object with ${Object.keys(checks).join(', ')}`];
    return Object.entries(value).flatMap(([k, v]) => {
      const check = Object.hasOwn(checks, k) ? checks[k] : undefined;
      if (check && v === null) return [];
      const path = `${key}.${k}`;
      return check ? check(v, path) : [`unknown key "${path}" (known: ${Object.keys(checks).join(', ')})`];
    });
  };
}

const rules: Check = (value, key) => {
  if (!isObject(value)) return [`"${key}" must map rule or screener ids to one of ${SEVERITIES.join(', ')}`];
  const known = ruleKeys();
  return Object.entries(value).flatMap(([k, v]) => {
    // A misspelt rule would otherwise switch nothing off, silently.
    if (!known.has(k)) return [`unknown rule "${key}.${k}"${didYouMean(k, known)}: use a screener id, a rule id or "screener/rule" (see docs/rules, or p5050 explain <rule>)`];
    return typeof v === 'string' && SEVERITIES.includes(v) ? [] : [`"${key}.${k}" must be one of ${SEVERITIES.join(', ')} (got ${JSON.stringify(v)})`];
  });
};

const oneOf =
  (allowed: string[]): Check =>
  (value, key) =>
    typeof value === 'string' && allowed.includes(value) ? [] : [`"${key}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`];

const comment: Check = () => [];

/** The judgement heads (src/screeners/judgement.ts): one per clause, named by it, and the toxicity head. */
const HEAD_CLAUSES = ['5.3.b', '6.1.5', '6.1.6', '6.1.8', 'toxicity', '6.1.10', '6.1.11', '6.1.12', '6.1.13', '6.1.14'];

const probability: Check = (value, key) =>
  typeof value === 'number' && value >= 0 && value <= 1 ? [] : [`"${key}" must be a number from 0 to 1 (got ${JSON.stringify(value)})`];

const headThresholds = (): Check => objectOf({ error: probability, review: probability });

/** `heads`: per clause with a head, "off" or thresholds { error, review } from 0 to 1. */
const heads: Check = (value, key) => {
  if (!isObject(value)) return [`"${key}" must map clause ids (${HEAD_CLAUSES.join(', ')}) to "off" or { error, review }`];
  return Object.entries(value).flatMap(([clause, v]) => {
    const path = `${key}.${clause}`;
    if (!HEAD_CLAUSES.includes(clause)) return [`"${path}": no judgement head "${clause}" (heads: ${HEAD_CLAUSES.join(', ')})`];
    if (v === 'off' || v === null) return [];
    return typeof v === 'string' ? [`"${path}" must be "off" or { error, review } (got ${JSON.stringify(v)})`] : headThresholds()(v, path);
  });
};

const clauseIds: Check = (value, key) => {
  const problems = stringList(value, key);
  if (problems.length) return problems;
  const unknown = unknownClauseIds(value as string[]);
  return unknown.map((id) => `"${key}": unknown clause id "${id}" (see: p5050 policy)`);
};

const TOP: Record<string, Check> = {
  $schema: comment,
  $comment: comment,
  candidates: stringList,
  parties: stringList,
  ballotMeasures: stringList,
  codenames: stringList,
  approvedDomains: domainList,
  allowlist: objectOf({ phones: stringList, emails: stringList, addresses: stringList }),
  rules,
  failOn: oneOf(FAIL_ON),
  approvable: clauseIds,
  heads,
  fields: stringList,
  accessibilityNotes: oneOf(['on', 'off']),
};

/** Drops comment keys and keys left empty (null), at the top and one level down. */
function withoutEmpty(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null || key.startsWith('$')) continue;
    out[key] = isObject(v) ? Object.fromEntries(Object.entries(v).filter(([, inner]) => inner !== null)) : v;
  }
  return out;
}

export const CONFIG_KEYS = Object.keys(TOP).filter((k) => !k.startsWith('$'));

export function validateConfig(value: unknown): { config: P5050Config } | { problems: string[] } {
  if (value === null || value === undefined) return { config: {} };
  if (!isObject(value)) return { problems: ['the config must be an object (key: value pairs)'] };
  const problems = Object.entries(value).flatMap(([key, v]) => {
    const check = Object.hasOwn(TOP, key) ? TOP[key] : undefined;
    if (check && v === null) return [];
    return check ? check(v, key) : [`unknown key "${key}"${didYouMean(key, CONFIG_KEYS)} (known keys: ${CONFIG_KEYS.join(', ')})`];
  });
  if (problems.length) return { problems };
  return { config: withoutEmpty(value) as P5050Config };
}
