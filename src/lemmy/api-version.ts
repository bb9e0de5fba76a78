/**
 * Which API an instance speaks. We ask `GET /api/v4/site` (Lemmy 1.0) first,
 * then `GET /api/v3/site` (0.19): the site endpoint is public, small, exists
 * in both, and answering it in Lemmy's shape is the best evidence that the
 * server is Lemmy at all. v4 goes first because 1.0 may keep serving v3 for
 * old clients while 0.19 never serves v4 (it answers 404).
 * NodeInfo (`/.well-known/nodeinfo`) would name the software too, but takes
 * two requests and says nothing about which API paths actually work.
 */
import { z } from 'zod';
import type { ApiVersion } from '../lemmy-api/schema.js';
import { LemmyRequestError } from './errors.js';
import type { LemmyHttp } from './http.js';

/** `GetSiteResponse`: only what identifies Lemmy. */
const SiteResponse = z.looseObject({
  site_view: z.looseObject({ site: z.looseObject({ name: z.string() }) }),
  version: z.string().optional(),
});

export interface DetectedApi {
  readonly apiVersion: ApiVersion;
  /** Lemmy's version string from the site response (`0.19.5`), when it gives one. */
  readonly lemmyVersion: string | null;
}

export async function detectApi(http: LemmyHttp): Promise<DetectedApi> {
  const tried: string[] = [];
  for (const apiVersion of ['v4', 'v3'] as const) {
    try {
      const { data } = await http.get(`/api/${apiVersion}/site`, undefined, SiteResponse);
      return { apiVersion, lemmyVersion: data.version ?? null };
    } catch (error) {
      // Timeouts and 5xx (after retries) and login failures are answers about
      // the connection, not about the software: report them as they are.
      if (!(error instanceof LemmyRequestError) || error.failure === 'unreachable' || error.failure === 'auth')
        throw error;
      tried.push(`/api/${apiVersion}/site: ${error.detail}`);
    }
  }
  throw new LemmyRequestError(http.origin, `does not look like a Lemmy instance (${tried.join('; ')})`, 'bad-response');
}
