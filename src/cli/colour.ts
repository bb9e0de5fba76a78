/**
 * Whether the review may use colour. Ink and chalk read the environment
 * once, when they are first imported, so the command decides here and sets
 * FORCE_COLOR=0 before it loads the UI.
 */
export function colourWanted(env: NodeJS.ProcessEnv, colourFlag: boolean): boolean {
  if (!colourFlag) return false;
  // https://no-color.org: present and not empty.
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  return true;
}

/** Makes chalk (inside Ink) colourless too when colour is off. Call before importing Ink. */
export function applyColourChoice(env: NodeJS.ProcessEnv, colour: boolean): void {
  if (!colour) env.FORCE_COLOR = '0';
}
