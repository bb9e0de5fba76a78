import { parseLemmyText } from '../src/parse/lemmy-text.js';
import { parseLemmyJson } from '../src/parse/lemmy-json.js';
import { markQuotes } from '../src/thread/quotes.js';
import { renderCommentList } from '../test/support/render-lemmy-json.js';
import { renderLemmyText } from '../test/support/render-lemmy-text.js';
import { syntheticApiComments, syntheticComments } from './support/synthetic-thread.js';
const fmt = process.argv[2] ?? 'lemmy-text';
const n = Number(process.argv[3] ?? 200000);
const text = fmt === 'lemmy-text' ? renderLemmyText(syntheticComments(n)).text : JSON.stringify(renderCommentList(syntheticApiComments(n), 'v3'));
for (let r = 0; r < 3; r++) {
  global.gc?.();
  let t = performance.now();
  if (fmt === 'lemmy-json') { JSON.parse(text); const j = performance.now() - t; console.log('JSON.parse', j.toFixed(0)); global.gc?.(); t = performance.now(); }
  const dump = fmt === 'lemmy-text' ? parseLemmyText(text, 'b') : parseLemmyJson(text, 'b');
  const a = performance.now() - t;
  t = performance.now();
  const posts = dump.posts.map((p) => markQuotes(p));
  const b = performance.now() - t;
  let q = 0; for (const p of posts) for (const c of p.comments) q += c.quotes.length;
  console.log(fmt, 'parse', a.toFixed(0), 'quotes', b.toFixed(0), 'spans', q);
}
