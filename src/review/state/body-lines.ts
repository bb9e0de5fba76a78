/**
 * A comment body cut into toned segments (evidence, matched terms, quoted
 * text) and wrapped to the pane's width. Offsets are UTF-16, as in the
 * thread model; wrapping measures terminal columns.
 */
import type { Styled, Tone } from './styled.js';
import { charWidth, textWidth } from './text-width.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Marks {
  readonly evidence: readonly Span[];
  readonly terms: readonly Span[];
  readonly quotes: readonly Span[];
}

function covered(spans: readonly Span[], at: number): boolean {
  return spans.some((s) => s.start <= at && at < s.end);
}

/** Splits `body` at every span boundary; concatenating the texts gives `body` back. */
export function segmentBody(body: string, marks: Marks): Styled[] {
  const cuts = new Set<number>([0, body.length]);
  for (const span of [...marks.evidence, ...marks.terms, ...marks.quotes]) {
    for (const at of [span.start, span.end]) if (at > 0 && at < body.length) cuts.add(at);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Styled[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (start === end) continue;
    const evidence = covered(marks.evidence, start);
    const tone: Tone = evidence
      ? covered(marks.terms, start)
        ? 'term'
        : 'evidence'
      : covered(marks.quotes, start)
        ? 'quoted'
        : 'plain';
    const last = out[out.length - 1];
    const text = body.slice(start, end);
    if (last && last.tone === tone) out[out.length - 1] = { text: last.text + text, tone };
    else out.push({ text, tone });
  }
  return out;
}

const isHighlight = (tone: Tone) => tone === 'evidence' || tone === 'term';

/** Colourless terminals cannot show inverse: evidence gets `»…«` around it instead. */
export function addMarkers(segments: readonly Styled[]): Styled[] {
  const out: Styled[] = [];
  segments.forEach((segment, i) => {
    const before = segments[i - 1];
    const after = segments[i + 1];
    const opens = isHighlight(segment.tone) && !(before && isHighlight(before.tone));
    const closes = isHighlight(segment.tone) && !(after && isHighlight(after.tone));
    // Keep a sentence's trailing space outside the marker: »idiot.« not »idiot. «
    let text = segment.text;
    let trailing = '';
    if (closes) {
      const m = /\s+$/.exec(text);
      if (m) {
        trailing = m[0];
        text = text.slice(0, -trailing.length);
      }
    }
    out.push({ text: `${opens ? '»' : ''}${text}${closes ? '«' : ''}`, tone: segment.tone });
    if (trailing) out.push({ text: trailing, tone: 'plain' });
  });
  return out;
}

export interface Wrapped {
  readonly lines: Styled[][];
  /** Index of the first line holding evidence, or -1. */
  readonly firstEvidence: number;
  /** Index of the last line holding evidence, or -1. */
  readonly lastEvidence: number;
}

/**
 * Greedy word wrap to `width` columns. Line breaks in the text are kept,
 * runs of blank lines collapse to one, a word longer than a line is split.
 */
export function wrapSegments(segments: readonly Styled[], width: number): Wrapped {
  const w = Math.max(1, width);
  const lines: Styled[][] = [[]];
  let col = 0;
  const push = (text: string, tone: Tone) => {
    const line = lines[lines.length - 1]!;
    const last = line[line.length - 1];
    if (last && last.tone === tone) line[line.length - 1] = { text: last.text + text, tone };
    else line.push({ text, tone });
    col += textWidth(text);
  };
  const newline = () => {
    lines.push([]);
    col = 0;
  };
  for (const segment of segments) {
    for (const token of segment.text.match(/\n|[^\S\n]+|\S+/g) ?? []) {
      if (token === '\n') {
        newline();
        continue;
      }
      const tw = textWidth(token);
      if (/^\s/.test(token)) {
        if (col === 0) continue;
        if (col + tw > w) newline();
        else push(token, segment.tone);
        continue;
      }
      if (col > 0 && col + tw > w) newline();
      if (tw <= w) {
        push(token, segment.tone);
        continue;
      }
      let chunk = '';
      for (const ch of token) {
        if (col + textWidth(chunk) + charWidth(ch) > w) {
          push(chunk, segment.tone);
          newline();
          chunk = '';
        }
        chunk += ch;
      }
      if (chunk) push(chunk, segment.tone);
    }
  }
  const kept: Styled[][] = [];
  for (const line of lines) {
    const blank = line.every((s) => s.text.trim() === '');
    const prevBlank = kept.length === 0 || kept[kept.length - 1]!.every((s) => s.text.trim() === '');
    if (blank && prevBlank) continue;
    kept.push(blank ? [] : line);
  }
  while (kept.length > 0 && kept[kept.length - 1]!.length === 0) kept.pop();
  const evidence = kept.map((line) => line.some((s) => isHighlight(s.tone)));
  return { lines: kept, firstEvidence: evidence.indexOf(true), lastEvidence: evidence.lastIndexOf(true) };
}
