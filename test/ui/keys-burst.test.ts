import type { Key } from 'ink';
import { expect, it } from 'vitest';
import { handleKey } from '../../src/ui/hooks/use-tutor-keys.js';
import type { TutorActions, TutorState } from '../../src/ui/hooks/use-tutor.js';

const noKey = {} as Key;

/** Records what the key handler asked for, applying edits to a string like the real hook. */
function recorder() {
  let text = '';
  const submitted: string[] = [];
  const actions = new Proxy({} as TutorActions, {
    get: (_t, name) => {
      if (name === 'type') return (s: string) => void (text += s);
      if (name === 'backspace') return () => void (text = text.slice(0, -1));
      if (name === 'submitInput') return () => void submitted.push(text);
      return () => {
        throw new Error(`unexpected action ${String(name)}`);
      };
    },
  });
  return { actions, text: () => text, submitted };
}

it('applies erase and Enter inside a burst of keys arriving in one chunk', () => {
  const r = recorder();
  const state = { typing: true, dialog: 'none' } as unknown as TutorState;
  handleKey('123456789\u007f\u007f\u007f', noKey, state, r.actions);
  expect(r.text()).toBe('123456');
  handleKey('\b\b\b\b\b\b999999999999\r', noKey, state, r.actions);
  expect(r.submitted).toEqual(['999999999999']);
});
