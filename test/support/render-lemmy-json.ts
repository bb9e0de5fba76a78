/**
 * Renders comments as Lemmy API JSON, field for field in the shape of the
 * recorded responses in ../shared/lemmy (v3 and v4), including the fields
 * threadmod ignores, so tests exercise the parser on realistic documents.
 */

export type ApiVersion = 'v3' | 'v4';

export interface RenderPerson {
  readonly id: number;
  readonly name: string;
  readonly displayName: string | null;
  /** Host of the person's home instance. */
  readonly instance: string;
  readonly bot: boolean;
}

export interface RenderCommunity {
  readonly id: number;
  readonly name: string;
  readonly instance: string;
}

export interface RenderPost {
  readonly id: number;
  readonly title: string;
  readonly body: string | null;
  readonly url: string | null;
  readonly creator: RenderPerson;
  readonly community: RenderCommunity;
  readonly published: string;
}

export interface RenderComment {
  readonly id: number;
  /** Ancestor ids from the top-level comment down, then `id` itself. */
  readonly path: readonly number[];
  readonly post: RenderPost;
  readonly creator: RenderPerson;
  readonly content: string;
  readonly score: number;
  readonly published: string;
  readonly removed: boolean;
  readonly deleted: boolean;
  readonly distinguished: boolean;
  readonly creatorIsModerator: boolean;
  readonly creatorIsAdmin: boolean;
}

const HOME = 'test1.lemmy.ddenis.info';

function actorUrl(person: RenderPerson): string {
  return `https://${person.instance}/u/${person.name}`;
}

export function renderPerson(person: RenderPerson, version: ApiVersion): Record<string, unknown> {
  const common = {
    id: person.id,
    name: person.name,
    ...(person.displayName === null ? {} : { display_name: person.displayName }),
    avatar: `https://picsum.photos/seed/${person.name}/400/400`,
  };
  const rest = {
    bio: 'Seeded user.',
    local: person.instance === HOME,
    banner: `https://picsum.photos/seed/${person.name}-b/1200/300`,
    deleted: false,
    bot_account: person.bot,
    instance_id: person.instance === HOME ? 1 : 2,
  };
  return version === 'v3'
    ? { ...common, banned: false, published: '2026-06-12T22:09:11.363420Z', actor_id: actorUrl(person), ...rest }
    : {
        ...common,
        published_at: '2026-06-12T22:09:11.363420Z',
        ap_id: actorUrl(person),
        ...rest,
        last_refreshed_at: '2026-06-12T22:09:11.363420Z',
        post_count: 0,
        comment_count: 0,
      };
}

export function renderCommunity(community: RenderCommunity, version: ApiVersion): Record<string, unknown> {
  const actor = `https://${community.instance}/c/${community.name}`;
  const common = { id: community.id, name: community.name, title: community.name.toUpperCase(), removed: false };
  return version === 'v3'
    ? {
        ...common,
        published: '2026-06-12T23:37:21.928884Z',
        deleted: false,
        nsfw: false,
        actor_id: actor,
        local: true,
        hidden: false,
        posting_restricted_to_mods: false,
        instance_id: 1,
        visibility: 'Public',
      }
    : {
        ...common,
        published_at: '2026-06-12T23:37:21.928884Z',
        deleted: false,
        nsfw: false,
        ap_id: actor,
        local: true,
        posting_restricted_to_mods: false,
        instance_id: 1,
        visibility: 'public',
        last_refreshed_at: '2026-06-12T23:37:21.928884Z',
        subscribers: 100,
        posts: 50,
        comments: 200,
        subscribers_local: 0,
        users_active_day: 0,
        users_active_week: 0,
        users_active_month: 0,
        users_active_half_year: 0,
        report_count: 0,
        unresolved_report_count: 0,
        local_removed: false,
      };
}

