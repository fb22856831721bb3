/** Helpers for driving the TUI in ink-testing-library (after Shopify cli-kit's testing helpers). */
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

export type Rendered = ReturnType<typeof render>;

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Waits until the frame satisfies `pred` (or throws with the last frame after `timeoutMs`). */
export async function waitForFrame(
  r: Rendered,
  pred: (frame: string) => boolean,
  timeoutMs = 5000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const f = r.lastFrame() ?? '';
    if (pred(f)) return f;
    if (Date.now() > until) throw new Error(`timed out waiting for the frame; last frame:\n${f}`);
    await new Promise((res) => setTimeout(res, 10));
  }
}

/** Waits for text to appear on screen. */
export function waitForText(
  r: Rendered,
  text: string | RegExp,
  timeoutMs?: number,
): Promise<string> {
  return waitForFrame(
    r,
    (f) => (typeof text === 'string' ? f.includes(text) : text.test(f)),
    timeoutMs,
  );
}

/** Renders and waits until Ink listens for input (writing earlier would be lost). */
export async function renderReady(tree: ReactElement): Promise<Rendered> {
  const r = render(tree);
  await tick();
  await tick();
  return r;
}

/** Sends keys one write at a time, letting React settle between them. */
export async function press(r: Rendered, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    r.stdin.write(k);
    await tick();
    await new Promise((res) => setTimeout(res, 5));
  }
}

/** Types text one character at a time, as a person would. */
export async function typeText(r: Rendered, text: string): Promise<void> {
  await press(r, ...text.split(''));
}

export const KEY = {
  enter: '\r',
  esc: '\u001b',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  backspace: '\u007f',
  ctrlC: '\u0003',
  pageDown: '\u001b[6~',
};
