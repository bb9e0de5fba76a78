import { parseLemmyText } from '../src/parse/lemmy-text.js';
import { markQuotes } from '../src/thread/quotes.js';
import { renderLemmyText } from '../test/support/render-lemmy-text.js';
import { syntheticComments } from './support/synthetic-thread.js';
const text = renderLemmyText(syntheticComments(200000)).text;
const dump = parseLemmyText(text, 'b');
for (let r = 0; r < 2; r++) { const t = performance.now(); dump.posts.map((p) => markQuotes(p)); console.log('quotes', (performance.now() - t).toFixed(0)); }
for (let r = 0; r < 2; r++) { const t = performance.now(); parseLemmyText(text, 'b'); console.log('parse', (performance.now() - t).toFixed(0)); }
