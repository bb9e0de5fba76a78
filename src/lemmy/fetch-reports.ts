/**
 * The open reports of a community (comment and post reports) and the modlog
 * entries of the people they concern, for a moderator's login. Paged like
 * comments (v3 `page`, v4 `page_cursor`), bounded, and kept as Lemmy sent
 * them; `src/lemmy-api/moderation.ts` names the shapes relied on.
 */
import type { z } from 'zod';
import type { ApiVersion } from '../lemmy-api/schema.js';
import {
  CommentReportListV3,
  CommentReportView,
  ModBanFromCommunityView,
  ModlogV3,
  ModlogV4,
  ModRemoveCommentView,
  PostReportListV3,
  PostReportView,
  ReportListV4,
} from '../lemmy-api/moderation.js';
import { jsonPath } from '../errors.js';
import { LemmyRequestError } from './errors.js';
import type { LemmyHttp } from './http.js';
import { MAX_PAGE_SIZE } from './fetch-thread.js';

export interface FetchReportsOptions {
  readonly apiVersion: ApiVersion;
  readonly communityId: number;
  /** Keep only reports on these posts (a post dump); null keeps every report of the community. */
  readonly postIds: ReadonlySet<number> | null;
  /** Stop (with a warning) after this many pages of each list. */
  readonly maxPages?: number;
  readonly onPage?: (reports: number) => void;
}

export interface FetchedReports {
  /** `CommentReportView`s and `PostReportView`s (v4: with `type_`), each report once. */
  readonly reports: unknown[];
  readonly commentReports: number;
  readonly postReports: number;
  readonly pages: number;
  readonly warnings: string[];
}

export async function fetchReports(http: LemmyHttp, options: FetchReportsOptions): Promise<FetchedReports> {
  const maxPages = options.maxPages ?? 200;
  const warnings: string[] = [];
  const kept = new Map<string, unknown>();
  let pages = 0;
  let commentReports = 0;
  let postReports = 0;
  const keep = (raw: unknown): void => {
    const comment = CommentReportView.safeParse(raw);
    if (comment.success) {
      const { comment_report: report, comment: c } = comment.data;
      if (options.postIds !== null && !options.postIds.has(c.post_id)) return;
      if (report.resolved || kept.has(`c${report.id}`)) return;
      kept.set(`c${report.id}`, raw);
      commentReports++;
      return;
    }
    const post = PostReportView.safeParse(raw);
    if (post.success) {
      const { post_report: report } = post.data;
      if (options.postIds !== null && !options.postIds.has(report.post_id)) return;
      if (report.resolved || kept.has(`p${report.id}`)) return;
      kept.set(`p${report.id}`, raw);
      postReports++;
    }
  };
  const base = { community_id: options.communityId, unresolved_only: 'true', limit: MAX_PAGE_SIZE };

  if (options.apiVersion === 'v3') {
    const lists = [
      {
        path: '/api/v3/comment/report/list',
        schema: CommentReportListV3,
        key: 'comment_reports',
        item: CommentReportView,
      },
      { path: '/api/v3/post/report/list', schema: PostReportListV3, key: 'post_reports', item: PostReportView },
    ] as const;
    for (const list of lists) {
      let previous = '';
      for (let page = 1; ; page++) {
        if (page > maxPages) {
          warnings.push(`stopped after ${maxPages} pages of ${list.path}; some reports may be missing`);
          break;
        }
        const answer = await http.get(list.path, { ...base, page }, list.schema as z.ZodType<Record<string, unknown>>);
        pages++;
        const raws = ((answer.raw as Record<string, unknown>)[list.key] ?? []) as unknown[];
        for (const raw of raws) keep(checked(list.item as z.ZodType<unknown>, raw, `${list.path}: ${list.key}`));
        options.onPage?.(kept.size);
        const ids = JSON.stringify(raws.map((r) => (r as Record<string, { id?: unknown }>)[list.key.slice(0, -1)]?.id));
        if (raws.length < MAX_PAGE_SIZE || ids === previous) break;
        previous = ids;
      }
    }
  } else {
    let cursor: string | undefined;
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      if (page > maxPages) {
        warnings.push(`stopped after ${maxPages} pages of /api/v4/report/list; some reports may be missing`);
        break;
      }
      const answer = await http.get('/api/v4/report/list', { ...base, page_cursor: cursor }, ReportListV4);
      pages++;
      const key = answer.data.reports !== undefined ? 'reports' : 'items';
      const raws = ((answer.raw as Record<string, unknown>)[key] ?? []) as unknown[];
      for (const raw of raws) {
        const type = (raw as { type_?: unknown }).type_;
        if (type === 'Comment') keep(checked(CommentReportView, raw, '/api/v4/report/list'));
        else if (type === 'Post') keep(checked(PostReportView, raw, '/api/v4/report/list'));
        // Private-message reports have no place in a community's queue.
      }
      options.onPage?.(kept.size);
      const next = answer.data.next_page ?? null;
      if (raws.length === 0 || next === null) break;
      if (seen.has(next)) {
        warnings.push('the server sent the same report next_page cursor twice; stopped paging');
        break;
      }
      seen.add(next);
      cursor = next;
    }
  }
  return { reports: [...kept.values()], commentReports, postReports, pages, warnings };
}

