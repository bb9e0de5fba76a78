/**
 * `threadmod fetch` without the command line: find out which API the
 * instance speaks, download the thread, and save it as one `FetchedDump`
 * (written atomically, so an interrupted fetch never leaves half a file).
 */
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { writeFileAtomically } from '../io/atomic-write.js';
import { FetchedDump, PostResponse } from '../lemmy-api/schema.js';
import { CommentReportView, PostReportView } from '../lemmy-api/moderation.js';
import { fetchModlog, fetchReports } from './fetch-reports.js';
import { detectApi, type DetectedApi } from './api-version.js';
import { fetchThread, type FetchProgress } from './fetch-thread.js';
import type { LemmyHttp } from './http.js';
import type { PostLocation } from './instance-url.js';
import { isMissing } from '../io/errno.js';

export interface FetchDumpOptions {
  readonly location: PostLocation;
  /** What the user gave (the post URL), recorded as `fetchedFrom`. */
  readonly fetchedFrom: string;
  readonly out: string;
  /** Replace an existing file at `out`. */
  readonly force: boolean;
  readonly now?: () => Date;
  readonly onDetected?: (api: DetectedApi) => void;
  readonly onProgress?: (progress: FetchProgress) => void;
  /** Also the open reports on this post and the reported authors' modlog (needs a moderator's token). */
  readonly reports?: boolean;
}

export interface FetchDumpResult {
  readonly api: DetectedApi;
  readonly comments: number;
  readonly expected: number | null;
  readonly pages: number;
  readonly warnings: readonly string[];
  readonly commentReports: number;
  readonly postReports: number;
  readonly modlogEntries: number;
}

export async function fetchDump(http: LemmyHttp, options: FetchDumpOptions): Promise<FetchDumpResult> {
  // Checked first so a taken name costs no traffic; checked again before writing.
  if (!options.force) await refuseExisting(options.out);
  const api = await detectApi(http);
  options.onDetected?.(api);
  const fetchedAt = (options.now?.() ?? new Date()).toISOString();
  const thread = await fetchThread(http, {
    apiVersion: api.apiVersion,
    postId: options.location.postId,
    onProgress: options.onProgress,
  });
  const warnings = [...thread.warnings];
  let moderation: { reports: unknown[]; modlog: unknown[] } | null = null;
  let commentReports = 0;
  let postReports = 0;
  if (options.reports) {
    const communityId = PostResponse.parse(thread.post).post_view.community.id;
    const fetched = await fetchReports(http, {
      apiVersion: api.apiVersion,
      communityId,
      postIds: new Set([options.location.postId]),
    });
    ({ commentReports, postReports } = fetched);
    const people = fetched.reports.map((raw) => {
      const comment = CommentReportView.safeParse(raw);
      return comment.success ? comment.data.comment.creator_id : PostReportView.parse(raw).post.creator_id;
    });
    const log = await fetchModlog(http, { apiVersion: api.apiVersion, communityId, personIds: people });
    warnings.push(...fetched.warnings, ...log.warnings);
    moderation = { reports: fetched.reports, modlog: log.entries };
  }
  const dump = {
    threadmod: { fetchedFrom: options.fetchedFrom, fetchedAt, apiVersion: api.apiVersion },
    post: thread.post,
    comments: thread.comments,
    ...moderation,
  };
  // Every page was checked as it came; this checks the envelope we built around them.
  FetchedDump.parse(dump);
  if (!options.force) await refuseExisting(options.out);
  await writeFileAtomically(options.out, `${JSON.stringify(dump, null, 2)}\n`);
  return {
    api,
    comments: thread.comments.length,
    expected: thread.expected,
    pages: thread.pages,
    warnings,
    commentReports,
    postReports,
    modlogEntries: moderation?.modlog.length ?? 0,
  };
}

/** A dump may already have decisions made against it (journals name its sha256): never replace one by surprise. */
async function refuseExisting(file: string): Promise<void> {
  try {
    await stat(file);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  throw new UserError(`${file} already exists; pass --force to replace it, or --out to write elsewhere`);
}
