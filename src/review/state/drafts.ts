/**
 * Drafted texts: a removal reason cites the rule once and quotes one short
 * piece (`Removed under Rule 3 (no personal attacks): "you ignorant idiot"`,
 * drafted in src/flag/draft-reason.ts); a warning is addressed to the author.
 */
import type { Evidence, Flag } from '../../flag/flag-schema.js';
import { draftReason as draftFlagReason, quotePiece, ruleName } from '../../flag/draft-reason.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment } from '../../thread/schema.js';
import type { CommentAnalysis, SentenceAnalysis } from './types.js';

/** The flag's strongest evidence: the sentence a moderator would quote first. */
export function flagEvidence(flag: Flag): Evidence {
  let best = flag.evidence[0]!;
  let bestScore = -1;
  for (const e of flag.evidence) {
    const score = Math.max(...Object.values(e.scores));
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** For a comment the flagger did not flag: its highest-scoring sentence of its own, if any scored at all. */
export function strongestSentence(analysis: CommentAnalysis | undefined): SentenceAnalysis | null {
  let best: SentenceAnalysis | null = null;
  let bestScore = 0;
  for (const sentence of analysis?.sentences ?? []) {
    if (sentence.quoted) continue;
    const score = Math.max(...Object.values(sentence.scores));
    if (score > bestScore) {
      best = sentence;
      bestScore = score;
    }
  }
  return best;
}

/** A removal reason for a sentence, drafted as the flagger drafts one; the rule alone without a sentence. */
export function draftReason(evidence: string | null, rule: Rule): string {
  return draftFlagReason(rule, evidence === null ? null : { text: evidence });
}

/** A reply to the author: the rule, the words, and what happens next time. */
export function draftWarning(comment: Comment, evidence: string | null, rule: Rule): string {
  const name = comment.author ? `@${comment.author.name}: ` : '';
  const piece = evidence === null ? '' : quotePiece({ text: evidence });
  const quoted = piece ? `: "${piece}"${/[.!?…]$/u.test(piece) ? '' : '.'}` : '.';
  return `${name}Your comment breaks ${ruleName(rule)}${quoted} This is a warning; next time the comment will be removed.`;
}