export function renderPost(post: RenderPost, version: ApiVersion): Record<string, unknown> {
  const common = {
    id: post.id,
    name: post.title,
    ...(post.url === null ? {} : { url: post.url }),
    ...(post.body === null ? {} : { body: post.body }),
    creator_id: post.creator.id,
    community_id: post.community.id,
    removed: false,
    locked: false,
  };
  const rest = {
    deleted: false,
    nsfw: false,
    embed_title: 'Example Domain',
    ap_id: `https://${HOME}/post/${post.id}`,
    local: true,
    language_id: 0,
    featured_community: false,
    featured_local: false,
  };
  return version === 'v3'
    ? { ...common, published: post.published, ...rest, url_content_type: 'text/html' }
    : {
        ...common,
        published_at: post.published,
        ...rest,
        comments: 7,
        score: 1,
        upvotes: 1,
        downvotes: 0,
        report_count: 0,
        unresolved_report_count: 0,
        federation_pending: false,
      };
}

export function lemmyPath(comment: RenderComment): string {
  return ['0', ...comment.path].join('.');
}

export function renderCommentView(comment: RenderComment, version: ApiVersion): Record<string, unknown> {
  const common = {
    id: comment.id,
    creator_id: comment.creator.id,
    post_id: comment.post.id,
    content: comment.content,
    removed: comment.removed,
  };
  const rest = {
    deleted: comment.deleted,
    ap_id: `https://${comment.creator.instance}/comment/${comment.id}`,
    local: comment.creator.instance === HOME,
    path: lemmyPath(comment),
    distinguished: comment.distinguished,
    language_id: 0,
  };
  const view = {
    creator: renderPerson(comment.creator, version),
    post: renderPost(comment.post, version),
    community: renderCommunity(comment.post.community, version),
  };
  if (version === 'v3') {
    return {
      comment: { ...common, published: comment.published, ...rest },
      ...view,
      counts: {
        comment_id: comment.id,
        score: comment.score,
        upvotes: Math.max(comment.score, 0),
        downvotes: Math.max(-comment.score, 0),
        published: comment.published,
        child_count: 0,
      },
      creator_banned_from_community: false,
      banned_from_community: false,
      creator_is_moderator: comment.creatorIsModerator,
      creator_is_admin: comment.creatorIsAdmin,
      subscribed: 'NotSubscribed',
      saved: false,
      creator_blocked: false,
    };
  }
  return {
    comment: {
      ...common,
      published_at: comment.published,
      ...rest,
      locked: false,
      federation_pending: false,
      unresolved_report_count: 0,
      report_count: 0,
      child_count: 0,
      downvotes: Math.max(-comment.score, 0),
      upvotes: Math.max(comment.score, 0),
      score: comment.score,
    },
    ...view,
    creator_banned_from_community: false,
    creator_is_moderator: comment.creatorIsModerator,
    creator_banned: false,
    can_mod: false,
    creator_is_admin: comment.creatorIsAdmin,
    tags: [],
  };
}

/** `GET /api/v3/comment/list` or `/api/v4/comment/list`, views in the order given. */
export function renderCommentList(comments: readonly RenderComment[], version: ApiVersion): Record<string, unknown> {
  const views = comments.map((comment) => renderCommentView(comment, version));
  return version === 'v3' ? { comments: views } : { items: views, next_page: null, prev_page: null };
}

/** `GET /api/v3/post` or `/api/v4/post`. */
export function renderPostResponse(post: RenderPost, version: ApiVersion): Record<string, unknown> {
  const community = renderCommunity(post.community, version);
  const postView = {
    post: renderPost(post, version),
    creator: renderPerson(post.creator, version),
    community,
    creator_banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
  };
  return version === 'v3'
    ? {
        post_view: { ...postView, banned_from_community: false },
        community_view: { community, subscribed: 'NotSubscribed' },
        moderators: [],
        cross_posts: [],
      }
    : {
        post_view: { ...postView, creator_banned: false, can_mod: false, tags: [] },
        community_view: { community, can_mod: false, tags: [] },
        cross_posts: [],
      };
}