export interface FetchModlogOptions {
  readonly apiVersion: ApiVersion;
  readonly communityId: number;
  readonly personIds: readonly number[];
  /** At most this many people are looked up (one request each). */
  readonly maxPersons?: number;
}

export interface FetchedModlog {
  /** `ModRemoveCommentView`s and `ModBanFromCommunityView`s (v4: with `type_`). */
  readonly entries: unknown[];
  readonly warnings: string[];
}

/**
 * The community's modlog for each person (their comment removals and bans),
 * one page of the 50 newest entries each: enough to see a pattern, bounded
 * whatever the history.
 */
export async function fetchModlog(http: LemmyHttp, options: FetchModlogOptions): Promise<FetchedModlog> {
  const maxPersons = options.maxPersons ?? 100;
  const warnings: string[] = [];
  const people = [...new Set(options.personIds)].sort((a, b) => a - b);
  if (people.length > maxPersons) {
    warnings.push(`${people.length} reported authors; read the modlog of the first ${maxPersons} only`);
  }
  const entries: unknown[] = [];
  const seen = new Set<string>();
  const add = (raw: unknown, where: string): void => {
    const removal = ModRemoveCommentView.safeParse(raw);
    const ban = removal.success ? null : ModBanFromCommunityView.safeParse(raw);
    if (!removal.success && !ban?.success) {
      checked(ModRemoveCommentView, raw, where);
      return;
    }
    const key = JSON.stringify(raw);
    if (seen.has(key)) return;
    seen.add(key);
    entries.push(raw);
  };
  for (const person of people.slice(0, maxPersons)) {
    const query = { community_id: options.communityId, other_person_id: person, limit: MAX_PAGE_SIZE };
    if (options.apiVersion === 'v3') {
      const answer = await http.get('/api/v3/modlog', { ...query, page: 1 }, ModlogV3);
      const raw = answer.raw as Record<string, unknown[] | undefined>;
      for (const entry of raw.removed_comments ?? []) add(entry, '/api/v3/modlog: removed_comments');
      for (const entry of raw.banned_from_community ?? []) add(entry, '/api/v3/modlog: banned_from_community');
    } else {
      const answer = await http.get('/api/v4/modlog', query, ModlogV4);
      const key = answer.data.modlog !== undefined ? 'modlog' : 'items';
      for (const entry of ((answer.raw as Record<string, unknown[] | undefined>)[key] ?? []) as unknown[]) {
        const type = (entry as { type_?: unknown }).type_;
        if (type === 'mod_remove_comment' || type === 'mod_ban_from_community') add(entry, '/api/v4/modlog');
      }
    }
  }
  return { entries, warnings };
}

/** Validates one element of a list, naming the list in the error (the HTTP layer checked only the envelope). */
function checked<T>(schema: z.ZodType<T>, raw: unknown, where: string): unknown {
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const at = issue ? jsonPath(issue.path as (string | number)[]) : '$';
    throw new LemmyRequestError(`GET ${where}`, `not the answer Lemmy gives: ${at}: ${issue?.message}`, 'bad-response');
  }
  return raw;
}
