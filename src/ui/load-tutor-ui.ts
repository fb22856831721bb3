/**
 * Loads the TUI (Ink, React, Yoga and the tutor's views) for the first frame.
 *
 * Ink lays out with yoga-layout, an Emscripten build whose wasm is inlined as a base64 `data:`
 * URL. When a global `fetch` exists, Emscripten fetches that URL, and Node's first fetch loads
 * all of undici: ~35-50 ms of the first frame (bench/tui.bench.ts) and a few MiB, for bytes that
 * are already in memory. Without `fetch` the same Emscripten code takes its other documented
 * path and decodes the data URL itself (the same bytes, the same wasm). So `fetch` is hidden
 * while the module graph evaluates and put back at once. Nothing of any dependency is
 * rewritten: this only decides which of its own paths it takes.
 */
import type * as RenderTutor from './render-tutor.js';

/**
 * Imports ./render-tutor.js with the global fetch hidden during the import (see above).
 * `hideFetch: false` leaves it alone, for when other work that might fetch runs at the same
 * time.
 */
export async function loadTutorUi(opts: { hideFetch?: boolean } = {}): Promise<typeof RenderTutor> {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  const hide = opts.hideFetch !== false && descriptor?.configurable === true;
  if (hide) Reflect.deleteProperty(globalThis, 'fetch');
  try {
    return await import('./render-tutor.js');
  } finally {
    if (hide) Object.defineProperty(globalThis, 'fetch', descriptor);
  }
}
