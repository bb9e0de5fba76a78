/**
 * `npm run bench:parse`: how fast the two parsers rebuild a 200,000-comment
 * thread, and whether memory grows linearly with its size.
 *
 * Method: each (format, size) runs in a fresh child process so that peak RSS
 * (getrusage maxrss) belongs to that parse alone. The child generates the
 * dump text first (not timed), records RSS, then times `parseDump` (which
 * includes quote marking, done in place on the parser's fresh comments)
 * three times and reports the best. For lemmy-json it also times a bare
 * `JSON.parse` of the same text (best of 3): the floor no JSON parser built
 * on it can go under. Memory is peak RSS minus RSS before parsing, per
 * comment, at 50k, 100k and 200k.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseDump } from '../src/parse/index.js';
import { renderCommentList } from '../test/support/render-lemmy-json.js';
import { renderLemmyText } from '../test/support/render-lemmy-text.js';
import { report } from './support/report.js';
import { syntheticApiComments, syntheticComments } from './support/synthetic-thread.js';

type Format = 'lemmy-text' | 'lemmy-json';
interface Measure {
  format: Format;
  count: number;
  bytes: number;
  seconds: number;
  /** Best bare JSON.parse of the text (lemmy-json only), else null. */
  jsonParseSeconds: number | null;
  /** Best bare line scan of the text (split into lines, each trimmed): what any line parser does at least. */
  lineScanSeconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

function measure(format: Format, count: number): Measure {
  const text =
    format === 'lemmy-text'
      ? renderLemmyText(syntheticComments(count)).text
      : JSON.stringify(renderCommentList(syntheticApiComments(count), 'v3'));
  global.gc?.();
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    const dump = parseDump(text, 'bench', format);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const parsed = dump.posts.reduce((n, p) => n + p.comments.length, 0);
    if (parsed < count) throw new Error(`parsed ${parsed} of ${count} comments`);
    best = Math.min(best, seconds);
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // After the peak RSS reading, so the floor's own garbage does not count.
  let jsonParseSeconds: number | null = null;
  if (format === 'lemmy-json') {
    jsonParseSeconds = Infinity;
    for (let i = 0; i < 3; i++) {
      global.gc?.();
      const start = process.hrtime.bigint();
      JSON.parse(text);
      jsonParseSeconds = Math.min(jsonParseSeconds, Number(process.hrtime.bigint() - start) / 1e9);
    }
  }
  let lineScanSeconds = Infinity;
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    const start = process.hrtime.bigint();
    let chars = 0;
    for (const line of text.split('\n')) chars += line.trimEnd().length;
    if (chars < 0) throw new Error('unreachable');
    lineScanSeconds = Math.min(lineScanSeconds, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return {
    format,
    count,
    bytes: Buffer.byteLength(text),
    seconds: best,
    jsonParseSeconds,
    lineScanSeconds,
    rssBeforeMb,
    peakRssMb,
  };
}

const [, , childFormat, childCount] = process.argv;
if (childFormat) {
  process.stdout.write(JSON.stringify(measure(childFormat as Format, Number(childCount))));
} else {
  const self = fileURLToPath(import.meta.url);
  const sizes = [50_000, 100_000, 200_000];
  console.log('threadmod parse benchmark: parseDump (format parser + quote marking) on synthetic dumps');
  console.log(
    'each row: a fresh process; seconds = best of 3 parses; JSON.parse = best of 3 bare JSON.parse of the same text;',
  );
  console.log('peak RSS via getrusage; KB/comment = (peak RSS - RSS before parsing) / comments');
  console.log(
    'format      comments     MB in   seconds   JSON.parse   comments/s   peak RSS MB   parse RSS KB/comment',
  );
  const rows: Measure[] = [];
  for (const format of ['lemmy-text', 'lemmy-json'] as const) {
    for (const count of sizes) {
      const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, format, String(count)], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      const m = JSON.parse(out) as Measure;
      rows.push(m);
      const perComment = ((m.peakRssMb - m.rssBeforeMb) * 1024) / m.count;
      console.log(
        `${m.format.padEnd(11)} ${String(m.count).padStart(8)} ${(m.bytes / 2 ** 20).toFixed(1).padStart(9)} ${m.seconds
          .toFixed(3)
          .padStart(
            9,
          )} ${(m.jsonParseSeconds === null ? '-' : m.jsonParseSeconds.toFixed(3)).padStart(12)} ${Math.round(
          m.count / m.seconds,
        )
          .toString()
          .padStart(12)} ${m.peakRssMb.toFixed(0).padStart(13)} ${perComment.toFixed(2).padStart(22)}`,
      );
    }
  }
  const big = (format: Format) => rows.find((r) => r.format === format && r.count === 200_000)!;
  const text = big('lemmy-text');
  const json = big('lemmy-json');
  console.log('');
  report({
    name: 'parse 200k comments, page text',
    value: text.seconds,
    unit: 's',
    floor: text.lineScanSeconds,
    floorName: 'split into lines + trimEnd',
    target: { on: 'value', op: '<=', limit: 1.2 },
  });
  report({
    name: 'parse 200k comments, API JSON',
    value: json.seconds,
    unit: 's',
    floor: json.jsonParseSeconds!,
    floorName: 'bare JSON.parse of the same text',
    target: { on: 'ratio', op: '<=', limit: 1.5 },
  });
  report({
    name: 'peak RSS, 200k comments, API JSON',
    value: json.peakRssMb,
    unit: 'MB',
    floor: json.rssBeforeMb,
    floorName: 'RSS holding the dump text, before parsing',
    target: { on: 'value', op: '<=', limit: 1536 },
    note: `${(((json.peakRssMb - json.rssBeforeMb) * 1024) / json.count).toFixed(2)} KB per comment above the text`,
  });
  console.log('Linear memory shows as a roughly constant KB/comment across the three sizes.');
}
