/**
 * The Lemmy API shapes of a community fetch: the community itself and its
 * post listing, v3 (Lemmy 0.19) and v4 (Lemmy 1.0). Loose objects with only
 * the fields threadmod reads, as in `./schema.ts`.
 *
 * From lemmy-js-client's types (what threadmod relies on):
 * - `GET /api/v{3,4}/community?name=` answers `GetCommunityResponse`
 *   `{community_view: {community: Community, ...}, moderators, ...}`.
 * - `GET /api/v3/post/list?community_id&sort=New&type_=All&page&limit`
 *   answers `{posts: PostView[], next_page?}`; v4 takes `sort=new`,
 *   `type_=all`, `page_cursor` and answers `{items: PostView[], next_page?, prev_page?}`.
 * - `Post` has `published` (v3) or `published_at` (v4), and
 *   `featured_community` (pinned posts come first whatever their age).
 */
import { z } from 'zod';
import { ApiVersion, LemmyCommentView, LemmyCommunity, LemmyPerson, LemmyPost } from './schema.js';

export const CommunityResponse = z.looseObject({
  community_view: z.looseObject({ community: LemmyCommunity }),
});
export type CommunityResponse = z.infer<typeof CommunityResponse>;

/** A post as listed, with what the listing needs to decide where to stop. */
export const ListedPost = LemmyPost.extend({
  published: z.string().optional(),
  published_at: z.string().optional(),
  featured_community: z.boolean().optional(),
});

export const PostListView = z.looseObject({
  post: ListedPost,
  creator: LemmyPerson,
  community: LemmyCommunity,
  creator_is_moderator: z.boolean().optional(),
  creator_is_admin: z.boolean().optional(),
});
export type PostListView = z.infer<typeof PostListView>;

export const PostListV3 = z.looseObject({ posts: z.array(PostListView), next_page: z.string().nullish() });
export const PostListV4 = z.looseObject({
  items: z.array(PostListView),
  next_page: z.string().nullish(),
  prev_page: z.string().nullish(),
});

export function postPublished(post: z.infer<typeof ListedPost>): number | null {
  const text = post.published_at ?? post.published;
  if (text === undefined) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : at;
}

/**
 * What `threadmod fetch <community>` writes: the community, the posts
 * listed, every comment of those posts, and (with `--reports`) the open
 * reports and the reported authors' modlog entries, all as Lemmy sent them.
 */
export const CommunityDump = z
  .object({
    threadmod: z.object({
      /** The community as given to `threadmod fetch` (`https://host/c/name` or `name@host`). */
      fetchedFrom: z.string(),
      fetchedAt: z.string(),
      apiVersion: ApiVersion,
      /** The instance the ids are valid on. */
      origin: z.string(),
    }),
    community: CommunityResponse,
    posts: z.array(PostListView),
    comments: z.array(LemmyCommentView),
    reports: z.array(z.unknown()).optional(),
    modlog: z.array(z.unknown()).optional(),
  })
  .meta({
    title: 'threadmod community dump',
    description: "A Lemmy community's recent posts with their comments, as `threadmod fetch` saves them.",
  });
export type CommunityDump = z.infer<typeof CommunityDump>;
