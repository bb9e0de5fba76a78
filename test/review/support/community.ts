/** A community dump as `threadmod fetch --reports` writes it, grown from the recorded Lemmy responses. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { grownCommunity } from '../../lemmy/community-fixture.js';
import { tempDir } from './fixture.js';

export function communityDump(): string {
  const c = grownCommunity('v3', 3);
  const file = path.join(tempDir(), 'c.json');
  const dump = {
    threadmod: {
      fetchedFrom: 'https://test1.lemmy.ddenis.info/c/music',
      fetchedAt: '2026-06-13T00:00:00.000Z',
      apiVersion: 'v3',
      origin: 'https://test1.lemmy.ddenis.info',
    },
    community: c.community,
    posts: c.posts,
    comments: c.comments,
    reports: c.reports,
    modlog: c.modlog,
  };
  writeFileSync(file, JSON.stringify(dump));
  return file;
}
