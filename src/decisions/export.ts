/**
 * Folds a journal into the decisions file (`DecisionsFile`): the decisions in
 * force, in the thread's reading order, each with where its comment sits on
 * the page and in Lemmy and, for a comment with a Lemmy id, the API calls
 * that carry it out; then the decisions an earlier dump of the thread left
 * behind (`dropped`). The review's `x` and `threadmod export` both build it
 * here, so they write the same document.
 */
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { InputError, UserError, jsonPath } from '../errors.js';
import { loadDump } from '../parse/load-dump.js';
import type { Comment, Dump, DumpFormat, Post } from '../thread/schema.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { assertNotLocked } from './journal-lock.js';
import { defaultJournalPath, followDump, readJournal, sha256File } from './journal.js';
import { identify } from './comment-identity.js';
import { describeRedump } from './redump.js';
import {
  DecisionsFile,
  type Decision,
  type DroppedDecision,
  type DumpRef,
  type ExportedDecision,
  type ExportedPost,
  type JournalOpen,
} from './schema.js';
import { applyEntry, type DecisionState, type Dropped } from './state.js';
import { errnoCode } from '../io/errno.js';
import { ACTIONS, lemmyRequestsFor, zeroPerAction } from './actions.js';

export interface BuildExportOptions {
  readonly dump: Dump;
  /** The dump file the decisions were made on, as it is now. */
  readonly source: DumpRef;
  /** The journal's `open` line: moderator, scorer and rules of the review. */
  readonly header: Pick<JournalOpen, 'moderator' | 'scorer' | 'rules'>;
  readonly state: DecisionState;
  /** The post URL the dump was fetched from, when the dump says (`threadmod fetch` dumps). */
  readonly fetchedFrom?: string | null;
}

