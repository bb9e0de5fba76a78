/**
 * Imports a module with the global `fetch` hidden until the import settles.
 *
 * Why: Ink's layout engine (yoga-layout) carries its wasm inline as a data:
 * URL, but its emscripten loader still calls `fetch` on it whenever a global
 * `fetch` exists, and the first touch of Node's `fetch` loads undici (about
 * 0.15 s, measured with --cpu-prof) before the review's first frame. With
 * `fetch` hidden the loader decodes the inline bytes itself. Nothing in the
 * review UI fetches; the global is put back as it was, getter and all.
 */
export async function importWithoutFetch<T>(load: () => Promise<T>): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  if (!saved?.configurable) return load();
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    Object.defineProperty(globalThis, 'fetch', saved);
  }
}
