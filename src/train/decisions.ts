/**
 * A community's own decisions as training examples. An exported decisions
 * file (`threadmod export`) names the dump it was made on (`source.file`,
 * with its sha256); the comment texts come from that dump.
 *
 * - a removal or ban citing a personal-attack rule is an attack;
 * - an approval (the moderator said the flag was wrong) is not;
 * - warnings, skips and removals under other rules say nothing about
 *   attacks and are left out.
 * Quoted text (someone else's words) is taken out of each comment first, as
 * the flagger does, so the model learns from the author's own words.
 * Each example keeps its parent's text and depth for the context features.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { loadDecisions } from '../decisions/load.js';
import { sha256File } from '../io/sha256.js';
import { sentencePieces } from '../flag/flagger.js';
import { loadDump } from '../parse/load-dump.js';
import type { Comment } from '../thread/schema.js';
import type { Example } from './examples.js';

export interface DecisionExamples {
  readonly examples: Example[];
  readonly dumpFile: string;
  readonly ignored: number;
}

/** Is this file an exported decisions file (rather than labelled JSON Lines)? */
export function looksLikeDecisions(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('{')) return false;
  try {
    const data = JSON.parse(start) as { decisions?: unknown; source?: unknown };
    return Array.isArray(data.decisions) && typeof data.source === 'object';
  } catch {
    return false;
  }
}

export async function readDecisionExamples(
  file: string,
  attackRules: ReadonlySet<string>,
  dumpOverride?: string,
): Promise<DecisionExamples> {
  const decisions = await loadDecisions(file);
  const dumpFile = dumpOverride ?? locateDump(decisions.source.file, file);
  const digest = await sha256File(dumpFile).catch(() => {
    throw new UserError(`${file}: its dump ${dumpFile} cannot be read; pass it with --dump`);
  });
  if (digest !== decisions.source.sha256)
    throw new UserError(`${file}: the dump ${dumpFile} has changed since the decisions were made (sha256 differs)`);
  const { dump } = await loadDump(dumpFile, decisions.source.format);
  const byId = new Map<string, { comment: Comment; parent: Comment | null }>();
  for (const thread of dump.posts) {
    const ids = new Map(thread.comments.map((c) => [c.id, c]));
    for (const c of thread.comments)
      byId.set(c.id, { comment: c, parent: c.parentId ? (ids.get(c.parentId) ?? null) : null });
  }
  const examples: Example[] = [];
  let ignored = 0;
  const source = path.basename(file).replace(/\.json$/i, '');
  for (const d of decisions.decisions) {
    const attack =
      (d.action === 'remove' || d.action === 'ban') && d.ruleId !== null && attackRules.has(d.ruleId)
        ? true
        : d.action === 'approve'
          ? false
          : null;
    const found = byId.get(d.commentId);
    if (attack === null || !found) {
      ignored++;
      continue;
    }
    const own = ownWords(found.comment);
    if (own === '') {
      ignored++;
      continue;
    }
    examples.push({
      id: `${decisions.source.sha256.slice(0, 16)}:${d.commentId}`,
      text: own,
      attack,
      source,
      parent: found.parent ? ownWords(found.parent) : undefined,
      depth: found.comment.depth,
    });
  }
  return { examples, dumpFile, ignored };
}

/** The comment without the parts it quotes. */
export function ownWords(comment: Comment): string {
  return sentencePieces(comment.body, comment.quotes)
    .filter((p) => !p.quoted)
    .map((p) => p.text)
    .join('\n');
}

function locateDump(recorded: string, decisionsFile: string): string {
  if (path.isAbsolute(recorded)) return recorded;
  const beside = path.resolve(path.dirname(decisionsFile), path.basename(recorded));
  if (existsSync(recorded)) return path.resolve(recorded);
  return beside;
}
