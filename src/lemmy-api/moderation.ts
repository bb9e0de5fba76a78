/**
 * Reports and modlog entries as Lemmy sends them, v3 (0.19) and v4 (1.0).
 *
 * From lemmy-js-client's types, what threadmod relies on (everything else is
 * kept in the dump as sent, and ignored):
 * - `CommentReportView`: `comment_report {id, creator_id, comment_id, reason,
 *   resolved, published | published_at}`, `comment` (a `Comment`: id,
 *   post_id), `creator` (the reporter, a `Person`). `PostReportView`:
 *   `post_report {id, creator_id, post_id, reason, resolved}`, `post`, `creator`.
 * - v3 lists: `GET /api/v3/comment/report/list?community_id&unresolved_only&page&limit`
 *   -> `{comment_reports}`; `GET /api/v3/post/report/list` -> `{post_reports}`.
 * - v4: one combined list, `GET /api/v4/report/list?community_id&post_id&unresolved_only&page_cursor&limit`
 *   -> `{reports: ReportCombinedView[], next_page?}` where each view is a
 *   comment or post report view with `type_` ("Comment", "Post",
 *   "PrivateMessage"); 1.0 release candidates name the array `items`.
 * - Resolving: `PUT /api/v{3,4}/comment/report/resolve` and `/post/report/resolve`
 *   `{report_id, resolved}`.
 * - Modlog: `GET /api/v3/modlog?community_id&other_person_id` -> one array per
 *   kind; threadmod reads `removed_comments` (`ModRemoveCommentView`:
 *   `mod_remove_comment {comment_id, reason?, removed, when_}`, `comment`) and
 *   `banned_from_community` (`ModBanFromCommunityView`: `mod_ban_from_community
 *   {other_person_id, community_id, reason?, banned, expires?, when_}`). v4
 *   answers `{modlog: ModlogCombinedView[], next_page?}` with `type_`
 *   (`mod_remove_comment`, `mod_ban_from_community`, ...), the same inner
 *   objects with `published_at` and `expires_at`.
 */
import { z } from 'zod';
import { LemmyPerson } from './schema.js';

const id = z.int();
const time = z.string().optional();

export const CommentReport = z.looseObject({
  id,
  creator_id: id,
  comment_id: id,
  reason: z.string(),
  resolved: z.boolean(),
  published: time,
  published_at: time,
});

export const CommentReportView = z.looseObject({
  comment_report: CommentReport,
  comment: z.looseObject({ id, post_id: id, creator_id: id }),
  creator: LemmyPerson,
});
export type CommentReportView = z.infer<typeof CommentReportView>;

export const PostReport = z.looseObject({
  id,
  creator_id: id,
  post_id: id,
  reason: z.string(),
  resolved: z.boolean(),
  published: time,
  published_at: time,
});

export const PostReportView = z.looseObject({
  post_report: PostReport,
  post: z.looseObject({ id, creator_id: id }),
  creator: LemmyPerson,
});
export type PostReportView = z.infer<typeof PostReportView>;

export const CommentReportListV3 = z.looseObject({ comment_reports: z.array(CommentReportView) });
export const PostReportListV3 = z.looseObject({ post_reports: z.array(PostReportView) });

/** v4 combined list: each element is checked by `ReportView` after sorting out private-message reports. */
export const ReportListV4 = z
  .looseObject({
    reports: z.array(z.looseObject({ type_: z.string().optional() })).optional(),
    items: z.array(z.looseObject({ type_: z.string().optional() })).optional(),
    next_page: z.string().nullish(),
  })
  .refine((list) => list.reports !== undefined || list.items !== undefined, {
    message: 'expected a report list ({reports} or {items})',
  });

/** A comment or post report view, v3 or v4 (the key tells which). */
export const ReportView = z.union([CommentReportView, PostReportView]);
export type ReportView = z.infer<typeof ReportView>;

export const ModRemoveCommentView = z.looseObject({
  mod_remove_comment: z.looseObject({
    comment_id: id,
    reason: z.string().nullish(),
    removed: z.boolean(),
    when_: time,
    published_at: time,
  }),
  comment: z.looseObject({ id, creator_id: id, post_id: id }),
});

export const ModBanFromCommunityView = z.looseObject({
  mod_ban_from_community: z.looseObject({
    other_person_id: id,
    community_id: id,
    reason: z.string().nullish(),
    banned: z.boolean(),
    expires: z.string().nullish(),
    expires_at: z.string().nullish(),
    when_: time,
    published_at: time,
  }),
});

export const ModlogView = z.union([ModRemoveCommentView, ModBanFromCommunityView]);
export type ModlogView = z.infer<typeof ModlogView>;

export const ModlogV3 = z.looseObject({
  removed_comments: z.array(z.unknown()).optional(),
  banned_from_community: z.array(z.unknown()).optional(),
});
export const ModlogV4 = z.looseObject({
  modlog: z.array(z.looseObject({ type_: z.string().optional() })).optional(),
  items: z.array(z.looseObject({ type_: z.string().optional() })).optional(),
  next_page: z.string().nullish(),
});
