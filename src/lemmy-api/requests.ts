/**
 * The Lemmy HTTP API calls (v3, Lemmy 0.19) that carry out a moderation
 * decision, as written into a decisions file and sent by `apply`: their
 * shapes (validated when a decisions file is read) and one builder per call.
 *
 * `reason` is always sent, even when empty, because Lemmy 1.0 requires it on
 * remove and ban (0.19 takes it as optional). `remove_data` is never set on a
 * ban: wiping everything the person wrote is a separate, bigger call.
 */
import { z } from 'zod';

const id = z.number().int();

export const RemoveCommentRequest = z.object({
  method: z.literal('POST'),
  path: z.literal('/api/v3/comment/remove'),
  body: z.object({ comment_id: id, removed: z.boolean(), reason: z.string() }),
});
export type RemoveCommentRequest = z.infer<typeof RemoveCommentRequest>;

export const BanFromCommunityRequest = z.object({
  method: z.literal('POST'),
  path: z.literal('/api/v3/community/ban_user'),
  body: z.object({
    community_id: id,
    person_id: id,
    ban: z.boolean(),
    reason: z.string(),
    /**
     * Unix time in seconds when the ban ends. Written only by threadmod
     * before `banDays` (a ban decided on Dec 2 for 7 days and applied on
     * Dec 9 had already ended); `apply` sends it as written.
     */
    expires: id.optional(),
  }),
  /**
   * How long the ban lasts, in days; absent for a permanent ban. `apply`
   * sets `body.expires` to the time it sends the request plus this many
   * days, so the ban lasts as long as the moderator said, whenever it is applied.
   */
  banDays: z.number().int().positive().optional(),
});
export type BanFromCommunityRequest = z.infer<typeof BanFromCommunityRequest>;

export const CreateCommentRequest = z.object({
  method: z.literal('POST'),
  path: z.literal('/api/v3/comment'),
  body: z.object({ content: z.string().min(1), post_id: id, parent_id: id }),
});
export type CreateCommentRequest = z.infer<typeof CreateCommentRequest>;

/** `PUT /api/v3/comment/report/resolve`: marks a member's report on a comment as dealt with. */
export const ResolveCommentReportRequest = z.object({
  method: z.literal('PUT'),
  path: z.literal('/api/v3/comment/report/resolve'),
  body: z.object({ report_id: id, resolved: z.boolean() }),
});
export type ResolveCommentReportRequest = z.infer<typeof ResolveCommentReportRequest>;

export const LemmyRequest = z.discriminatedUnion('path', [
  RemoveCommentRequest,
  BanFromCommunityRequest,
  CreateCommentRequest,
  ResolveCommentReportRequest,
]);
export type LemmyRequest = z.infer<typeof LemmyRequest>;

const DAY_SECONDS = 86_400;

/** `POST /api/v3/comment/remove`: removes (or, with `removed: false`, restores) a comment. */
export function removeComment(commentId: number, removed: boolean, reason: string): RemoveCommentRequest {
  return { method: 'POST', path: '/api/v3/comment/remove', body: { comment_id: commentId, removed, reason } };
}

/**
 * `POST /api/v3/community/ban_user`, with the ban's length in days (absent
 * for a permanent ban): the end time is set when the request is sent
 * (`withBanExpiry`), not when it was decided.
 */
export function banFromCommunity(ban: {
  communityId: number;
  personId: number;
  reason: string;
  banDays?: number | null | undefined;
}): BanFromCommunityRequest {
  const request: BanFromCommunityRequest = {
    method: 'POST',
    path: '/api/v3/community/ban_user',
    body: { community_id: ban.communityId, person_id: ban.personId, ban: true, reason: ban.reason },
  };
  if (ban.banDays != null) request.banDays = ban.banDays;
  return request;
}

/** The body to send at `now`: a ban with `banDays` gets `expires` = now + that many days (unix seconds). */
export function withBanExpiry(request: LemmyRequest, now: Date): LemmyRequest['body'] {
  if (!('banDays' in request) || request.banDays === undefined) return request.body;
  return { ...request.body, expires: Math.floor(now.getTime() / 1000) + request.banDays * DAY_SECONDS };
}

/** `POST /api/v3/comment`: a reply to `parentId`. */
export function createComment(content: string, postId: number, parentId: number): CreateCommentRequest {
  return { method: 'POST', path: '/api/v3/comment', body: { content, post_id: postId, parent_id: parentId } };
}

/** `PUT /api/v3/comment/report/resolve` {report_id, resolved: true}. */
export function resolveCommentReport(reportId: number): ResolveCommentReportRequest {
  return { method: 'PUT', path: '/api/v3/comment/report/resolve', body: { report_id: reportId, resolved: true } };
}

export function isReportResolution(request: { path: string }): boolean {
  return /\/report\/resolve$/.test(request.path);
}
