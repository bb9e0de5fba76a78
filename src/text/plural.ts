/** `1 decision`, `2 decisions`: a count with its noun, in the plural only when it is not one. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
