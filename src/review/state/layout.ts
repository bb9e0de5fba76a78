/**
 * How the terminal's rows are shared out. The screen is one row shorter than
 * the terminal: Ink clears and repaints the whole screen on every frame that
 * fills it, which flickers.
 */
export interface Layout {
  readonly columns: number;
  readonly rows: number;
  /** Rows of the queue or thread list. */
  readonly listHeight: number;
  /** Rows of the context pane. */
  readonly contextHeight: number;
  /** Too small to be usable: the app shows a message instead. */
  readonly tooSmall: boolean;
}

/** Header, list title, context title, two status lines, footer. */
export const FIXED_ROWS = 6;
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 12;

/**
 * `listRows` is how many rows the list has to show: a short queue takes only
 * the rows it needs and leaves the rest to the context pane, where the
 * comment being judged is.
 */
export function layout(columns: number, rows: number, listRows = Number.POSITIVE_INFINITY): Layout {
  const free = Math.max(0, rows - 1 - FIXED_ROWS);
  const share = Math.max(2, Math.round(free * 0.4));
  const listHeight = Math.min(share, Math.max(1, listRows));
  return {
    columns,
    rows,
    listHeight,
    contextHeight: Math.max(1, free - listHeight),
    tooSmall: columns < MIN_COLUMNS || rows < MIN_ROWS,
  };
}

/**
 * First row of a list window: the previous one, unless the selection left it
 * (then scrolled just enough, keeping one row of margin when there is room).
 */
export function scrollWindow(previousStart: number, selected: number, height: number, total: number): number {
  if (total <= height) return 0;
  const margin = height >= 5 ? 1 : 0;
  let start = Math.min(Math.max(0, previousStart), total - height);
  if (selected < start + margin) start = selected - margin;
  else if (selected > start + height - 1 - margin) start = selected - height + 1 + margin;
  return Math.min(Math.max(0, start), total - height);
}