/** The instance origin (`https://host[:port]`) of a fetched dump's post URL, or null. */
export function instanceOf(fetchedFrom: string | null | undefined): string | null {
  if (!fetchedFrom) return null;
  try {
    const url = new URL(fetchedFrom);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Builds the decisions file. Throws a UserError for a decision on a comment the dump does not have. */
export function buildExport(opts: BuildExportOptions): DecisionsFile {
  const located = new Map<string, { comment: Comment; post: Post }>();
  for (const thread of opts.dump.posts) {
    for (const comment of thread.comments) located.set(comment.id, { comment, post: thread.post });
  }
  for (const commentId of opts.state.active.keys()) {
    if (!located.has(commentId)) {
      throw new UserError(
        `${opts.source.file} has no comment ${commentId}, but the journal decides on it; was the dump parsed with another --format?`,
      );
    }
  }

  const reportIds = new Map<string, number[]>();
  for (const report of opts.dump.reports ?? []) {
    if (report.commentId === null) continue;
    const list = reportIds.get(report.commentId) ?? [];
    list.push(report.reportId);
    reportIds.set(report.commentId, list);
  }
  const decisions: ExportedDecision[] = [];
  for (const thread of opts.dump.posts) {
    for (const comment of thread.comments) {
      const decision = opts.state.active.get(comment.id);
      if (decision) decisions.push(exportDecision(decision, comment, thread.post, reportIds.get(comment.id) ?? []));
    }
  }

  const summary = zeroPerAction();
  for (const decision of decisions) summary[decision.action]++;

  return {
    version: 1,
    source: { ...opts.source },
    instance: instanceOf(opts.fetchedFrom),
    post: exportPost(opts.dump.posts[0]?.post ?? null),
    moderator: opts.header.moderator,
    scorer: { ...opts.header.scorer },
    rules: { file: opts.header.rules.file, ids: [...opts.header.rules.ids] },
    decisions,
    dropped: opts.state.dropped.map(droppedDecision),
    summary,
  };
}

function droppedDecision({ decision, why, now }: Dropped): DroppedDecision {
  const { commentId, action, ruleId, reason, decidedAt } = decision;
  return { commentId, action, ruleId, reason, decidedAt, why, now };
}

/** `reportIds`: the open reports on the comment, resolved by its requests. */
function exportDecision(
  decision: Decision,
  comment: Comment,
  post: Post,
  reportIds: readonly number[],
): ExportedDecision {
  const out: ExportedDecision = {
    commentId: comment.id,
    lemmyCommentId: comment.lemmy?.commentId ?? null,
    lemmyPostId: comment.lemmy?.postId ?? null,
    apId: comment.lemmy?.apId ?? null,
    path: [...comment.path],
    author: comment.author,
    action: decision.action,
    ruleId: decision.ruleId,
    reason: decision.reason,
    evidence: decision.evidence,
    scores: decision.scores,
    decidedAt: decision.decidedAt,
  };
  if (ACTIONS[decision.action].form?.days) out.banDays = decision.banDays ?? null;
  if (decision.flaggedRuleIds !== undefined) out.flaggedRuleIds = decision.flaggedRuleIds;
  if (decision.message !== undefined) out.message = decision.message;
  const requests = lemmyRequestsFor(decision, comment, post, reportIds);
  if (requests) out.lemmy = requests;
  return out;
}

function exportPost(post: Post | null): ExportedPost {
  return {
    title: post?.title ?? null,
    lemmyPostId: post?.lemmyPostId ?? null,
    apId: post?.apId ?? null,
    community: post?.community ?? null,
  };
}

/** Where the review UI saves an export when asked to: `<dump>.decisions.json`, beside the journal. */
export function defaultExportPath(dumpFile: string): string {
  return `${dumpFile}.decisions.json`;
}

export interface ExportDecisionsOptions {
  /** The dump file. */
  readonly dump: string;
  /** The journal; default `<dump>.decisions.jsonl`. */
  readonly decisions?: string;
  /** Where to write the JSON (atomically); omit to only return it. */
  readonly out?: string;
  /** Parse the dump as this format; default the format the journal was made with. */
  readonly format?: DumpFormat;
}

export interface ExportResult {
  readonly file: DecisionsFile;
  /** The file's JSON text, newline-terminated, as written to `out`. */
  readonly json: string;
  /** The path written, or null. */
  readonly out: string | null;
  /** The journal read. */
  readonly journal: string;
  /** Non-fatal problems: a torn last journal line that was ignored, decisions carried over to a new dump. */
  readonly warnings: string[];
}

/**
 * Exports the journal of `opts.dump` without changing it (a torn last line
 * is ignored with a warning, not repaired; a journal of an earlier dump of
 * the thread is carried over in memory, as the review would on disk).
 */
export async function exportDecisions(opts: ExportDecisionsOptions): Promise<ExportResult> {
  const journalFile = opts.decisions ?? defaultJournalPath(opts.dump);
  if (!opts.decisions && !(await exists(journalFile))) {
    throw new UserError(
      `no decisions for ${opts.dump}: ${journalFile} does not exist; review the thread first, or pass --decisions <file>`,
    );
  }
  // A review writing this journal right now: its `x` key exports; a second reader could miss its latest decision.
  await assertNotLocked(journalFile);
  const contents = await readJournal(journalFile);
  if (!contents.header) throw new UserError(`${journalFile}: empty decisions journal (no "open" line)`);
  const header = contents.header;
  const sha256 = await sha256File(opts.dump);
  const format = opts.format ?? contents.dumps.at(-1)!.dump.format;
  const source: DumpRef = { file: opts.dump, sha256, format };
  const warnings = [...contents.warnings];
  const { dump, fetchedFrom } = await loadDump(opts.dump, format);
  const follow = followDump(journalFile, contents, source, identify(dump));
  let state = contents.state;
  if (follow) {
    state = applyEntry(state, { ...follow.entry, seq: state.lastSeq + 1, at: new Date().toISOString() });
    warnings.push(describeRedump(journalFile, source, follow));
  }

  const built = buildExport({ dump, source, header, state, fetchedFrom });
  const { file, json } = checkedExport(built);
  if (opts.out) await writeExport(opts.out, json, [journalFile, opts.dump]);
  return { file, json, out: opts.out ?? null, journal: journalFile, warnings };
}

/** The built file checked against the published schema, and its JSON text (newline-terminated). */
export function checkedExport(built: DecisionsFile): { file: DecisionsFile; json: string } {
  // A mismatch here is a bug in threadmod, not bad input: it must not read like an option error.
  const checked = DecisionsFile.safeParse(built);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(
      `the export does not match the decisions schema at ${jsonPath(issue?.path ?? [])}: ${issue?.message}`,
    );
  }
  return { file: checked.data, json: `${JSON.stringify(checked.data, null, 2)}\n` };
}

/** Writes the export atomically; never over the journal or the dump (`protect`). */
export async function writeExport(out: string, json: string, protect: readonly string[]): Promise<void> {
  if (protect.some((file) => path.resolve(out) === path.resolve(file))) {
    throw new UserError(`refusing to overwrite ${out} with the export; choose another --out`);
  }
  await writeFileAtomically(out, json).catch((error: unknown) => {
    // The temp file's name would otherwise appear in the message.
    const code = errnoCode(error);
    if (code === 'ENOENT') throw new InputError(out, 'its folder does not exist');
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      throw new InputError(out, 'no space left on the device; nothing was written, and the journal is unchanged');
    }
    throw error;
  });
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
