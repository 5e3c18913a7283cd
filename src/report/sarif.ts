import { createHash } from 'node:crypto';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, PostReport, RunTotals, Severity } from '../types';
import type { ReportSink, RunHead, Write } from './types';
import { findClause } from '../policy/catalog';
import { findRule, ruleDocPath, ruleMarkdown } from '../policy/rules';
import { STDIN_SOURCE } from '../inputs/read';
import { fileRegion } from './location';
import { indentedJson } from './render';
import { Spool } from './spool';

/**
 * SARIF 2.1.0, for code-scanning dashboards. Each finding is a result whose rule id carries the clause,
 * the screener and its rule ("6.1.8/confidentiality/confidential-marker"); the location is the file
 * with line and column (for posts in batch files, the line their record starts on). Screener
 * failures and input errors are tool execution notifications. Results wait in a spool (a temporary
 * file when large) for the end, where the rules they use are listed first.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

interface Rule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: Level };
  properties: { clause: string; screener: string; rule: string; tags: string[] };
}

interface Notification {
  level: 'error';
  message: { text: string };
  locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
}

/** A relative path as a URI reference; absolute paths as file: URIs. */
export function toUri(path: string): string {
  const posix = path.replace(/\\/g, '/');
  const encoded = posix.split('/').map(encodeURIComponent).join('/');
  return posix.startsWith('/') ? `file://${encoded}` : encoded;
}

export const SRCROOT = '%SRCROOT%';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * Where a source is, for code scanning: relative to the repository root (`root`, the git top level)
 * with uriBaseId %SRCROOT%, whatever directory p5050 ran in; a file outside the root keeps an
 * absolute file: URI; stdin is "stdin".
 */
export function artifactLocation(source: string, root: string | undefined, cwd: string = process.cwd()): ArtifactLocation {
  if (source === STDIN_SOURCE) return { uri: 'stdin' };
  if (root === undefined) return { uri: toUri(source) };
  const rel = relative(root, resolve(cwd, source));
  if (rel.startsWith('..') || isAbsolute(rel)) return { uri: pathToFileURL(resolve(cwd, source)).href };
  return { uri: toUri(rel), uriBaseId: SRCROOT };
}

/** The rule's page: in the repository package.json names, else the copy installed with p5050. */
function helpUri(path: string): string {
  const repository = packageRepository();
  return repository ? `${repository}/blob/main/${path}` : pathToFileURL(join(__dirname, '..', '..', path)).href;
}

let repositoryUrl: string | null | undefined;
function packageRepository(): string | undefined {
  if (repositoryUrl === undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pkg = require('../../package.json') as { repository?: string | { url?: string } };
    const url = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
    repositoryUrl = url ? url.replace(/^git\+/, '').replace(/\.git$/, '') : null;
  }
  return repositoryUrl ?? undefined;
}

/**
 * A fingerprint that survives edits elsewhere in the file (lines moving, rows added): the rule, the
 * file, the matched text and which occurrence of it in the post this is.
 */
function fingerprint(ruleId: string, uri: string, f: Finding, seen: Map<string, number>): string {
  const base = `${ruleId}\u0000${uri}\u0000${f.field ?? ''}\u0000${f.excerpt.replace(/\s+/g, ' ').trim().toLowerCase()}`;
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return `${createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32)}:${n}`;
}

function ruleName(ruleId: string): string {
  return ruleId.replace(/(^|[-_/])(\w)/g, (_m, _sep: string, c: string) => c.toUpperCase());
}

function sarifRuleId(f: Finding): string {
  return `${f.clause}/${f.screener}/${f.ruleId}`;
}

function location(post: PostReport, f: Finding, artifact: ArtifactLocation): object {
  return {
    physicalLocation: { artifactLocation: artifact, region: { ...fileRegion(post, f), snippet: { text: f.excerpt } } },
    ...(post.id !== post.source ? { logicalLocations: [{ name: post.id, fullyQualifiedName: `${post.source}#${post.id}`, kind: 'object' }] } : {}),
  };
}

function suppressions(f: Finding): object {
  const reason = (f as { approval?: { reason?: unknown } }).approval?.reason;
  return typeof reason === 'string' ? { suppressions: [{ kind: 'external', status: 'accepted', justification: reason }] } : {};
}

