/**
 * Locates a JSON syntax error as line and column.
 *
 * `JSON.parse` in Node 20 gives an offset for some errors ("... in JSON at
 * position 123") but not for the commonest one ("Unexpected token 'x', ...
 * is not valid JSON"), and the wording changes between V8 releases. So on the
 * error path we re-scan the text with a small validator that always knows
 * where it stopped; the engine's offset is only a fallback.
 */

export interface JsonSyntaxProblem {
  /** UTF-16 offset of the offending character (the text's length at end of input). */
  readonly offset: number;
  readonly reason: string;
}

export interface LineColumn {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * The offset V8 puts in a `JSON.parse` message, in either the Node 20 form
 * (`at position 123`) or the newer one (`(line 4 column 7)`), or null.
 */
export function offsetFromEngineMessage(message: string, text: string): number | null {
  const lineCol = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineCol) {
    const line = Number(lineCol[1]);
    let start = 0;
    for (let l = 1; l < line; l++) {
      const next = text.indexOf('\n', start);
      if (next === -1) return null;
      start = next + 1;
    }
    return start + Number(lineCol[2]) - 1;
  }
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/Unexpected end of JSON input/i.test(message)) return text.length;
  return null;
}

const enum State {
  Value,
  ValueOrClose,
  Key,
  KeyOrClose,
  Colon,
  AfterValue,
}

/** First syntax error in `text` per RFC 8259, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | null {
  const stack: number[] = []; // char codes of '{' and '['
  let state = State.Value;
  let i = 0;
  const n = text.length;
  const at = (offset: number, reason: string): JsonSyntaxProblem => ({ offset, reason });
  const unexpected = (offset: number, expected: string): JsonSyntaxProblem =>
    offset >= n
      ? at(n, `unexpected end of input; expected ${expected}`)
      : at(offset, `unexpected ${describeChar(text, offset)}; expected ${expected}`);

  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
    const c = i < n ? text.charCodeAt(i) : -1;
    switch (state) {
      case State.ValueOrClose:
        if (c === 0x5d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          continue;
        }
      // falls through: anything else must be a value
      case State.Value: {
        if (c === 0x7b) {
          stack.push(c);
          i++;
          state = State.KeyOrClose;
        } else if (c === 0x5b) {
          stack.push(c);
          i++;
          state = State.ValueOrClose;
        } else if (c === 0x22) {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = State.AfterValue;
        } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
          const end = scanNumber(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          state = State.AfterValue;
        } else {
          const literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : c === 0x6e ? 'null' : null;
          if (literal === null) return unexpected(i, 'a value');
          for (let k = 1; k < literal.length; k++) {
            if (text[i + k] !== literal[k]) return unexpected(i + k, `'${literal}'`);
          }
          i += literal.length;
          state = State.AfterValue;
        }
        continue;
      }
      case State.KeyOrClose:
        if (c === 0x7d) {
          stack.pop();
          i++;
          state = State.AfterValue;
          continue;
        }
      // falls through: anything else must be a key
      case State.Key: {
        if (c !== 0x22) return unexpected(i, 'a double-quoted property name');
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        state = State.Colon;
        continue;
      }
      case State.Colon:
        if (c !== 0x3a) return unexpected(i, "':' after the property name");
        i++;
        state = State.Value;
        continue;
      case State.AfterValue: {
        const top = stack[stack.length - 1];
        if (top === undefined)
          return c === -1 ? null : at(i, `unexpected ${describeChar(text, i)} after the end of the JSON value`);
        const close = top === 0x7b ? 0x7d : 0x5d;
        if (c === 0x2c) {
          i++;
          state = top === 0x7b ? State.Key : State.Value;
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return unexpected(
            i,
            top === 0x7b ? "',' or '}' after a property value" : "',' or ']' after an array element",
          );
        }
        continue;
      }
    }
  }
}

/** Offset just past the closing quote, or the problem. */
function scanString(text: string, start: number): number | JsonSyntaxProblem {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, reason: 'unescaped control character (a raw line break or tab?) in a string' };
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        for (let h = i + 2; h < i + 6; h++) {
          if (!/[0-9a-fA-F]/.test(text[h] ?? '')) return { offset: h, reason: 'bad \\u escape in a string' };
        }
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i++;
      } else {
        return { offset: i + 1, reason: `bad escape ${e === undefined ? '\\' : JSON.stringify(`\\${e}`)} in a string` };
      }
    }
  }
  return { offset: start, reason: 'unterminated string (starts here)' };
}

const isDigit = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
};

/** Offset just past the number, or the problem at the first character that breaks it (as V8 reports). */
function scanNumber(text: string, start: number): number | JsonSyntaxProblem {
  let i = start;
  if (text[i] === '-') i++;
  if (text[i] === '0') {
    i++;
    if (isDigit(text, i)) return { offset: i, reason: 'number with a leading zero' };
  } else if (isDigit(text, i)) {
    while (isDigit(text, i)) i++;
  } else {
    return { offset: i, reason: "no digit after '-'" };
  }
  if (text[i] === '.') {
    i++;
    if (!isDigit(text, i)) return { offset: i, reason: 'no digit after the decimal point' };
    while (isDigit(text, i)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    if (!isDigit(text, i)) return { offset: i, reason: 'no digit in the exponent' };
    while (isDigit(text, i)) i++;
  }
  return i;
}

function describeChar(text: string, offset: number): string {
  const code = text.codePointAt(offset)!;
  const char = String.fromCodePoint(code);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return JSON.stringify(char).replace(/^"|"$/g, "'");
}
