import { dirname, relative, resolve } from 'node:path';
import { postContentHash } from '../approvals/hash';
import { DEFAULT_APPROVABLE, mayRecord } from '../approvals/rules';
import { APPROVALS_FILE, appendApproval, findApprovalsFile } from '../approvals/store';
import { loadConfig } from '../config/load';
import { readContent } from '../inputs';
import { checkPost } from '../pipeline';
import { findClause } from '../policy/catalog';
import type { ApprovalRecord, PostInput } from '../types';
import type { Io } from './main';
import { visibleLine } from '../report/escape';

export interface ApproveOptions {
  clause: string;
  rule?: string;
  by: string;
  reason: string;
  kind: 'approval' | 'exception';
  approvals?: string;
  maxBytes: number;
  /** In a batch file (CSV, JSON, JSON Lines): the id of the post to approve. */
  id?: string;
  config?: string;
}

/** The approvals file in use: --approvals, else the nearest .p5050/approvals.jsonl, else one in the working directory. */
export function approvalsPath(explicit: string | undefined, cwd: string = process.cwd()): string {
  return resolve(explicit ?? findApprovalsFile(cwd) ?? resolve(cwd, APPROVALS_FILE));
}

/** Approvals name their post relative to the folder that holds `.p5050/`, so the file can be committed. */
export function approvalRoot(file: string): string {
  return dirname(dirname(file));
}

/** The one post of `path` to approve: the file itself, or the record `--id` names in a batch file. */
async function postToApprove(path: string, options: ApproveOptions, fields: string[] | undefined): Promise<PostInput | string> {
  const posts: PostInput[] = [];
  for await (const item of readContent({ source: path, path }, { maxBytes: options.maxBytes, fields })) {
    if ('error' in item) return `${item.error.source}: ${item.error.message}`;
    posts.push(item.post);
  }
  if (options.id !== undefined) return posts.find((p) => p.id === options.id) ?? `${path}: no post with id "${options.id}"`;
  if (posts.length !== 1) return `${path} holds ${posts.length} posts: name the one to approve with --id`;
  return posts[0]!;
}

export async function runApprove(path: string, options: ApproveOptions, io: Io, now: () => Date = () => new Date()): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`p5050: ${visibleLine(message)}\n`);
    return 2;
  };
  if (!findClause(options.clause)) return fail(`--clause: unknown clause id "${options.clause}" (see: p5050 policy)`);
  if (!options.by.trim()) return fail('--by: must name the approver');
  if (!options.reason.trim()) return fail('--reason: must say why');
  const loaded = await loadConfig(options.config);
  if ('problems' in loaded) return fail(loaded.problems.map((p) => `${p.source}: ${p.message}`).join('; '));
  const decision = mayRecord(options.kind, options.clause, { approvable: loaded.config.approvable ?? DEFAULT_APPROVABLE });
  if (!decision.ok) return fail(decision.reason);
  // The same fields as check reads, so the hash is of the same text.
  const post = await postToApprove(path, options, loaded.config.fields);
  if (typeof post === 'string') return fail(post);

  const file = approvalsPath(options.approvals);
  const record: ApprovalRecord = {
    kind: options.kind,
    contentHash: postContentHash(post),
    source: relative(approvalRoot(file), resolve(path)),
    ...(post.id !== post.source ? { postId: post.id } : {}),
    clause: options.clause,
    ...(options.rule ? { rule: options.rule } : {}),
    by: options.by.trim(),
    reason: options.reason.trim(),
    at: now().toISOString(),
  };
  appendApproval(file, record);

  const covered = checkPost(post, { clauses: [options.clause] }).findings.filter((f) => !options.rule || f.ruleId === options.rule);
  io.stdout(`recorded ${options.kind} of ${options.clause}${options.rule ? ` (${options.rule})` : ''} for ${path} (contentHash ${record.contentHash}) by ${record.by} in ${relative(process.cwd(), file) || file}\n`);
  if (covered.length === 0) io.stdout(`note: ${path} has no ${options.clause} finding now; the ${options.kind} applies if one appears for this exact text\n`);
  return 0;
}