const RESULTS_SLOT = '\u0000results\u0000';
/** Results are the elements of runs[0].results in the pretty-printed log: eight spaces in. */
const RESULT_INDENT = '        ';

export function sarifSink(write: Write, head: RunHead, root?: string): ReportSink {
  // The log's first character goes out at once: a closed output is noticed before any screening.
  write('{');
  const rules = new Map<string, number>();
  const ruleList: Rule[] = [];
  const results = new Spool();
  let resultCount = 0;
  const notifications: Notification[] = [];
  const ruleIndex = (post: PostReport, f: Finding): number => {
    const id = sarifRuleId(f);
    let index = rules.get(id);
    if (index === undefined) {
      const title = post.clauses.find((c) => c.id === f.clause)?.title ?? '';
      const doc = findRule(`${f.screener}/${f.ruleId}`);
      const docPath = ruleDocPath({ screener: f.screener, rule: f.ruleId });
      const full = doc ? doc.note.replace(/\{(\w+)\}/g, '<$1>') : f.message;
      const markdown = doc ? ruleMarkdown(doc, (c) => findClause(c)?.title) : `${f.message}\n\n${f.suggestion}\n`;
      index = ruleList.push({
        id,
        name: ruleName(f.ruleId),
        shortDescription: { text: `P5050 ${f.clause}${title ? ` (${title})` : ''}: ${f.ruleId}` },
        fullDescription: { text: full },
        help: { text: `${full}${doc?.suggestion ? ` What to do: ${doc.suggestion}` : ''}`, markdown },
        helpUri: helpUri(docPath),
        defaultConfiguration: { level: LEVEL[f.severity] },
        properties: { clause: f.clause, screener: f.screener, rule: f.ruleId, tags: ['P5050', `clause-${f.clause}`] },
      }) - 1;
      rules.set(id, index);
    }
    return index;
  };
  return {
    filler: '\n',
    post(post) {
      const artifact = artifactLocation(post.source, root);
      const seen = new Map<string, number>();
      for (const f of post.findings) {
        const result = {
          ruleId: sarifRuleId(f),
          ruleIndex: ruleIndex(post, f),
          level: LEVEL[f.severity],
          message: { text: `${f.message} Suggestion: ${f.suggestion}` },
          locations: [location(post, f, artifact)],
          partialFingerprints: { 'p5050/v1': fingerprint(sarifRuleId(f), artifact.uri, f, seen) },
          ...suppressions(f),
          properties: {
            post: post.id,
            verdict: post.verdict,
            ...(post.meta ? { meta: post.meta } : {}),
            ...(f.score !== undefined ? { score: f.score } : {}),
            ...(f.staleApproval ? { staleApproval: { kind: f.staleApproval.kind, by: f.staleApproval.by, at: f.staleApproval.at } } : {}),
          },
        };
        results.write(`${resultCount === 0 ? '' : ','}\n${RESULT_INDENT}${indentedJson(result, RESULT_INDENT)}`);
        resultCount += 1;
      }
      for (const e of post.errors) {
        notifications.push({ level: 'error', message: { text: `screener ${e.screener} failed on ${post.source} ${post.id}: ${e.message}` }, locations: [{ physicalLocation: { artifactLocation: artifact } }] });
      }
    },
    end(totals: RunTotals) {
      for (const e of totals.inputErrors) notifications.push({ level: 'error', message: { text: `${e.source}: ${e.message}` } });
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: { driver: { name: head.tool.name, version: head.tool.version, semanticVersion: head.tool.version, rules: ruleList } },
            invocations: [{ executionSuccessful: totals.inputErrors.length === 0, toolExecutionNotifications: notifications }],
            ...(root !== undefined ? { originalUriBaseIds: { [SRCROOT]: { uri: `${pathToFileURL(root).href.replace(/\/?$/, '/')}` } } } : {}),
            columnKind: 'utf16CodeUnits',
            results: RESULTS_SLOT,
            properties: { policy: head.policy.policy, revision: head.policy.revision, summary: totals.summary },
          },
        ],
      };
      // The log is printed around the spooled results, which take the slot's place.
      const [before, after] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS_SLOT));
      write(`${before.slice(1)}[`);
      results.drainTo(write);
      write(`${resultCount === 0 ? ']' : '\n      ]'}${after}\n`);
    },
  };
}
