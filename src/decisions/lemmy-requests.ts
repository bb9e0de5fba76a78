/**
 * Which Lemmy API calls (built by `src/lemmy-api/requests.ts`) carry out a
 * decision. `threadmod export --lemmy` writes them next to each decision and
 * `threadmod apply` can send them as they are.
 *
 * Per action:
 * - remove: `POST /api/v3/comment/remove` {comment_id, removed: true, reason}.
 * - ban: the removal above, then `POST /api/v3/community/ban_user`
 *   {community_id, person_id, ban: true, reason, expires?}; `expires` is unix
 *   seconds (decidedAt + banDays), absent for a permanent ban. `remove_data` is
 *   never set: wiping everything the person wrote is a separate, bigger call.
 *   The removal goes first so that a failed ban still leaves the comment gone.
 * - warn: a reply to the comment, `POST /api/v3/comment` {content, post_id,
 *   parent_id}, whose content is the drafted message (or the reason when there
 *   is none); nothing when both are blank.
 * - approve: a restore (`removed: false`) when the dump shows the comment
 *   removed, else nothing.
 * - remove, ban and approve then resolve each open report on the comment
 *   (`PUT /api/v3/comment/report/resolve` {report_id, resolved: true}), when
 *   the dump was fetched with `--reports`: the member's report is answered
 *   either way. Warn and skip leave reports open.
 * - skip: nothing.
 *
 * `reason` is always sent, even when empty, because Lemmy 1.0 requires it on
 * remove and ban (0.19 takes it as optional).
 */
import { UserError } from '../errors.js';
import type { Comment, Post } from '../thread/schema.js';
import type { Decision } from './schema.js';
import {
  type LemmyRequest,
  banFromCommunity,
  createComment,
  removeComment,
  resolveCommentReport,
} from '../lemmy-api/requests.js';

/** The parts of a decision the requests depend on. */
export type RequestedDecision = Pick<Decision, 'commentId' | 'action' | 'reason' | 'decidedAt' | 'banDays' | 'message'>;

/**
 * The API calls for one decision, in the order to send them; null when the
 * comment has no Lemmy id (page-text dumps). Throws a UserError when a ban
 * cannot be addressed because the dump lacks the community or person id.
 */
export function lemmyRequestsFor(
  decision: RequestedDecision,
  comment: Comment,
  post: Post,
  reportIds: readonly number[] = [],
): LemmyRequest[] | null {
  const requests = actionRequests(decision, comment, post);
  if (requests === null || !['remove', 'ban', 'approve'].includes(decision.action)) return requests;
  return [...requests, ...[...new Set(reportIds)].sort((a, b) => a - b).map(resolveCommentReport)];
}

function actionRequests(decision: RequestedDecision, comment: Comment, post: Post): LemmyRequest[] | null {
  const ref = comment.lemmy;
  if (!ref) return null;
  const remove = (removed: boolean) => removeComment(ref.commentId, removed, decision.reason);
  switch (decision.action) {
    case 'remove':
      return [remove(true)];
    case 'ban': {
      const communityId = ref.communityId ?? post.community?.lemmyCommunityId ?? null;
      const personId = ref.creatorId ?? comment.author?.lemmyPersonId ?? null;
      if (communityId === null || personId === null) {
        const missing = communityId === null ? 'community id' : 'author person id';
        throw new UserError(
          `cannot build the ban request for comment ${decision.commentId}: the dump has no ${missing}`,
        );
      }
      const ban = banFromCommunity({
        communityId,
        personId,
        reason: decision.reason,
        decidedAt: decision.decidedAt,
        banDays: decision.banDays,
      });
      return [remove(true), ban];
    }
    case 'warn': {
      const content = (decision.message ?? '').trim() || decision.reason.trim();
      if (!content) return [];
      return [createComment(content, ref.postId, ref.commentId)];
    }
    case 'approve':
      return comment.removed ? [remove(false)] : [];
    case 'skip':
      return [];
  }
}
