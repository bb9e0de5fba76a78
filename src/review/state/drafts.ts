/**
 * Drafted texts, in the moderator's own style as seen in the seed thread:
 * a removal reason quotes the offending sentence and cites the rule
 * (`"you ignorant idiot" Rule 3.`); a warning is addressed to the author.
 */
import type { Evidence, Flag } from '../../flag/flag-schema.js';
import { draftReason as flaggerDraft } from '../../flag/flagger.js';
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

/** `"<sentence>" Rule 3.`, drafted as the flagger drafts it; the citation alone without a sentence. */
export function draftReason(evidence: string | null, rule: Rule): string {
  return evidence ? flaggerDraft([{ text: evidence }], rule.citation) : rule.citation;
}

/** A reply to the author: the sentence, the rule, and what happens next time. */
export function draftWarning(comment: Comment, evidence: string | null, rule: Rule): string {
  const name = comment.author ? `@${comment.author.name}: ` : '';
  return `${name}${draftReason(evidence, rule)} This is a warning; next time the comment will be removed.`;
}
