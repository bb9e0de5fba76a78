/**
 * A community for the stand-in, grown from the recorded Lemmy responses in
 * ../shared/lemmy (community "music", post 180, comment 501): several posts
 * (clones of the recorded post view), their comments (clones of the recorded
 * comment view), open comment and post reports and modlog entries, in the
 * v3 or v4 shapes of lemmy-js-client's `CommentReportView`, `PostReportView`,
 * `ReportCombinedView`, `ModRemoveCommentView` and `ModBanFromCommunityView`.
 *
 * Fixed shape, so tests can reason about it:
 * - posts 300..(300+posts-1), post 300 the newest, one hour apart; post
 *   `pinned` (if given) is the oldest and featured;
 * - post 300+i has `4 + (i % 3) * 3` comments, ids 10000 + i*100 + j; every
 *   third comment is top level, the others answer the comment before them;
 *   authors standin_user200..205 (comment j by 200 + j % 6);
 * - "the troll" is standin_user203: open comment reports on comments
 *   10003 (two reporters) and 10103 (one), a post report on post 301, and
 *   in the modlog one earlier removal of theirs and one 3-day ban.
 */
import { LemmyStandin, type Api } from '../support/lemmy-standin.js';
import { recorded, setChildCounts } from './thread-fixture.js';

type Json = Record<string, any>;

export const TROLL = 203;
export const COMMUNITY = 'music';

export interface Community {
  readonly community: Json;
  readonly posts: Json[];
  readonly comments: Json[];
  readonly reports: Json[];
  readonly modlog: Json[];
  /** Newest first. */
  readonly postIds: number[];
}

