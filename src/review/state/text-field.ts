/**
 * A one-line text box as a value: the text and a cursor. Every edit returns
 * a new field, so the session reducer stays pure.
 *
 * The cursor counts code points, not UTF-16 units, so an emoji in a reason
 * moves and deletes as one character.
 */
export interface TextField {
  readonly value: string;
  /** Code-point offset, 0..length. */
  readonly cursor: number;
}

export function textField(value = '', cursor?: number): TextField {
  const length = [...value].length;
  return { value, cursor: clamp(cursor ?? length, 0, length) };
}

export function insertText(field: TextField, text: string): TextField {
  const chars = [...field.value];
  const added = [...text];
  chars.splice(field.cursor, 0, ...added);
  return { value: chars.join(''), cursor: field.cursor + added.length };
}

export function deleteBack(field: TextField): TextField {
  if (field.cursor === 0) return field;
  const chars = [...field.value];
  chars.splice(field.cursor - 1, 1);
  return { value: chars.join(''), cursor: field.cursor - 1 };
}

export function deleteForward(field: TextField): TextField {
  const chars = [...field.value];
  if (field.cursor >= chars.length) return field;
  chars.splice(field.cursor, 1);
  return { value: chars.join(''), cursor: field.cursor };
}

/** Ctrl+W: the spaces before the cursor, then the word before them. */
export function deleteWord(field: TextField): TextField {
  const chars = [...field.value];
  let start = field.cursor;
  while (start > 0 && /\s/.test(chars[start - 1]!)) start--;
  while (start > 0 && !/\s/.test(chars[start - 1]!)) start--;
  chars.splice(start, field.cursor - start);
  return { value: chars.join(''), cursor: start };
}

export function moveCursor(field: TextField, delta: number): TextField {
  return { ...field, cursor: clamp(field.cursor + delta, 0, [...field.value].length) };
}

export function cursorTo(field: TextField, where: 'start' | 'end'): TextField {
  return { ...field, cursor: where === 'start' ? 0 : [...field.value].length };
}

/** The text split at the cursor, for drawing it. */
export function splitAtCursor(field: TextField): { before: string; at: string; after: string } {
  const chars = [...field.value];
  return {
    before: chars.slice(0, field.cursor).join(''),
    at: chars[field.cursor] ?? '',
    after: chars.slice(field.cursor + 1).join(''),
  };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