export function grownCommunity(api: Api, posts = 5, options: { pinned?: boolean; reasons?: string[] } = {}): Community {
  const base = recorded(api);
  const v3 = api === 'v3';
  const template = base.post.post_view as Json;
  const commentTemplate = base.views[0]!;
  const host = new URL(template.post.ap_id as string).origin;
  const newest = Date.parse('2026-06-12T23:00:00Z');
  const stamp = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');
  const published = v3 ? 'published' : 'published_at';

  const postViews: Json[] = [];
  const comments: Json[] = [];
  for (let i = 0; i < posts; i++) {
    const id = 300 + i;
    const view = structuredClone(template);
    const pinned = options.pinned === true && i === posts - 1;
    Object.assign(view.post, {
      id,
      name: `Weekly thread ${id}: what are you listening to?`,
      ap_id: `${host}/post/${id}`,
      [published]: stamp(newest - i * 3_600_000 - (pinned ? 30 * 86_400_000 : 0)),
      featured_community: pinned,
    });
    const n = 4 + (i % 3) * 3;
    if (v3) view.counts = { ...view.counts, post_id: id, comments: n };
    else view.post.comments = n;
    postViews.push(view);

    const paths: string[] = [];
    for (let j = 0; j < n; j++) {
      const cid = 10_000 + i * 100 + j;
      const parent = j % 3 === 0 ? '0' : paths[j - 1]!;
      const path = `${parent}.${cid}`;
      paths.push(path);
      const c = structuredClone(commentTemplate);
      const person = 200 + (j % 6);
      Object.assign(c.comment, {
        id: cid,
        post_id: id,
        path,
        creator_id: person,
        ap_id: `${host}/comment/${cid}`,
        content:
          person === TROLL ? `You are an idiot and everyone here knows it (${cid}).` : `Good pick, ${cid} agrees.`,
        [published]: stamp(newest - i * 3_600_000 + (j + 1) * 60_000),
        removed: false,
      });
      Object.assign(c.creator, { id: person, name: `standin_user${person}`, display_name: null });
      c.creator[v3 ? 'actor_id' : 'ap_id'] = `${host}/u/standin_user${person}`;
      c.post = structuredClone(view.post);
      if (v3) c.counts = { ...c.counts, comment_id: cid, score: j % 5 };
      else c.comment.score = j % 5;
      comments.push(c);
    }
  }
  setChildCounts(comments, api);

  const person = (id: number): Json => {
    const p = structuredClone(commentTemplate.creator);
    Object.assign(p, { id, name: `standin_user${id}`, display_name: null });
    p[v3 ? 'actor_id' : 'ap_id'] = `${host}/u/standin_user${id}`;
    return p;
  };
  const commentOf = (id: number) => comments.find((c) => c.comment.id === id)!;
  const reasons = options.reasons ?? ['personal attack on me', 'insults another member', 'rule 3'];
  const reports: Json[] = [];
  const commentReport = (reportId: number, commentId: number, reporter: number, reason: string) => {
    const c = commentOf(commentId);
    const view: Json = {
      comment_report: {
        id: reportId,
        creator_id: reporter,
        comment_id: commentId,
        original_comment_text: c.comment.content,
        reason,
        resolved: false,
        resolver_id: null,
        [published]: stamp(newest + reportId * 60_000),
      },
      comment: structuredClone(c.comment),
      post: structuredClone(c.post),
      community: structuredClone(c.community),
      creator: person(reporter),
      comment_creator: structuredClone(c.creator),
      creator_banned_from_community: false,
      creator_is_moderator: false,
      creator_is_admin: false,
    };
    if (v3) view.counts = structuredClone(c.counts);
    else view.creator_banned = false;
    reports.push(v3 ? view : { type_: 'Comment', ...view });
  };
  commentReport(1, 10_003, 300, reasons[0]!);
  commentReport(2, 10_003, 301, reasons[1]!);
  if (posts > 1) commentReport(3, 10_103, 300, reasons[2]!);
  const reportedPost = postViews[Math.min(1, posts - 1)]!;
  const postReport: Json = {
    post_report: {
      id: 1,
      creator_id: 302,
      post_id: reportedPost.post.id,
      original_post_name: reportedPost.post.name,
      reason: 'off topic',
      resolved: false,
      [published]: stamp(newest),
    },
    post: structuredClone(reportedPost.post),
    community: structuredClone(reportedPost.community),
    creator: person(302),
    post_creator: structuredClone(reportedPost.creator),
    creator_banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
  };
  reports.push(v3 ? postReport : { type_: 'Post', ...postReport });

  const communityId = template.community.id as number;
  const earlier = structuredClone(commentOf(10_003).comment);
  Object.assign(earlier, { id: 9_001, path: '0.9001', content: 'An earlier insult', removed: true });
  const removal: Json = {
    mod_remove_comment: {
      id: 1,
      mod_person_id: 14,
      comment_id: 9_001,
      reason: 'Rule 3: no personal attacks',
      removed: true,
      [v3 ? 'when_' : 'published_at']: '2026-05-01T10:00:00.000000Z',
    },
    moderator: person(14),
    comment: earlier,
    [v3 ? 'commenter' : 'other_person']: person(TROLL),
    post: structuredClone(postViews[0]!.post),
    community: structuredClone(template.community),
  };
  const ban: Json = {
    mod_ban_from_community: {
      id: 1,
      mod_person_id: 14,
      other_person_id: TROLL,
      community_id: communityId,
      reason: 'Repeated attacks',
      banned: true,
      [v3 ? 'expires' : 'expires_at']: '2026-05-04T10:00:00.000000Z',
      [v3 ? 'when_' : 'published_at']: '2026-05-01T10:01:00.000000Z',
    },
    moderator: person(14),
    community: structuredClone(template.community),
    [v3 ? 'banned_person' : 'other_person']: person(TROLL),
  };
  const modlog = v3
    ? [removal, ban]
    : [
        { type_: 'mod_remove_comment', ...removal },
        { type_: 'mod_ban_from_community', ...ban },
      ];

  return {
    community: { community_view: structuredClone(base.post.community_view), moderators: [] },
    posts: postViews,
    comments,
    reports,
    modlog,
    postIds: postViews.map((p) => p.post.id as number),
  };
}

/** A stand-in serving the grown community `c` (its newest post as the single post), accepting `token`. */
export function communityStandin(api: Api, c: Community, token: string): Promise<LemmyStandin> {
  return LemmyStandin.start({
    api,
    post: { post_view: c.posts[0] },
    comments: c.comments,
    community: c.community,
    posts: c.posts,
    reports: c.reports,
    modlog: c.modlog,
    token,
  });
}
